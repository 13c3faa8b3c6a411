package org.partybuilding.rectification;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.partybuilding.workflow.ProcessTestSupport.awaitMails;
import static org.partybuilding.workflow.ProcessTestSupport.body;
import static org.partybuilding.workflow.ProcessTestSupport.mailStartingWith;
import static org.partybuilding.workflow.ProcessTestSupport.recipients;
import static org.partybuilding.workflow.ProcessTestSupport.subject;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Groups;
import org.partybuilding.rectification.RectificationProcess.Elements;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.StepDeadlines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code rectification}, with the demo city: 李家村 (village-lijia, secretary li.changfu) is
 * supervised by 河西镇 (town-hexi, staff mao.jianjun and qiu.hongmei), which the city supervises; zhao.min and
 * kong.linghui are the organization department. Timers are fired explicitly; emails arrive in GreenMail over real
 * SMTP. Deadlines count working days.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class RectificationProcessTest {

    static final String SECRETARY = "li.changfu";
    static final List<String> TOWN_STAFF = List.of("mao.jianjun@qinghe.example", "qiu.hongmei@qinghe.example");
    static final List<String> ORG_DEPT = List.of("zhao.min@qinghe.example", "kong.linghui@qinghe.example");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Autowired ProcessEngine processEngine;
    @Autowired RectificationService rectifications;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired RepositoryService repositoryService;
    @Autowired ManagementService managementService;
    @Autowired ProcessTestSupport process;
    @Autowired Deadlines deadlines;

    private final List<String> instances = new ArrayList<>();
    /** Each test's item has its own title, so its mails are told apart from other tests' late ones. */
    private String title;

    @BeforeEach
    void initAssertions(TestInfo test) {
        BpmnAwareTests.init(processEngine);
        title = "党员活动室台账不全（" + Math.abs(test.getTestMethod().orElseThrow().getName().hashCode() % 1000) + "）";
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void secretarySubmitsAndTheSupervisorAccepts() {
        LocalDate due = process.workingDay(10);
        ProcessInstance instance = open(Severity.MEDIUM, due);
        assertThat(instance).isWaitingAt(Elements.SUBMIT).task().isAssignedTo(SECRETARY);
        Assertions.assertThat(task().getDueDate()).isEqualTo(deadlines.deadlineOf(due));
        Assertions.assertThat(task().getDescription()).isEqualTo(title);

        submit();
        assertThat(instance).isWaitingAt(Elements.VERIFY).task().hasCandidateGroup(Groups.staffOf("town-hexi"));
        Assertions.assertThat(task().getDueDate()).isEqualTo(deadlines.deadlineOf(process.workingDay(5)));
        verify(RectificationProcess.VERIFICATION_ACCEPT, null);

        assertThat(instance).isEnded().hasPassed(Elements.ACCEPTED_GATEWAY, Elements.CLOSE_ITEM, Elements.CLOSED_END);
        RectificationItem item = ledger(instance);
        Assertions.assertThat(item.status()).isEqualTo(Status.CLOSED);
        Assertions.assertThat(item.history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.SUBMITTED, EventType.ACCEPTED, EventType.CLOSED);
        Assertions.assertThat(item.history().get(1).actor()).isEqualTo(SECRETARY);
    }

    @Test
    void rejectedWorkGoesBackToTheSecretaryWithItsDeadlineAndIsCounted() {
        ProcessInstance instance = open(Severity.LOW, process.workingDay(10));
        Date deadline = task().getDueDate();
        submit();
        verify(RectificationProcess.VERIFICATION_REJECT, "照片不清晰，请补充会议记录");

        assertThat(instance).isWaitingAt(Elements.SUBMIT).task().isAssignedTo(SECRETARY);
        Assertions.assertThat(task().getDueDate()).as("time was left: the deadline stays").isEqualTo(deadline);
        RectificationItem rejected = ledger(instance);
        Assertions.assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        Assertions.assertThat(rejected.rejections()).isEqualTo(1);
        Assertions.assertThat(rejected.history()).last().satisfies(e -> {
            Assertions.assertThat(e.type()).isEqualTo(EventType.REJECTED);
            Assertions.assertThat(e.detail()).contains("照片不清晰");
        });

        submit();
        verify(RectificationProcess.VERIFICATION_ACCEPT, null);
        assertThat(instance).isEnded().hasPassed(Elements.REJECTION_LIMIT_GATEWAY, Elements.DEADLINES_MERGE, Elements.CLOSED_END);
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void workReturnedAfterTheDeadlineGetsAtLeastThreeMoreWorkingDays() {
        LocalDate due = process.workingDay(2);
        ProcessInstance instance = open(Severity.MEDIUM, due);
        submit();
        // the verifiers take their time: the item's due date passes while the work is with them
        ClockUtil.setCurrentTime(deadlines.deadlineOf(due.plusDays(3)));
        verify(RectificationProcess.VERIFICATION_REJECT, "整改措施不具体");

        LocalDate extended = process.workingDay(3);
        Assertions.assertThat(task().getDueDate()).isEqualTo(deadlines.deadlineOf(extended));
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), Variables.DUE_DATE_TEXT)).isEqualTo(deadlines.deadlineText(extended));
        RectificationItem item = ledger(instance);
        Assertions.assertThat(item.dueDate()).isEqualTo(extended);
        Assertions.assertThat(item.status()).isEqualTo(Status.REJECTED);
        Assertions.assertThat(item.history()).last().satisfies(e -> {
            Assertions.assertThat(e.type()).isEqualTo(EventType.EXTENDED);
            Assertions.assertThat(e.detail()).contains(process.text(extended));
        });
        // nothing is overdue: the secretary's escalation waits for the new deadline
        Assertions.assertThat(managementService.createJobQuery().processInstanceId(instance.getId())
                .activityId(Elements.SUBMIT_DEADLINE_TIMER).singleResult().getDuedate()).isEqualTo(deadlines.deadlineOf(extended));
    }

    @Test
    void aDueDateInAYearWithoutAnArrangementIsMarkedProvisionalOnTheTaskAndItsForm() {
        // no arrangement for 2027 ships with the application, and no test leaves one loaded
        LocalDate due = LocalDate.of(2027, 3, 15);
        ProcessInstance instance = open(Severity.LOW, due);

        assertThat(instance).isWaitingAt(Elements.SUBMIT);
        String marked = "2027年3月15日（暂定：该年节假日安排尚未公布）";
        Assertions.assertThat(processEngine.getTaskService().getVariable(task().getId(), StepDeadlines.deadlineText(RectificationProcess.SUBMIT_STEP)))
                .isEqualTo(marked);
        Assertions.assertThat(processEngine.getTaskService().getVariable(task().getId(), Variables.DUE_DATE_TEXT)).as("the submit form's 期限").isEqualTo(marked);
        Assertions.assertThat(task().getDueDate()).isEqualTo(deadlines.deadlineOf(due));
    }

    @Test
    void aRejectionNeedsAReasonAndASubmissionNeedsMeasures() {
        ProcessInstance instance = open(Severity.LOW, process.workingDay(10));
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.MEASURES, " ", Variables.EVIDENCE, "照片")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写“整改措施及成效”");
        submit();
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.VERIFICATION, RectificationProcess.VERIFICATION_REJECT)))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写“退回原因”");
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.VERIFICATION, "MAYBE")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请选择核验结论");

        assertThat(instance).isWaitingAt(Elements.VERIFY);
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.SUBMITTED);
    }

    @Test
    void theOrganizationsOwnSecretaryMayNotVerifyEvenFromInsideTheVerifierGroup() {
        ProcessInstance instance = open(Severity.LOW, process.workingDay(10));
        submit();
        org.camunda.bpm.engine.task.Task verification = task();
        Assertions.assertThatThrownBy(() -> process.as(SECRETARY, List.of(Groups.staffOf("town-hexi")), List.of("village-lijia"),
                        () -> complete(verification, withVariables(Variables.VERIFICATION, RectificationProcess.VERIFICATION_ACCEPT))))
                .hasMessageContaining("本组织的书记不能核验本组织的整改事项");
        process.as("qiu.hongmei", List.of(Groups.staffOf("town-hexi"), Groups.INSPECTORS), List.of("village-lijia"),
                () -> complete(verification, withVariables(Variables.VERIFICATION, RectificationProcess.VERIFICATION_ACCEPT)));

        assertThat(instance).isEnded();
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::actor).contains("qiu.hongmei");
    }

    @Test
    void onlyTheItemsVerifierGroupsVerifyNotEvenAnAdministratorOutsideThem() {
        ProcessInstance instance = open(Severity.LOW, process.workingDay(10));
        submit();
        org.camunda.bpm.engine.task.Task verification = task();

        // Camunda lets an administrator (also in org-dept) complete any task; the listener does not
        Assertions.assertThatThrownBy(() -> process.as("admin", List.of(Groups.CAMUNDA_ADMIN, Groups.ORG_DEPT), List.of("village-lijia"),
                        () -> complete(verification, withVariables(Variables.VERIFICATION, RectificationProcess.VERIFICATION_ACCEPT))))
                .hasMessageContaining("您不在本事项的核验组中，不能核验");

        assertThat(instance).isWaitingAt(Elements.VERIFY);
        Assertions.assertThat(task().getId()).isEqualTo(verification.getId());
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.SUBMITTED);
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.SUBMITTED);
    }

    @Test
    void remindsTheSecretaryThenEscalatesToTheSupervisingOrganization() {
        LocalDate due = process.workingDay(10);
        ProcessInstance instance = open(Severity.MEDIUM, due);

        process.fire(instance.getId(), Elements.SUBMIT_REMINDER_TIMER);
        MimeMessage reminder = awaitMails(greenMail, title, 1).get(0);
        Assertions.assertThat(recipients(reminder)).containsExactly("li.changfu@qinghe.example");
        Assertions.assertThat(subject(reminder)).isEqualTo("【整改提醒】“" + title + "”将于" + process.text(due) + "到期");
        Assertions.assertThat(body(reminder)).contains("李长福同志", "“填报整改情况”将于", "/camunda/app/tasklist/default/#/?task=");

        process.fire(instance.getId(), Elements.SUBMIT_DEADLINE_TIMER);
        List<MimeMessage> both = awaitMails(greenMail, title, 2);
        MimeMessage escalation = mailStartingWith(both, "【整改督办】");
        Assertions.assertThat(recipients(escalation)).containsExactlyInAnyOrderElementsOf(TOWN_STAFF);
        Assertions.assertThat(subject(escalation)).isEqualTo("【整改督办】中共青禾市河西镇李家村委员会“" + title + "”已到期未完成整改");
        Assertions.assertThat(body(escalation)).contains("中共青禾市河西镇委员会：", "请督促其尽快办理", "/process-instance/" + instance.getId());

        assertThat(instance).isWaitingAt(Elements.SUBMIT).hasPassed(Elements.SEND_SUBMIT_REMINDER, Elements.ESCALATE_SUBMIT_TO_SUPERVISOR);
        RectificationItem item = ledger(instance);
        Assertions.assertThat(item.status()).isEqualTo(Status.OVERDUE);
        Assertions.assertThat(item.history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.REMINDED, EventType.ESCALATED);
        Assertions.assertThat(item.history().get(2).detail()).contains("第 1 级", "mao.jianjun@qinghe.example");
    }

    @Test
    void returnedWorkWithTheSameDeadlineIsNotRemindedTwice() {
        ProcessInstance instance = open(Severity.MEDIUM, process.workingDay(10));
        process.fire(instance.getId(), Elements.SUBMIT_REMINDER_TIMER);
        awaitMails(greenMail, title, 1);
        submit();
        verify(RectificationProcess.VERIFICATION_REJECT, "缺少会议记录");

        // back with the secretary, the reminder's time has passed: its timer is due at once and finds the mail sent
        process.fire(instance.getId(), Elements.SUBMIT_REMINDER_TIMER);

        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::type).containsExactly(
                EventType.CREATED, EventType.REMINDED, EventType.SUBMITTED, EventType.REJECTED);
        Assertions.assertThat(process.countMails(greenMail, title)).isEqualTo(1);
    }

    @Test
    void aSlowVerifierIsRemindedAndEscalatedWhileTheSecretarysClockHasStopped() {
        ProcessInstance instance = open(Severity.HIGH, process.workingDay(3));
        submit();
        Assertions.assertThat(managementService.createJobQuery().processInstanceId(instance.getId())
                .activityId(Elements.SUBMIT_DEADLINE_TIMER).count()).as("the secretary's timers ended with her step").isZero();

        process.fire(instance.getId(), Elements.VERIFY_REMINDER_TIMER);
        process.fire(instance.getId(), Elements.VERIFY_DEADLINE_TIMER);
        process.fire(instance.getId(), Elements.VERIFY_SECOND_ESCALATION_TIMER);

        List<MimeMessage> mails = awaitMails(greenMail, title, 3);
        MimeMessage reminder = mailStartingWith(mails, "【核验提醒】");
        Assertions.assertThat(recipients(reminder)).containsExactlyInAnyOrderElementsOf(TOWN_STAFF);
        Assertions.assertThat(body(reminder)).startsWith("中共青禾市河西镇委员会：").contains("“核验整改情况”");
        // the town is supervised by the city: its escalations go to the organization department
        MimeMessage first = mailStartingWith(mails, "【核验督办】");
        Assertions.assertThat(subject(first)).endsWith("已到期未完成核验");
        Assertions.assertThat(recipients(first)).containsExactlyInAnyOrderElementsOf(ORG_DEPT);
        Assertions.assertThat(recipients(mailStartingWith(mails, "【二级督办】"))).containsExactlyInAnyOrderElementsOf(ORG_DEPT);

        assertThat(instance).isWaitingAt(Elements.VERIFY).hasPassed(Elements.SEND_VERIFY_REMINDER,
                Elements.ESCALATE_VERIFY_TO_SUPERVISOR, Elements.ESCALATE_VERIFY_TO_ORG_DEPT).hasNotPassed(Elements.MARK_ACCOUNTABILITY);
        RectificationItem item = ledger(instance);
        Assertions.assertThat(item.status()).as("the secretary submitted in time").isEqualTo(Status.SUBMITTED);
        Assertions.assertThat(item.history()).extracting(RectificationEvent::type).containsExactly(EventType.CREATED,
                EventType.SUBMITTED, EventType.REMINDED, EventType.ESCALATED, EventType.ESCALATED);
        Assertions.assertThat(item.history().get(3).detail()).startsWith("核验逾期，一级督办");
    }

    @Test
    void secondLevelEscalationMarksAccountabilityAndTheDepartmentSetsANewDeadline() {
        ProcessInstance instance = open(Severity.HIGH, process.workingDay(5));
        process.fire(instance.getId(), Elements.SUBMIT_DEADLINE_TIMER);
        process.fire(instance.getId(), Elements.SUBMIT_SECOND_ESCALATION_TIMER);

        List<MimeMessage> mails = awaitMails(greenMail, title, 3);
        MimeMessage second = mailStartingWith(mails, "【二级督办】");
        Assertions.assertThat(recipients(second)).containsExactlyInAnyOrderElementsOf(ORG_DEPT);
        Assertions.assertThat(subject(second)).matches(".*已逾期 [3-9] 天");
        Assertions.assertThat(body(second)).contains("已转入追责程序，请组织部作出追责决定");
        Assertions.assertThat(recipients(mailStartingWith(mails, "【追责待决定】"))).containsExactlyInAnyOrderElementsOf(ORG_DEPT);

        assertThat(instance).isWaitingAt(Elements.DECIDE_ACCOUNTABILITY).task().hasCandidateGroup(Groups.ORG_DEPT);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), Variables.ACCOUNTABILITY_REASON_TEXT))
                .isEqualTo("逾期未整改，已二级督办");
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.ACCOUNTABILITY);

        LocalDate newDue = process.workingDay(20);
        complete(task(), withVariables(Variables.ACCOUNTABILITY_DECISION, RectificationProcess.DECISION_RESTART,
                Variables.NEW_DUE_DATE, newDue.toString(), Variables.ACCOUNTABILITY_NOTE, "诫勉谈话，限期整改"));

        assertThat(instance).isWaitingAt(Elements.SUBMIT).task().isAssignedTo(SECRETARY);
        Assertions.assertThat(task().getDueDate()).isEqualTo(deadlines.deadlineOf(newDue));
        RectificationItem restarted = ledger(instance);
        Assertions.assertThat(restarted.dueDate()).isEqualTo(newDue);
        Assertions.assertThat(restarted.status()).isEqualTo(Status.OPEN);
        submit();
        verify(RectificationProcess.VERIFICATION_ACCEPT, null);
        assertThat(instance).isEnded().hasPassed(Elements.ESCALATE_SUBMIT_TO_ORG_DEPT, Elements.MARK_ACCOUNTABILITY,
                Elements.ACCOUNTABILITY_DECISION, Elements.CLOSED_END);
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::type).containsExactly(
                EventType.CREATED, EventType.ESCALATED, EventType.ESCALATED, EventType.ACCOUNTABILITY,
                EventType.ACCOUNTABILITY, EventType.SUBMITTED, EventType.ACCEPTED, EventType.CLOSED);
    }

    @Test
    void threeRejectionsLeadToAccountabilityAndTheDepartmentClosesTheItem() {
        ProcessInstance instance = open(Severity.MEDIUM, process.workingDay(10));
        for (int round = 1; round <= 3; round++) {
            submit();
            verify(RectificationProcess.VERIFICATION_REJECT, "第 " + round + " 次核验：措施不到位");
        }

        assertThat(instance).isWaitingAt(Elements.DECIDE_ACCOUNTABILITY)
                .hasPassed(Elements.REJECTION_LIMIT_GATEWAY, Elements.ACCOUNTABILITY_MERGE, Elements.MARK_ACCOUNTABILITY);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), Variables.ACCOUNTABILITY_REASON_TEXT))
                .isEqualTo("整改情况被退回 3 次");
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.ACCOUNTABILITY);
        Assertions.assertThat(ledger(instance).rejections()).isEqualTo(3);

        // an administrator outside the organization department may complete the task as far as Camunda goes, not decide
        org.camunda.bpm.engine.task.Task decision = task();
        Assertions.assertThatThrownBy(() -> process.as("ops", List.of(Groups.CAMUNDA_ADMIN), List.of("village-lijia"),
                        () -> complete(decision, withVariables(Variables.ACCOUNTABILITY_DECISION, RectificationProcess.DECISION_CLOSE,
                                Variables.ACCOUNTABILITY_NOTE, "越权结案"))))
                .hasMessageContaining("追责决定只能由市委组织部作出");
        assertThat(instance).isWaitingAt(Elements.DECIDE_ACCOUNTABILITY);
        Assertions.assertThat(task().getId()).isEqualTo(decision.getId());
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.ACCOUNTABILITY);
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::detail).noneMatch(d -> d.contains("越权结案"));

        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.ACCOUNTABILITY_DECISION,
                        RectificationProcess.DECISION_RESTART, Variables.ACCOUNTABILITY_NOTE, "限期整改")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写新的整改期限");
        complete(task(), withVariables(Variables.ACCOUNTABILITY_DECISION, RectificationProcess.DECISION_CLOSE,
                Variables.ACCOUNTABILITY_NOTE, "给予书记通报批评，纳入年度考核"));

        assertThat(instance).isEnded().hasPassed(Elements.CLOSE_MERGE, Elements.CLOSE_ITEM, Elements.CLOSED_END);
        RectificationItem closed = ledger(instance);
        Assertions.assertThat(closed.status()).isEqualTo(Status.CLOSED);
        Assertions.assertThat(closed.history()).last().satisfies(e -> Assertions.assertThat(e.detail()).isEqualTo("追责后结案"));
    }

    @Test
    void theHighSeverityPolicyRemindsEarlierAndEscalatesSoonerInWorkingDays() {
        LocalDate due = process.workingDay(10);
        ProcessInstance instance = open(Severity.HIGH, due);

        Date reminder = (Date) runtimeService.getVariable(instance.getId(), StepDeadlines.reminderAt(RectificationProcess.SUBMIT_STEP));
        Date second = (Date) runtimeService.getVariable(instance.getId(),
                StepDeadlines.secondEscalationAt(RectificationProcess.SUBMIT_STEP));
        Assertions.assertThat(reminder).isEqualTo(Date.from(process.workingDay(5).atTime(LocalTime.of(8, 30))
                .atZone(deadlines.zone()).toInstant()));
        Assertions.assertThat(second).isEqualTo(deadlines.deadlineOf(process.workingDay(13)));
    }

    @Test
    void isOpenedThroughTheLedgerNeverStartedEmptyFromTasklist() {
        Assertions.assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(RectificationProcess.PROCESS_ID)
                .latestVersion().singleResult().isStartableInTasklist()).isFalse();
    }

    @AfterAll
    void everyFlowNodeOfTheModelWasPassed() {
        process.assertEveryFlowNodePassed(RectificationProcess.PROCESS_ID, instances);
    }

    private ProcessInstance open(Severity severity, LocalDate due) {
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION,
                "2026-Q4-001", title, "三会一课记录缺失两次", severity, due, null), "qiu.hongmei");
        instances.add(item.processInstanceId());
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(item.processInstanceId()).singleResult();
        assertThat(instance).isStarted().hasBusinessKey(String.format("ZG-%d-%04d", process.today().getYear(), item.id()));
        return instance;
    }

    private void submit() {
        complete(task(), withVariables(Variables.MEASURES, "补齐 10 月、11 月三会一课记录，建立月度检查制度", Variables.EVIDENCE,
                "会议记录扫描件：https://pan.qinghe.example/lijia/2026-11"));
    }

    private void verify(String verification, String reason) {
        complete(task(), reason == null ? withVariables(Variables.VERIFICATION, verification)
                : withVariables(Variables.VERIFICATION, verification, Variables.REJECTION_REASON, reason));
    }

    private RectificationItem ledger(ProcessInstance instance) {
        return rectifications.find(RectificationService.itemId(historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult().getBusinessKey()), new ApiUser("admin", List.of(Groups.ORG_DEPT)));
    }
}
