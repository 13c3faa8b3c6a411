package org.partybuilding.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code PnWD} in a model: a review task due in 3 working days with a reminder after 2, opened on Tuesday
 * 30 September 2025, the day before the National Day week (1–8 October off, Saturday 11 October worked).
 */
@IntegrationTest
class WorkingDayCalendarPluginTest {

    static final String PROCESS_ID = "test-working-day-deadlines";
    static final String REVIEW = "Task_Review";
    static final String REMINDER = "BoundaryEvent_RemindReviewer";
    static final String REVIEW_DUE = "reviewDue";
    static final String REMIND_AFTER = "remindAfter";

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;

    @BeforeEach
    void deploy() {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_ID).count() == 0) {
            repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn",
                    Bpmn.createExecutableProcess(PROCESS_ID).camundaHistoryTimeToLive(1).startEvent()
                            .userTask(REVIEW).name("复核").camundaDueDate("${" + REVIEW_DUE + "}")
                            .boundaryEvent(REMINDER).name("提醒复核").cancelActivity(false).timerWithDuration("${" + REMIND_AFTER + "}")
                            .endEvent()
                            .moveToActivity(REVIEW).endEvent().done()).deploy();
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void workingDayDeadlinesSkipTheNationalDayWeekAndEndAtTheCitysMidnight() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2025-09-30T02:00:00Z"))); // 10:00 in the city

        String instance = runtimeService.startProcessInstanceByKey(PROCESS_ID, Map.of(REVIEW_DUE, "P3WD", REMIND_AFTER, "P2WD")).getId();

        Task review = taskService.createTaskQuery().processInstanceId(instance).singleResult();
        // 9 October, 10 October, Saturday 11 October: due at its end, midnight in Shanghai
        assertThat(review.getDueDate().toInstant()).isEqualTo(Instant.parse("2025-10-11T16:00:00Z"));
        Job reminder = managementService.createJobQuery().processInstanceId(instance).activityId(REMINDER).singleResult();
        assertThat(reminder.getDuedate().toInstant()).isEqualTo(Instant.parse("2025-10-10T16:00:00Z"));
        runtimeService.deleteProcessInstance(instance, "test done");
    }

    @Test
    void camundasOwnDurationsAreUnchanged() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2025-09-30T02:00:00Z")));

        String instance = runtimeService.startProcessInstanceByKey(PROCESS_ID, Map.of(REVIEW_DUE, "P3D", REMIND_AFTER, "PT1H")).getId();

        assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getDueDate().toInstant())
                .isEqualTo(Instant.parse("2025-10-03T02:00:00Z"));
        assertThat(managementService.createJobQuery().processInstanceId(instance).singleResult().getDuedate().toInstant())
                .isEqualTo(Instant.parse("2025-09-30T03:00:00Z"));
        runtimeService.deleteProcessInstance(instance, "test done");
    }
}
