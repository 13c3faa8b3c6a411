package org.partybuilding.rectification;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.Groups;
import org.partybuilding.rectification.RectificationProcess.Elements;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code rectification}, with the demo city: 李家村 (village-lijia, secretary li.changfu) is
 * supervised by 河西镇 (town-hexi, staff mao.jianjun and qiu.hongmei); zhao.min and kong.linghui are the
 * organization department. Timers are fired explicitly; emails arrive in GreenMail over real SMTP.
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
    @Autowired org.camunda.bpm.engine.IdentityService identityService;

    private final List<String> instances = new ArrayList<>();
    /** Each test's item has its own title, so its mails are told apart from other tests' late ones. */
    private String title;

    @BeforeEach
    void initAssertions(org.junit.jupiter.api.TestInfo test) {
        BpmnAwareTests.init(processEngine);
        title = "党员活动室台账不全（" + test.getTestMethod().orElseThrow().getName().hashCode() % 1000 + "）";
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void secretarySubmitsAndTheSupervisorAccepts() {
        ProcessInstance instance = open(Severity.MEDIUM, 10);
        assertThat(instance).isWaitingAt(Elements.SUBMIT).task().isAssignedTo(SECRETARY);
        Assertions.assertThat(task().getDueDate()).isNotNull();
        Assertions.assertThat(task().getDescription()).isEqualTo(title);

        submit();
        assertThat(instance).isWaitingAt(Elements.VERIFY).task().hasCandidateGroup(Groups.staffOf("town-hexi"));
        verify("ACCEPT", null);

        assertThat(instance).isEnded().hasPassed(Elements.ACCEPTED_END, Elements.CLOSE_ITEM, Elements.CLOSED_END);
        RectificationItem item = ledger(instance);
        Assertions.assertThat(item.status()).isEqualTo(Status.CLOSED);
        Assertions.assertThat(item.history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.SUBMITTED, EventType.ACCEPTED, EventType.CLOSED);
        Assertions.assertThat(item.history().get(1).actor()).isEqualTo(SECRETARY);
    }

    @Test
    void rejectedWorkGoesBackToTheSecretaryAndIsCounted() {
        ProcessInstance instance = open(Severity.LOW, 10);
        submit();
        verify("REJECT", "照片不清晰，请补充会议记录");

        assertThat(instance).isWaitingAt(Elements.SUBMIT).task().isAssignedTo(SECRETARY);
        RectificationItem rejected = ledger(instance);
        Assertions.assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        Assertions.assertThat(rejected.rejections()).isEqualTo(1);
        Assertions.assertThat(rejected.history()).last().satisfies(e -> {
            Assertions.assertThat(e.type()).isEqualTo(EventType.REJECTED);
            Assertions.assertThat(e.detail()).contains("照片不清晰");
        });

        submit();
        verify("ACCEPT", null);
        assertThat(instance).isEnded().hasPassed(Elements.REJECTION_LIMIT_GATEWAY, Elements.CLOSED_END);
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void aRejectionNeedsAReasonAndASubmissionNeedsMeasures() {
        ProcessInstance instance = open(Severity.LOW, 10);
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.MEASURES, " ", Variables.EVIDENCE, "照片")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写“整改措施及成效”");
        submit();
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.VERIFICATION, "REJECT")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写“退回原因”");
        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.VERIFICATION, "MAYBE")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请选择核验结论");

        assertThat(instance).isWaitingAt(Elements.VERIFY);
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.SUBMITTED);
    }

    @Test
    void theOrganizationsOwnSecretaryMayNotVerifyEvenFromInsideTheVerifierGroup() {
        ProcessInstance instance = open(Severity.LOW, 10);
        submit();
        org.camunda.bpm.engine.task.Task verification = task();
        identityService.setAuthentication(SECRETARY, List.of(Groups.staffOf("town-hexi")), List.of("village-lijia"));
        try {
            Assertions.assertThatThrownBy(() -> complete(verification, withVariables(Variables.VERIFICATION, "ACCEPT")))
                    .hasMessageContaining("本组织的书记不能核验本组织的整改事项");
        } finally {
            identityService.clearAuthentication();
        }
        identityService.setAuthentication("qiu.hongmei", List.of(Groups.staffOf("town-hexi"), Groups.INSPECTORS));
        try {
            complete(verification, withVariables(Variables.VERIFICATION, "ACCEPT"));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(instance).isEnded();
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::actor).contains("qiu.hongmei");
    }

    @Test
    void remindsTheSecretaryThenEscalatesToTheSupervisingOrganization() throws Exception {
        ProcessInstance instance = open(Severity.MEDIUM, 10);

        fire(instance, Elements.REMINDER_TIMER);
        MimeMessage reminder = awaitMails(1).get(0);
        Assertions.assertThat(recipients(reminder)).containsExactly("li.changfu@qinghe.example");
        Assertions.assertThat(reminder.getSubject()).isEqualTo("【整改提醒】“" + title + "”将于" + dueText(10) + "到期");
        Assertions.assertThat(body(reminder)).contains("李长福同志", "/camunda/app/tasklist/default/#/?task=");

        fire(instance, Elements.DEADLINE_TIMER);
        List<MimeMessage> both = awaitMails(2);
        Assertions.assertThat(both).hasSize(2);
        MimeMessage escalation = both.stream().filter(m -> subject(m).startsWith("【整改督办】")).findFirst().orElseThrow();
        Assertions.assertThat(recipients(escalation)).containsExactlyInAnyOrderElementsOf(TOWN_STAFF);
        Assertions.assertThat(escalation.getSubject()).isEqualTo("【整改督办】中共青禾市河西镇李家村委员会“" + title + "”已到期未完成整改");
        Assertions.assertThat(body(escalation)).contains("中共青禾市河西镇委员会：", "请督促其尽快整改", "/process-instance/" + instance.getId());

        assertThat(instance).isWaitingAt(Elements.SUBMIT).hasPassed(Elements.SEND_REMINDER, Elements.ESCALATE_TO_SUPERVISOR);
        RectificationItem item = ledger(instance);
        Assertions.assertThat(item.status()).isEqualTo(Status.OVERDUE);
        Assertions.assertThat(item.history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.REMINDED, EventType.ESCALATED);
        Assertions.assertThat(item.history().get(2).detail()).contains("第 1 级", "mao.jianjun@qinghe.example");
    }

    @Test
    void secondLevelEscalationMarksAccountabilityAndTheDepartmentSetsANewDeadline() throws Exception {
        ProcessInstance instance = open(Severity.HIGH, 5);
        fire(instance, Elements.DEADLINE_TIMER);
        fire(instance, Elements.SECOND_ESCALATION_TIMER);

        List<MimeMessage> mails = awaitMails(3);
        MimeMessage second = mails.stream().filter(m -> subject(m).startsWith("【二级督办】")).findFirst().orElseThrow();
        Assertions.assertThat(recipients(second)).containsExactlyInAnyOrderElementsOf(ORG_DEPT);
        Assertions.assertThat(subject(second)).endsWith("已逾期 3 天");
        MimeMessage decide = mails.stream().filter(m -> subject(m).startsWith("【追责待决定】")).findFirst().orElseThrow();
        Assertions.assertThat(recipients(decide)).containsExactlyInAnyOrderElementsOf(ORG_DEPT);

        assertThat(instance).isWaitingAt(Elements.DECIDE_ACCOUNTABILITY).task().hasCandidateGroup(Groups.ORG_DEPT);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), Variables.ACCOUNTABILITY_REASON_TEXT))
                .isEqualTo("逾期未整改，已二级督办");
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.ACCOUNTABILITY);

        LocalDate newDue = today().plusDays(20);
        complete(task(), withVariables(Variables.ACCOUNTABILITY_DECISION, "RESTART",
                Variables.NEW_DUE_DATE, newDue.toString(), Variables.ACCOUNTABILITY_NOTE, "诫勉谈话，限期整改"));

        assertThat(instance).isWaitingAt(Elements.SUBMIT).task().isAssignedTo(SECRETARY);
        RectificationItem restarted = ledger(instance);
        Assertions.assertThat(restarted.dueDate()).isEqualTo(newDue);
        Assertions.assertThat(restarted.status()).isEqualTo(Status.OPEN);
        submit();
        verify("ACCEPT", null);
        assertThat(instance).isEnded().hasPassed(Elements.MARK_ACCOUNTABILITY, Elements.CLOSED_END);
        Assertions.assertThat(ledger(instance).history()).extracting(RectificationEvent::type).containsExactly(
                EventType.CREATED, EventType.ESCALATED, EventType.ESCALATED, EventType.ACCOUNTABILITY,
                EventType.ACCOUNTABILITY, EventType.SUBMITTED, EventType.ACCEPTED, EventType.CLOSED);
    }

    @Test
    void threeRejectionsLeadToAccountabilityAndTheDepartmentClosesTheItem() {
        ProcessInstance instance = open(Severity.MEDIUM, 10);
        for (int round = 1; round <= 3; round++) {
            submit();
            verify("REJECT", "第 " + round + " 次核验：措施不到位");
        }

        assertThat(instance).isWaitingAt(Elements.DECIDE_ACCOUNTABILITY)
                .hasPassed(Elements.REJECTION_LIMIT_END, Elements.REJECTION_LIMIT_BOUNDARY, Elements.MARK_ACCOUNTABILITY);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), Variables.ACCOUNTABILITY_REASON_TEXT))
                .isEqualTo("整改情况被退回 3 次");
        Assertions.assertThat(ledger(instance).status()).isEqualTo(Status.ACCOUNTABILITY);
        Assertions.assertThat(ledger(instance).rejections()).isEqualTo(3);

        Assertions.assertThatThrownBy(() -> complete(task(), withVariables(Variables.ACCOUNTABILITY_DECISION, "RESTART",
                        Variables.ACCOUNTABILITY_NOTE, "限期整改")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写新的整改期限");
        complete(task(), withVariables(Variables.ACCOUNTABILITY_DECISION, "CLOSE",
                Variables.ACCOUNTABILITY_NOTE, "给予书记通报批评，纳入年度考核"));

        assertThat(instance).isEnded().hasPassed(Elements.CLOSE_ITEM, Elements.CLOSED_END)
                .hasNotPassed(Elements.ACCEPTED_END);
        RectificationItem closed = ledger(instance);
        Assertions.assertThat(closed.status()).isEqualTo(Status.CLOSED);
        Assertions.assertThat(closed.history()).last().satisfies(e -> Assertions.assertThat(e.detail()).isEqualTo("追责后结案"));
    }

    @Test
    void theHighSeverityPolicyRemindsEarlierAndEscalatesSooner() {
        ProcessInstance instance = open(Severity.HIGH, 10);

        java.util.Date due = (java.util.Date) runtimeService.getVariable(instance.getId(), Variables.DUE_DATE);
        java.util.Date reminder = (java.util.Date) runtimeService.getVariable(instance.getId(), Variables.REMINDER_AT);
        java.util.Date second = (java.util.Date) runtimeService.getVariable(instance.getId(), Variables.SECOND_ESCALATION_AT);
        Assertions.assertThat(due.getTime() - reminder.getTime()).isEqualTo(5L * 24 * 3600 * 1000);
        Assertions.assertThat(second.getTime() - due.getTime()).isEqualTo(3L * 24 * 3600 * 1000);
    }

    @Test
    void isOpenedThroughTheLedgerNeverStartedEmptyFromTasklist() {
        Assertions.assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(RectificationProcess.PROCESS_ID)
                .latestVersion().singleResult().isStartableInTasklist()).isFalse();
    }

    @AfterAll
    void everyFlowNodeOfTheModelWasPassed() {
        String definitionId = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(RectificationProcess.PROCESS_ID).latestVersion().singleResult().getId();
        Set<String> nodes = repositoryService.getBpmnModelInstance(definitionId).getModelElementsByType(FlowNode.class)
                .stream().map(FlowNode::getId).collect(Collectors.toSet());
        Set<String> passed = new HashSet<>();
        for (String instance : instances) {
            historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
                    .map(HistoricActivityInstance::getActivityId).forEach(passed::add);
        }
        Assertions.assertThat(passed).containsAll(nodes);
    }

    private ProcessInstance open(Severity severity, int dueInDays) {
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION,
                "2026-Q4-001", title, "三会一课记录缺失两次", severity, today().plusDays(dueInDays), null),
                "qiu.hongmei");
        instances.add(item.processInstanceId());
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(item.processInstanceId()).singleResult();
        assertThat(instance).isStarted().hasBusinessKey(String.valueOf(item.id()));
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

    /** Fires a timer at its due time; the email step it leads to runs in the same transaction. */
    private void fire(ProcessInstance instance, String timer) {
        assertThat(instance).isActive();
        Job timerJob = job(timer, instance);
        ClockUtil.setCurrentTime(timerJob.getDuedate());
        execute(timerJob);
    }

    private RectificationItem ledger(ProcessInstance instance) {
        return rectifications.find(Long.parseLong(historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult().getBusinessKey()), new org.partybuilding.organization.ApiUser("admin",
                List.of(Groups.ORG_DEPT)));
    }

    /** Today in the city, as the ledger counts days. */
    static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    private static String dueText(int days) {
        LocalDate due = today().plusDays(days);
        return due.getYear() + "年" + due.getMonthValue() + "月" + due.getDayOfMonth() + "日";
    }

    /** The mails about this test's item, in order of arrival, once {@code count} of them have arrived. */
    private List<MimeMessage> awaitMails(int count) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        List<MimeMessage> mails = List.of();
        while (System.currentTimeMillis() < until) {
            // GreenMail keeps one copy per recipient: one mail is one Message-ID
            Set<String> seen = new HashSet<>();
            mails = Arrays.stream(greenMail.getReceivedMessages()) // per mailbox, not in order of arrival
                    .filter(m -> subject(m).contains(title) && seen.add(messageId(m))).toList();
            if (mails.size() >= count) {
                return mails;
            }
            Thread.sleep(50);
        }
        return Assertions.fail("expected %d mails about %s, got %d", count, title, mails.size());
    }

    private static List<String> recipients(MimeMessage message) throws Exception {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }
}
