package org.partybuilding.workflow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The days every citizen has off by 《全国年节及纪念日放假办法》 (revised 10 November 2024, in force since 1 January 2025,
 * Article 2): 11 days, without the weekends around them and without any adjusted working day. A year's published
 * arrangement must cover all of them; a year without one counts only these and the weekends.
 */
final class StatutoryHolidays {

    static final String NEW_YEARS_DAY = "元旦";
    static final String SPRING_FESTIVAL = "春节";
    static final String QINGMING = "清明节";
    static final String LABOUR_DAY = "劳动节";
    static final String DRAGON_BOAT = "端午节";
    static final String MID_AUTUMN = "中秋节";
    static final String NATIONAL_DAY = "国庆节";

    private static final Map<Integer, SortedMap<LocalDate, String>> BY_YEAR = new ConcurrentHashMap<>();

    private StatutoryHolidays() {
    }

    /** Each statutory day of the year with its holiday's name ("国庆节、中秋节" where two fall on one day). */
    static SortedMap<LocalDate, String> of(int year) {
        return BY_YEAR.computeIfAbsent(year, StatutoryHolidays::compute);
    }

    /** The same days as ranges of consecutive days with one name, in the arrangement's format. */
    static List<HolidayArrangement.Holiday> ranges(int year) {
        List<HolidayArrangement.Holiday> ranges = new ArrayList<>();
        for (Map.Entry<LocalDate, String> day : of(year).entrySet()) {
            HolidayArrangement.Holiday last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.name().equals(day.getValue()) && last.to().plusDays(1).equals(day.getKey())) {
                ranges.set(ranges.size() - 1, new HolidayArrangement.Holiday(last.name(), last.from(), day.getKey()));
            } else {
                ranges.add(new HolidayArrangement.Holiday(day.getValue(), day.getKey(), day.getKey()));
            }
        }
        return ranges;
    }

    private static SortedMap<LocalDate, String> compute(int year) {
        SortedMap<LocalDate, String> days = new TreeMap<>();
        add(days, LocalDate.of(year, 1, 1), 1, NEW_YEARS_DAY);
        // 农历除夕、正月初一至初三
        add(days, LunarDates.newYear(year).minusDays(1), 4, SPRING_FESTIVAL);
        add(days, LunarDates.qingming(year), 1, QINGMING);
        add(days, LocalDate.of(year, 5, 1), 2, LABOUR_DAY);
        add(days, LunarDates.firstDayOfMonth(year, 5).plusDays(4), 1, DRAGON_BOAT);
        add(days, LunarDates.firstDayOfMonth(year, 8).plusDays(14), 1, MID_AUTUMN);
        add(days, LocalDate.of(year, 10, 1), 3, NATIONAL_DAY);
        return Collections.unmodifiableSortedMap(days);
    }

    private static void add(SortedMap<LocalDate, String> days, LocalDate first, int count, String name) {
        for (int i = 0; i < count; i++) {
            // 中秋 can fall within 国庆 (2028: 3 October); named as the notices do, National Day first
            days.merge(first.plusDays(i), name, (earlier, later) -> NATIONAL_DAY.equals(later) ? later + "、" + earlier : earlier + "、" + later);
        }
    }
}
