package org.partybuilding.workflow;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets models count working days: a timer duration or date, a task's due or follow-up date of the form {@code P5WD}
 * ({@code <bpmn:timeDuration>${'P5WD'}</bpmn:timeDuration>}, {@code camunda:dueDate="${reviewDue}"} with the variable
 * "P5WD") ends with the 5th working day ({@link WorkingDays}) after the day it is set on, in the city's time zone: at
 * the city's midnight after that day. {@code P0WD} ends with the day it is set on, or with the next working day.
 * Everything else ({@code P3D}, {@code PT1H}, a date) is Camunda's own calendar's, unchanged. Cycles
 * ({@code R3/P1D}) stay Camunda's: a repeated working-day step is a model's loop.
 */
@Component
class WorkingDayCalendarPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<WorkingDays> workingDays;
    private final ZoneId zone;

    /** The calendar is looked up at the first deadline: it needs the database and the directory, built after the engine. */
    WorkingDayCalendarPlugin(ObjectProvider<WorkingDays> workingDays, @Value("${app.time-zone}") String zone) {
        this.workingDays = workingDays;
        this.zone = ZoneId.of(zone);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        BusinessCalendarManager manager = configuration.getBusinessCalendarManager();
        if (!(manager instanceof MapBusinessCalendarManager calendars)) {
            throw new IllegalStateException("Working-day durations need Camunda's MapBusinessCalendarManager, found " + manager);
        }
        for (String name : List.of(DurationBusinessCalendar.NAME, DueDateBusinessCalendar.NAME)) {
            calendars.addBusinessCalendar(name, new WorkingDayCalendar(calendars.getBusinessCalendar(name), workingDays::getObject, zone));
        }
    }

    /** One of Camunda's calendars with {@code PnWD} in front of it. */
    static final class WorkingDayCalendar implements BusinessCalendar {

        static final Pattern WORKING_DAYS = Pattern.compile("P(\\d{1,4})WD");

        private final BusinessCalendar camunda;
        private final Supplier<WorkingDays> workingDays;
        private final ZoneId zone;

        WorkingDayCalendar(BusinessCalendar camunda, Supplier<WorkingDays> workingDays, ZoneId zone) {
            this.camunda = camunda;
            this.workingDays = workingDays;
            this.zone = zone;
        }

        @Override
        public Date resolveDuedate(String description) {
            return resolveDuedate(description, (Date) null);
        }

        @Override
        public Date resolveDuedate(String description, Task task) {
            Matcher workingDaysAhead = match(description);
            return workingDaysAhead == null ? camunda.resolveDuedate(description, task) : endOf(workingDaysAhead, null);
        }

        @Override
        public Date resolveDuedate(String description, Date startDate) {
            Matcher workingDaysAhead = match(description);
            return workingDaysAhead == null ? camunda.resolveDuedate(description, startDate) : endOf(workingDaysAhead, startDate);
        }

        private static Matcher match(String description) {
            Matcher matcher = description == null ? null : WORKING_DAYS.matcher(description.strip());
            return matcher != null && matcher.matches() ? matcher : null;
        }

        private Date endOf(Matcher workingDaysAhead, Date startDate) {
            Date start = startDate == null ? ClockUtil.getCurrentTime() : startDate;
            LocalDate startDay = start.toInstant().atZone(zone).toLocalDate();
            LocalDate lastDay = workingDays.get().plus(startDay, Integer.parseInt(workingDaysAhead.group(1)));
            return Date.from(lastDay.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }
}
