package org.partybuilding.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The working-day calendar on the shipped arrangements for 2025 and 2026, and on 2027, which none is loaded for. */
class WorkingDaysTest {

    private final List<LocalDate> provisionalDeadlines = new ArrayList<>();
    private final Map<Integer, HolidayArrangement> arrangements = new HashMap<>(ShippedHolidayArrangements.read());
    private final WorkingDays workingDays = new WorkingDays(() -> arrangements, provisionalDeadlines::add);

    @Test
    void nationalDay2025IsOffFromTheFirstToTheEighthWithSundayAndSaturdayAroundItWorked() {
        assertThat(datesFrom(LocalDate.of(2025, 10, 1), 8)).noneMatch(workingDays::isWorkingDay);
        assertThat(workingDays.isWorkingDay(LocalDate.of(2025, 9, 28))).as("Sunday 28 September").isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2025, 10, 11))).as("Saturday 11 October").isTrue();
        assertThat(workingDays.holidayName(LocalDate.of(2025, 10, 6))).contains("国庆节、中秋节");
    }

    @Test
    void threeWorkingDaysBeforeTheTenthOfOctober2025IsTheTwentyNinthOfSeptember() {
        assertThat(workingDays.plus(LocalDate.of(2025, 10, 10), -3)).isEqualTo(LocalDate.of(2025, 9, 29));
        assertThat(workingDays.plus(LocalDate.of(2025, 9, 30), 3)).isEqualTo(LocalDate.of(2025, 10, 11));
        assertThat(workingDays.workingDaysBetween(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 12))).isEqualTo(3);
        assertThat(workingDays.workingDaysBetween(LocalDate.of(2025, 10, 12), LocalDate.of(2025, 9, 30))).isEqualTo(-3);
    }

    @Test
    void springFestival2026IsNineDaysOffWithTheSaturdaysBeforeAndAfterWorked() {
        assertThat(datesFrom(LocalDate.of(2026, 2, 15), 9)).noneMatch(workingDays::isWorkingDay);
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(workingDays.plus(LocalDate.of(2026, 2, 13), 1)).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(workingDays.plus(LocalDate.of(2026, 2, 14), 1)).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(workingDays.holidayName(LocalDate.of(2026, 2, 21))).contains("春节");
    }

    @Test
    void anAdjustedWorkingSundayIsAWorkingDay() {
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 1, 4))).isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2025, 9, 28))).isTrue();
        assertThat(workingDays.holidayName(LocalDate.of(2026, 1, 4))).isEmpty();
        assertThat(workingDays.plus(LocalDate.of(2025, 12, 31), 1)).isEqualTo(LocalDate.of(2026, 1, 4));
    }

    @Test
    void zeroWorkingDaysIsTheDayItselfOrTheNextWorkingDay() {
        assertThat(workingDays.plus(LocalDate.of(2026, 3, 4), 0)).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(workingDays.plus(LocalDate.of(2026, 10, 3), 0)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(workingDays.nextWorkingDay(LocalDate.of(2026, 3, 7))).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    void aDayOffSaysWhyInChinese() {
        assertThat(workingDays.whyNotWorking(LocalDate.of(2026, 10, 3))).contains("2026年10月3日是国庆节假期");
        assertThat(workingDays.whyNotWorking(LocalDate.of(2026, 3, 7))).contains("2026年3月7日是星期六");
        assertThat(workingDays.whyNotWorking(LocalDate.of(2026, 3, 4))).isEmpty();
        assertThat(workingDays.whyNotWorking(LocalDate.of(2027, 10, 1)))
                .contains("2027年10月1日是国庆节假期（2027年的节假日安排尚未载入，按法定节假日计）");
    }

    @Test
    void year2027WithoutAnArrangementCountsStatutoryHolidaysAndNoAdjustedDays() {
        assertThat(workingDays.provisional(LocalDate.of(2027, 3, 1))).isTrue();
        assertThat(workingDays.provisional(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(Stream.of(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 8), LocalDate.of(2027, 4, 5),
                LocalDate.of(2027, 6, 9), LocalDate.of(2027, 9, 15), LocalDate.of(2027, 10, 1), LocalDate.of(2027, 10, 2)))
                .noneMatch(workingDays::isWorkingDay);
        assertThat(workingDays.holidayName(LocalDate.of(2027, 2, 5))).contains("春节");
        assertThat(workingDays.holidayName(LocalDate.of(2027, 2, 6))).contains("春节");
        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 2, 9))).isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 10, 4))).isTrue();
        assertThat(datesFrom(LocalDate.of(2027, 1, 1), 365).filter(d -> d.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue()))
                .noneMatch(workingDays::isWorkingDay);
    }

    @Test
    void aDeadlineInAYearWithoutAnArrangementIsNoted() {
        assertThat(workingDays.plus(LocalDate.of(2026, 12, 30), 2)).isEqualTo(LocalDate.of(2027, 1, 4));
        workingDays.plus(LocalDate.of(2026, 12, 1), 3);
        workingDays.nextWorkingDay(LocalDate.of(2027, 10, 1));

        assertThat(provisionalDeadlines).containsExactly(LocalDate.of(2027, 1, 4), LocalDate.of(2027, 10, 4));
    }

    @Test
    void aLoadedArrangementTakesEffectAtTheReload() {
        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 2, 20))).isFalse();
        arrangements.put(2027, new HolidayArrangement(2027, "测试", LocalDate.of(2026, 11, 1),
                List.of(new HolidayArrangement.Holiday("春节", LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 12))),
                List.of(new HolidayArrangement.WorkingDay(LocalDate.of(2027, 2, 20), "春节"))));

        workingDays.reload();

        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 2, 20))).isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 2, 10))).isFalse();
        assertThat(workingDays.provisional(LocalDate.of(2027, 2, 20))).isFalse();
    }

    @Test
    void aNoticeReachingIntoDecemberCountsThere() {
        // as the notice for 2023 did: 元旦 from Saturday 31 December 2022, with a Sunday before worked (here invented)
        arrangements.put(2027, new HolidayArrangement(2027, "测试", LocalDate.of(2026, 11, 1),
                List.of(new HolidayArrangement.Holiday("元旦", LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 3))),
                List.of(new HolidayArrangement.WorkingDay(LocalDate.of(2026, 12, 27), "元旦"))));

        workingDays.reload();

        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(workingDays.holidayName(LocalDate.of(2026, 12, 31))).contains("元旦");
        assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 12, 27))).isTrue();
    }

    private static Stream<LocalDate> datesFrom(LocalDate first, int days) {
        return Stream.iterate(first, d -> d.plusDays(1)).limit(days);
    }
}
