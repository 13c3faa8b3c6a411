package org.partybuilding.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statutory holidays of years without an arrangement, against published calendars: the State Council's notices
 * for 2025 and 2026 (春节 from 除夕, 端午, 中秋 as given there) and the Hong Kong Observatory's tables for later years.
 */
class StatutoryHolidaysTest {

    @ParameterizedTest(name = "农历新年 {0}: {1}")
    @CsvSource({"2025, 2025-01-29", "2026, 2026-02-17", "2027, 2027-02-06", "2028, 2028-01-26", "2029, 2029-02-13",
            "2030, 2030-02-03"})
    void theLunarNewYearIsTheObservatoriesDayEvenWhereIcuIsADayOff(int year, LocalDate newYear) {
        assertThat(LunarDates.newYear(year)).isEqualTo(newYear);
    }

    @ParameterizedTest(name = "清明 {0}: {1}")
    @CsvSource({"2025, 2025-04-04", "2026, 2026-04-05", "2027, 2027-04-05", "2028, 2028-04-04"})
    void qingmingIsTheDayTheSunReachesFifteenDegrees(int year, LocalDate qingming) {
        assertThat(LunarDates.qingming(year)).isEqualTo(qingming);
    }

    @Test
    void qingmingAgreesWithTheCalendarMakersFormulaForDecades() {
        // 寿星公式 for the 21st century: day = floor(YY × 0.2422 + 4.81) − floor(YY / 4)
        for (int year = 2025; year <= 2070; year++) {
            int yy = year % 100;
            int day = (int) Math.floor(yy * 0.2422 + 4.81) - yy / 4;
            assertThat(LunarDates.qingming(year)).as("清明 %d", year).isEqualTo(LocalDate.of(year, 4, day));
        }
    }

    @Test
    void theNewMoonOfMeeusWorkedExampleIsReproduced() {
        // Astronomical Algorithms, example 49.a: the new moon of February 1977, JDE 2443192.65118
        assertThat(LunarDates.newMoon(-283)).isCloseTo(2443192.65118, within(0.00001));
    }

    @Test
    void theCorrectedMonthStartsStayWithinADayOfIcuUntil2100() {
        for (int year = 2025; year <= 2100; year++) {
            for (int month = 1; month <= 12; month++) {
                LocalDate first = LunarDates.firstDayOfMonth(year, month);
                // a month starts on the day of a new moon, in Beijing
                assertThat(LunarDates.dayOfNewMoonNear(first)).isEqualTo(first);
                if (month > 1) {
                    long length = ChronoUnit.DAYS.between(LunarDates.firstDayOfMonth(year, month - 1), first);
                    assertThat(length).as("%d month %d", year, month - 1).isBetween(29L, 60L);
                }
            }
        }
    }

    @Test
    void year2027HasElevenStatutoryDaysWithoutAdjustments() {
        assertThat(StatutoryHolidays.of(2027)).containsExactly(
                entry(LocalDate.of(2027, 1, 1), "元旦"),
                entry(LocalDate.of(2027, 2, 5), "春节"), entry(LocalDate.of(2027, 2, 6), "春节"),
                entry(LocalDate.of(2027, 2, 7), "春节"), entry(LocalDate.of(2027, 2, 8), "春节"),
                entry(LocalDate.of(2027, 4, 5), "清明节"),
                entry(LocalDate.of(2027, 5, 1), "劳动节"), entry(LocalDate.of(2027, 5, 2), "劳动节"),
                entry(LocalDate.of(2027, 6, 9), "端午节"),
                entry(LocalDate.of(2027, 9, 15), "中秋节"),
                entry(LocalDate.of(2027, 10, 1), "国庆节"), entry(LocalDate.of(2027, 10, 2), "国庆节"),
                entry(LocalDate.of(2027, 10, 3), "国庆节"));
        assertThat(StatutoryHolidays.ranges(2027)).extracting(HolidayArrangement.Holiday::name)
                .containsExactly("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");
    }

    @Test
    void theDaysTheNoticesGaveFor2025And2026AreTheStatutoryOnes() {
        assertThat(StatutoryHolidays.of(2025)).contains(entry(LocalDate.of(2025, 1, 28), "春节"),
                entry(LocalDate.of(2025, 5, 31), "端午节"), entry(LocalDate.of(2025, 10, 6), "中秋节"));
        assertThat(StatutoryHolidays.of(2026)).contains(entry(LocalDate.of(2026, 2, 16), "春节"),
                entry(LocalDate.of(2026, 6, 19), "端午节"), entry(LocalDate.of(2026, 9, 25), "中秋节"));
    }

    @Test
    void aMidAutumnFestivalOnNationalDayIsOneDayWithBothNames() {
        assertThat(StatutoryHolidays.of(2028)).containsEntry(LocalDate.of(2028, 10, 3), "国庆节、中秋节").hasSize(12);
    }
}
