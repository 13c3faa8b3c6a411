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
 * America/Los_Angeles, see the pom): a due date ends at the city's midnight, "today" is the city's today, and
 * reminders and escalations count working days of the published holiday arrangement.
 */
class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines("Asia/Shanghai", WorkingDays.ofShippedArrangements());

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

    @Test
    void aReminderThreeWorkingDaysBeforeADueDateAfterNationalDayFallsBeforeTheHolidayAtHalfPastEight() {
        Date deadline = deadlines.deadlineOf(LocalDate.of(2025, 10, 10));

        // 10 October 2025: the working days before it are 9 October, 29 and 30 September (1-8 October are off)
        assertThat(deadlines.reminderBefore(deadline, 3).toInstant()).isEqualTo(Instant.parse("2025-09-29T00:30:00Z"));
        assertThat(deadlines.text(deadline)).isEqualTo("2025年10月10日");
    }

    @Test
    void escalationsCountWorkingDaysAfterTheDueDate() {
        Date deadline = deadlines.deadlineOf(LocalDate.of(2025, 9, 30));

        assertThat(deadlines.workingDaysAfter(deadline, 0)).isEqualTo(deadline);
        // 9 (Thursday) and 10 October, 11 October (the adjusted working Saturday)
        assertThat(deadlines.workingDaysAfter(deadline, 3)).isEqualTo(deadlines.deadlineOf(LocalDate.of(2025, 10, 11)));
    }

    @Test
    void aDeadlineInAYearWithoutAnArrangementIsMarkedProvisional() {
        // 2025 and 2026 ship with the application, 2027 does not
        Date unpublished = deadlines.deadlineOf(LocalDate.of(2027, 1, 15));
        Date published = deadlines.deadlineOf(LocalDate.of(2026, 12, 31));

        assertThat(deadlines.deadlineText(unpublished)).isEqualTo("2027年1月15日（暂定：该年节假日安排尚未公布）");
        assertThat(deadlines.deadlineText(LocalDate.of(2027, 1, 15))).isEqualTo("2027年1月15日（暂定：该年节假日安排尚未公布）");
        assertThat(deadlines.deadlineText(published)).isEqualTo("2026年12月31日");
    }

    @Test
    void returnedWorkGetsAtLeastTheMinimumOfWorkingDaysFromToday() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-09-29T02:00:00Z"))); // Tuesday 29 September 2026
        Date passed = deadlines.deadlineOf(LocalDate.of(2026, 9, 25));
        Date later = deadlines.deadlineOf(LocalDate.of(2026, 11, 30));

        // 30 September, then National Day 1-7 October, 8 and 9 October
        assertThat(deadlines.atLeastWorkingDaysFromToday(passed, 3)).isEqualTo(deadlines.deadlineOf(LocalDate.of(2026, 10, 9)));
        assertThat(deadlines.atLeastWorkingDaysFromToday(later, 3)).isEqualTo(later);
    }
}
