package org.partybuilding.annual;

import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partybuilding.IntegrationTest;
import org.partybuilding.annual.ListSigningProcess.Elements;
import org.partybuilding.annual.ListSigningProcess.Variables;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.organization.Organization;
import org.partybuilding.responsibility.ResponsibilityItem;
import org.partybuilding.responsibility.ResponsibilityList;
import org.partybuilding.responsibility.ResponsibilityLists;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.StepNotice;
import org.partybuilding.workflow.Rounds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code list-signing} for 李家村 (village-lijia, secretary li.changfu, supervised by 河西镇): the form
 * shows the village secretaries' list, the commitment must be ticked, only the secretary signs, on time and late are
 * recorded in {@code list_signature}, the reminder goes to the secretary, the first escalation to 河西镇's staff and the
 * second to the organization department. Each test has a year of its own far ahead (lists in effect are inherited
 * from the last published year, and {@code list_signature} keeps one row per year and organization); the round is
 * started through the kit like the annual cycle starts it. Due dates follow the real clock.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ListSigningProcessTest {

    static final String SECRETARY = "li.changfu";
    static final String ORGANIZATION = "village-lijia";
    static final List<String> TOWN_STAFF = List.of("mao.jianjun@qinghe.example", "qiu.hongmei@qinghe.example");
    static final List<String> ORG_DEPT = List.of("zhao.min@qinghe.example", "kong.linghui@qinghe.example");
    /** Years no other test uses (the annual cycle's take 2950–2999, duty reports' 3000–12990). */
    private static final AtomicInteger YEARS = new AtomicInteger(20000 + ThreadLocalRandom.current().nextInt(1000) * 10);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Autowired ProcessEngine processEngine;
    @Autowired Rounds rounds;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired DirectoryService directory;
    @Autowired ResponsibilityLists lists;
    @Autowired ProcessTestSupport process;
    @Autowired Deadlines deadlines;
    @Autowired JdbcClient jdbc;

    private final List<String> instances = new ArrayList<>();
    private int year;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(processEngine);
        year = YEARS.incrementAndGet();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    void everyFlowNodeOfTheModelWasPassed() {
        process.assertEveryFlowNodePassed(ListSigningProcess.PROCESS_ID, instances);
    }

    @Test
    void theSecretaryReadsHerTypesListAndSignsOnTime() {
        LocalDate due = process.workingDay(10);
        ProcessInstance instance = start(due);
        assertThat(instance).isWaitingAt(Elements.SIGN).task().isAssignedTo(SECRETARY);
        Task task = task(instance);
        Assertions.assertThat(task.getDueDate()).isEqualTo(deadlines.deadlineOf(due));
        Assertions.assertThat(task.getDescription()).isEqualTo(year + "年度书记责任清单签订");
        Assertions.assertThat(task.getTenantId()).isEqualTo(ORGANIZATION);

        // the form: the list of her secretary type (VILLAGE), every item code, and the deadline
        Organization lijia = directory.organization(ORGANIZATION).orElseThrow();
        ResponsibilityList list = lists.inEffect(year, lijia.secretaryType()).orElseThrow();
        String listText = (String) taskService.getVariable(task.getId(), "listText");
        Assertions.assertThat(listText).startsWith(year + "年" + list.typeName() + "责任清单（第 " + list.version() + " 版");
        Assertions.assertThat(list.items()).isNotEmpty();
        Assertions.assertThat(listText).contains(list.items().stream().map(ResponsibilityItem::code).toList());
        Assertions.assertThat(listText).doesNotContain("COMMUNITY-01"); // another type's list
        Assertions.assertThat(taskService.getVariable(task.getId(), "signDeadlineText")).asString().startsWith(process.text(due));
        Assertions.assertThat(taskService.getVariable(task.getId(), Variables.CONFIRMED)).isNull();

        // the commitment must be ticked
        Assertions.assertThatThrownBy(() -> complete(task, withVariables(Variables.CONFIRMED, false)))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请阅读清单并勾选“本人已阅读并承诺履行上述责任”");
        Assertions.assertThatThrownBy(() -> taskService.complete(task.getId()))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("承诺");
        // nobody else signs for her: another town's secretary cannot reach it, the administrator is refused by the process
        Assertions.assertThatThrownBy(() -> process.as("lin.xiuying", List.of(Groups.SECRETARIES), List.of("village-longquan"),
                () -> complete(task, withVariables(Variables.CONFIRMED, true)))).hasMessageContaining("belongs to no authenticated tenant");
        // the town's staff see the task (the organization is theirs) but do not work on it
        Assertions.assertThatThrownBy(() -> process.as("mao.jianjun", List.of(Groups.staffOf("town-hexi")), List.of(ORGANIZATION),
                () -> complete(task, withVariables(Variables.CONFIRMED, true)))).isInstanceOf(AuthorizationException.class);
        Assertions.assertThatThrownBy(() -> process.as("admin", List.of(Groups.CAMUNDA_ADMIN), List.of(),
                () -> complete(task, withVariables(Variables.CONFIRMED, true)))).hasMessageContaining("只能签订本人所在组织的责任清单");
        Assertions.assertThat(signature()).isEmpty();

        process.as(SECRETARY, List.of(Groups.SECRETARIES), List.of(ORGANIZATION), () -> complete(task, withVariables(Variables.CONFIRMED, true)));
        assertThat(instance).isEnded().hasPassed(Elements.SIGNED).hasNotPassed(Elements.SEND_SIGN_REMINDER);
        Map<String, Object> row = signature().orElseThrow();
        Assertions.assertThat(row).containsEntry("late", false).containsEntry("signed_by", SECRETARY)
                .containsEntry("secretary_type", lijia.secretaryType()).containsEntry("list_version", list.version());
        Assertions.assertThat(row.get("due_date").toString()).isEqualTo(due.toString());
    }

    @Test
    void anUnsignedListIsRemindedThenEscalatedToTheTownAndTheDepartmentAndASignatureAfterTheDueDateIsLate() {
        LocalDate due = process.workingDay(6);
        ProcessInstance instance = start(due);
        String token = "“" + year + "年度责任清单”";

        process.fire(instance.getId(), Elements.SIGN_REMINDER_TIMER);
        process.fire(instance.getId(), Elements.SIGN_DEADLINE_TIMER);
        process.fire(instance.getId(), Elements.SIGN_SECOND_ESCALATION_TIMER);

        List<MimeMessage> mails = awaitMails(greenMail, token, 3);
        Assertions.assertThat(mails).hasSize(3);
        MimeMessage reminder = mailStartingWith(mails, "【清单签订提醒】");
        Assertions.assertThat(recipients(reminder)).containsExactly("li.changfu@qinghe.example");
        Assertions.assertThat(subject(reminder)).isEqualTo("【清单签订提醒】" + token + "将于" + process.text(due) + "到期");
        String typeName = lists.inEffect(year, directory.organization(ORGANIZATION).orElseThrow().secretaryType()).orElseThrow().typeName();
        Assertions.assertThat(body(reminder)).contains("李长福同志", "“签订责任清单”", "清单：" + typeName + "责任清单");
        MimeMessage first = mailStartingWith(mails, "【清单签订督办】");
        Assertions.assertThat(recipients(first)).containsExactlyInAnyOrderElementsOf(TOWN_STAFF);
        Assertions.assertThat(subject(first)).isEqualTo("【清单签订督办】中共青禾市河西镇李家村委员会" + token + "已到期未签订");
        Assertions.assertThat(body(first)).contains("中共青禾市河西镇委员会", "一级督办");
        MimeMessage second = mailStartingWith(mails, "【二级督办】");
        Assertions.assertThat(recipients(second)).containsExactlyInAnyOrderElementsOf(ORG_DEPT);
        Assertions.assertThat(subject(second)).startsWith("【二级督办】中共青禾市河西镇李家村委员会" + token + "已逾期");
        Assertions.assertThat(body(second)).contains("市委组织部", "二级督办", StepNotice.FOLLOW_UP);
        // the kit's record of the escalations (the dashboard lists them): one per notice, for the organization whose list it is
        Assertions.assertThat(jdbc.sql("select level || ' ' || organization_id || ' ' || kind || ' ' || title || ' ' || addressee "
                        + "from process_escalation where process_instance_id = ? order by level").param(instance.getId()).query(String.class).list())
                .containsExactly("1 " + ORGANIZATION + " 清单签订 " + token + " 中共青禾市河西镇委员会", "2 " + ORGANIZATION + " 清单签订 " + token + " 市委组织部");

        assertThat(instance).isWaitingAt(Elements.SIGN).hasPassed(Elements.SEND_SIGN_REMINDER, Elements.ESCALATE_SIGN_TO_SUPERVISOR,
                Elements.ESCALATE_SIGN_TO_ORG_DEPT);
        // the clock stands at the second escalation, 5 working days after the due date: the signature is late
        process.as(SECRETARY, List.of(Groups.SECRETARIES), List.of(ORGANIZATION),
                () -> complete(task(instance), withVariables(Variables.CONFIRMED, true)));
        assertThat(instance).isEnded().hasPassed(Elements.SIGNED);
        Map<String, Object> row = signature().orElseThrow();
        Assertions.assertThat(row).containsEntry("late", true);
        Assertions.assertThat(row.get("due_date").toString()).isEqualTo(due.toString());
        Assertions.assertThat(process.countMails(greenMail, token)).as("each notice once").isEqualTo(3);
    }

    @Test
    void aSignatureOnTheDueDateItselfIsOnTime() {
        LocalDate due = process.workingDay(4);
        ProcessInstance instance = start(due);
        process.fire(instance.getId(), Elements.SIGN_REMINDER_TIMER);
        // the last hour of the due day, city time
        ClockUtil.setCurrentTime(Date.from(due.atTime(23, 0).atZone(deadlines.zone()).toInstant()));
        process.as(SECRETARY, List.of(Groups.SECRETARIES), List.of(ORGANIZATION),
                () -> complete(task(instance), withVariables(Variables.CONFIRMED, true)));
        assertThat(instance).isEnded().hasPassed(Elements.SEND_SIGN_REMINDER, Elements.SIGNED).hasNotPassed(Elements.ESCALATE_SIGN_TO_SUPERVISOR);
        Assertions.assertThat(signature().orElseThrow()).containsEntry("late", false);
    }

    @Test
    void isStartedByARoundNeverFromTasklist() {
        Assertions.assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ListSigningProcess.PROCESS_ID).latestVersion().singleResult().isStartableInTasklist()).isFalse();
    }

    /** A round of the year for 李家村 alone, started by the kit's worker like the annual cycle's round. */
    private ProcessInstance start(LocalDate due) {
        Round round = rounds.start(ListSigningProcess.PROCESS_ID, String.valueOf(year), year + "年度书记责任清单签订",
                new RoundScope(RoundScope.Kind.UNDER, null, ORGANIZATION, null, null),
                Map.of(ListSigning.YEAR_PARAMETER, year, ListSigning.DUE_DATE_PARAMETER, due.toString()), "zhao.min");
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        Round done = rounds.find(round.id()).orElseThrow();
        Assertions.assertThat(done.started()).as("%s", done.failures()).isEqualTo(1);
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(ListSigningProcess.PROCESS_ID)
                .processInstanceBusinessKey(year + "-" + ORGANIZATION).singleResult();
        Assertions.assertThat(instance).isNotNull();
        instances.add(instance.getId());
        return instance;
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private Optional<Map<String, Object>> signature() {
        return jdbc.sql("select * from list_signature where year = ? and organization_id = ?").params(year, ORGANIZATION)
                .query().listOfRows().stream().findFirst();
    }
}
