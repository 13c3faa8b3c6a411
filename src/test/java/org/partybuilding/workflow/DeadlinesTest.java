package org.partybuilding.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The city's calendar, whatever the host's time zone (this test also runs with {@code user.timezone}
 * America/Los_Angeles, see the pom): a due date ends at the city's midnight, "today" is the city's today.
 */
class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines("Asia/Shanghai", new WorkingDays());

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aDueDateEndsAtTheCitysMidnightWhateverTheHostsZone() {
        Date deadline = deadlines.deadlineOf(LocalDate.of(2026, 12, 1));

        assertThat(deadline.toInstant()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
        assertThat(deadlines.dateOf(deadline)).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(deadlines.text(LocalDate.of(2026, 12, 1))).isEqualTo("2026年12月1日");
    }

    @Test
    void todayIsTheCitysDayEvenWhereTheHostIsStillOnTheDayBefore() {
        // 08:30 in Shanghai is 16:30 of the previous day in Los Angeles
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:30:00Z")));

        assertThat(deadlines.today()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void overdueDaysCountFromTheDeadline() {
        Date deadline = deadlines.deadlineOf(LocalDate.of(2026, 12, 1));
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-04T17:00:00Z")));

        assertThat(deadlines.daysOverdue(deadline)).isEqualTo(3);
    }
}
