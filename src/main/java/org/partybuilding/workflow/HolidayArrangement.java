package org.partybuilding.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * One year's holiday arrangement as the State Council's General Office publishes it (国务院办公厅关于某年部分节假日安排的通知),
 * in the format of the shipped files {@code holidays/<year>.json} and of {@code PUT /api/holiday-calendar/{year}}.
 * Always valid: built only by {@link HolidayArrangementParser}.
 *
 * @param year        the year the notice is for
 * @param source      the notice (title, number), for people reading the calendar
 * @param published   the day the notice was issued
 * @param holidays    days off, each a range of consecutive days (weekends inside included)
 * @param workingDays weekend days that are worked instead (调休上班)
 */
record HolidayArrangement(int year, String source, LocalDate published, List<Holiday> holidays, List<WorkingDay> workingDays) {

    HolidayArrangement {
        holidays = List.copyOf(holidays);
        workingDays = List.copyOf(workingDays);
    }

    /** 放假: {@code from} to {@code to}, both included. */
    record Holiday(String name, LocalDate from, LocalDate to) {
    }

    /** 调休上班: a Saturday or Sunday worked, for the holiday named. */
    record WorkingDay(LocalDate date, @JsonProperty("for") String forHoliday) {
    }
}
