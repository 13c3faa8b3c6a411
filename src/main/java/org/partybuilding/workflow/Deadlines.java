package org.partybuilding.workflow;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calendar arithmetic of every process, in the city's time zone. A due date is a whole day: its deadline is the end of
 * that day (midnight after it, as an instant, which a browser in any zone shows as the same moment). Working days come
 * from {@link WorkingDays}. "Now" is the engine's clock, so tests that move it move everything.
 */
@Component
public class Deadlines {

    /** Reminders go out at the start of the working day, not at midnight. */
    static final LocalTime REMINDER_TIME = LocalTime.of(8, 30);
    /** What {@link #deadlineText} adds to a date in a year without a loaded holiday arrangement. */
    public static final String PROVISIONAL = "（暂定：该年节假日安排尚未公布）";
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ZoneId zone;
    private final WorkingDays workingDays;

    Deadlines(@Value("${app.time-zone}") String zone, WorkingDays workingDays) {
        this.zone = ZoneId.of(zone);
        this.workingDays = workingDays;
    }

    public ZoneId zone() {
        return zone;
    }

    public Date now() {
        return ClockUtil.getCurrentTime();
    }

    public LocalDate today() {
        return now().toInstant().atZone(zone).toLocalDate();
    }

    /** The moment the due date has passed: midnight after it. */
    public Date deadlineOf(LocalDate dueDate) {
        return Date.from(dueDate.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The due date whose deadline this is: the calendar day that ends at it. */
    public LocalDate dueDateOf(Date deadline) {
        return dateOf(new Date(deadline.getTime() - 1));
    }

    /** The calendar day of an instant in the city's time zone. */
    public LocalDate dateOf(Date instant) {
        return instant.toInstant().atZone(zone).toLocalDate();
    }

    /** The n-th working day after today: a due date a person may choose. */
    public LocalDate workingDaysFromTodayDate(int n) {
        return workingDays.plus(today(), n);
    }

    /** The deadline {@code n} working days from today: the end of the n-th working day after today. */
    public Date workingDaysFromToday(int n) {
        return deadlineOf(workingDays.plus(today(), n));
    }

    /** The reminder of a deadline: 8:30 on the n-th working day before its due date (at once if that has passed). */
    public Date reminderBefore(Date deadline, int workingDaysBefore) {
        LocalDate day = workingDays.plus(dueDateOf(deadline), -workingDaysBefore);
        return Date.from(day.atTime(REMINDER_TIME).atZone(zone).toInstant());
    }

    /** The end of the n-th working day after a deadline's due date; the deadline itself for 0. */
    public Date workingDaysAfter(Date deadline, int n) {
        return n <= 0 ? deadline : deadlineOf(workingDays.plus(dueDateOf(deadline), n));
    }

    /** The later of a deadline and the end of the n-th working day from today: returned work gets at least n days. */
    public Date atLeastWorkingDaysFromToday(Date deadline, int n) {
        Date minimum = workingDaysFromToday(n);
        return minimum.after(deadline) ? minimum : deadline;
    }

    public boolean isWorkingDay(LocalDate date) {
        return workingDays.isWorkingDay(date);
    }

    /** Why a day is not a working day, in Chinese ("2026年10月3日是国庆节假期"); empty for a working day. */
    public java.util.Optional<String> whyNotWorking(LocalDate date) {
        return workingDays.whyNotWorking(date);
    }

    /** Whole days since the deadline (0 on the first day after it). */
    public long daysOverdue(Date deadline) {
        return Math.max(0, Duration.between(deadline.toInstant(), now().toInstant()).toDays());
    }

    public String text(LocalDate date) {
        return CHINESE_DATE.format(date);
    }

    /** A deadline as its due date in Chinese: "2026年12月1日". */
    public String text(Date deadline) {
        return text(dueDateOf(deadline));
    }

    /**
     * A deadline as tasks and forms show it: its due date in Chinese, marked provisional when the date's year has no
     * holiday arrangement loaded ("2027年1月15日（暂定：该年节假日安排尚未公布）"), since it may move once one is.
     */
    public String deadlineText(Date deadline) {
        return deadlineText(dueDateOf(deadline));
    }

    /** A due date as tasks and forms show it, marked provisional like {@link #deadlineText(Date)}. */
    public String deadlineText(LocalDate dueDate) {
        return text(dueDate) + (workingDays.provisional(dueDate) ? PROVISIONAL : "");
    }
}
