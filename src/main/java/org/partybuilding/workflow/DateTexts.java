package org.partybuilding.workflow;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Dates as the calendar's Chinese messages write them. */
final class DateTexts {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("M月d日");
    private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

    private DateTexts() {
    }

    /** 2026年10月3日 */
    static String full(LocalDate date) {
        return FULL.format(date);
    }

    /** 10月3日 */
    static String monthDay(LocalDate date) {
        return MONTH_DAY.format(date);
    }

    /** 星期六 */
    static String weekday(LocalDate date) {
        return WEEKDAYS[date.getDayOfWeek().getValue() - 1];
    }

    static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
