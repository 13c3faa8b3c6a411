package org.partybuilding.rectification;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calendar arithmetic of the ledger, in the city's time zone. A due date is a whole day: the deadline is
 * the end of that day. "Now" is the engine's clock, so tests that move it move everything.
 */
@Component
class Deadlines {

    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ZoneId zone;

    Deadlines(@Value("${app.time-zone}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    Date now() {
        return ClockUtil.getCurrentTime();
    }

    LocalDate today() {
        return now().toInstant().atZone(zone).toLocalDate();
    }

    /** The moment the due date has passed: midnight after it. */
    Date deadlineOf(LocalDate dueDate) {
        return Date.from(dueDate.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The calendar day of an instant in the city's time zone. */
    LocalDate dateOf(Date instant) {
        return instant.toInstant().atZone(zone).toLocalDate();
    }

    Date plusDays(Date instant, int days) {
        return Date.from(instant.toInstant().plus(Duration.ofDays(days)));
    }

    /** Whole days since the deadline (0 on the first day after it). */
    long daysOverdue(Date deadline) {
        return Math.max(0, Duration.between(deadline.toInstant(), now().toInstant()).toDays());
    }

    String text(LocalDate date) {
        return CHINESE_DATE.format(date);
    }
}
