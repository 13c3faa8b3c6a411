package org.partybuilding.dutyreport;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
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
import org.partybuilding.dutyreport.DutyReportProcess.Elements;
import org.partybuilding.dutyreport.DutyReportProcess.Variables;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Source;
import org.partybuilding.responsibility.ResponsibilityList;
import org.partybuilding.responsibility.ResponsibilityLists;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code duty-report} for 李家村 (village-lijia, secretary li.changfu), reviewed by 河西镇's staff
 * (mao.jianjun, qiu.hongmei) and graded by reviewers of the organization department (zhao.min, kong.linghui), the
 * city's inspectors (bai.xuefeng, cui.zhihua, kang.li) and the town's staff. Each test has a round of its own (a year
 * far ahead, so no test's report meets another's); the round is started through the kit like any other.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class DutyReportProcessTest {

    static final String SECRETARY = "li.changfu";
    static final String ORGANIZATION = "village-lijia";
    static final List<String> THREE = List.of("zhao.min", "mao.jianjun", "kong.linghui");
    static final List<String> FIVE = List.of("zhao.min", "kong.linghui", "bai.xuefeng", "cui.zhihua", "mao.jianjun");
    static final List<String> TOWN_STAFF = List.of("mao.jianjun@qinghe.example", "qiu.hongmei@qinghe.example");
    static final List<String> ORG_DEPT = List.of("zhao.min@qinghe.example", "kong.linghui@qinghe.example");
    private static final AtomicInteger YEARS = new AtomicInteger(3000 + (int) (System.nanoTime() % 1000) * 10);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Autowired ProcessEngine processEngine;
    @Autowired Rounds rounds;
    @Autowired DutyReportService reports;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired RectificationService rectifications;
    @Autowired ProcessTestSupport process;
    @Autowired Deadlines deadlines;
    @Autowired ResponsibilityLists lists;
    @Autowired DirectoryService directory;

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

    @Test
    void theSecretaryWritesTheTownApprovesAndThreeReviewersGradeByTheMean() {
        LocalDate due = process.workingDay(10);
        ProcessInstance instance = start(THREE, due);
        assertThat(instance).isWaitingAt(Elements.WRITE).task().isAssignedTo(SECRETARY);
        Assertions.assertThat(task(instance).getDueDate()).isEqualTo(deadlines.deadlineOf(due));
        Assertions.assertThat(task(instance).getDescription()).isEqualTo(year + "年年中书记述职");
        // she writes against her type's list (村党组织书记) in effect for the report's year, shown read-only
        ResponsibilityList list = lists.inEffect(year, directory.organization(ORGANIZATION).orElseThrow().secretaryType()).orElseThrow();
        String listText = (String) taskService.getVariable(task(instance).getId(), Variables.LIST_TEXT);
        Assertions.assertThat(listText).startsWith(year + "年" + list.typeName() + "责任清单（第 " + list.version() + " 版");
        Assertions.assertThat(list.items()).isNotEmpty().allSatisfy(item -> Assertions.assertThat(listText)
                .contains(item.code() + "（" + item.category() + "，", item.text()));
        Assertions.assertThat(listText).doesNotContain("COMMUNITY-01"); // another type's list

        write(instance);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), Variables.LIST_TEXT)).as("shown by the write task only, not kept with the instance").isNull();
        assertThat(instance).isWaitingAt(Elements.REVIEW).task().hasCandidateGroup(Groups.staffOf("town-hexi"));
        Assertions.assertThat(report(instance).status()).isEqualTo(ReportStatus.REVIEWING);
        review(instance, "mao.jianjun", DutyReportProcess.REVIEW_APPROVE, null);

        assertThat(instance).isWaitingAt(Elements.GRADE);
        Assertions.assertThat(tasks(instance)).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(THREE);
        grade(instance, "zhao.min", 92, null);
        grade(instance, "kong.linghui", 85, null);
        grade(instance, "mao.jianjun", 81, null);

        assertThat(instance).isEnded().hasPassed(Elements.COMPUTE_SCORE, Elements.DETERMINE_GRADE, Elements.RECORD_GRADE, Elements.GRADED_END);
        DutyReport graded = report(instance);
        Assertions.assertThat(graded.status()).isEqualTo(ReportStatus.GRADED);
        Assertions.assertThat(graded.meanScore()).isEqualByComparingTo("86.00"); // (92 + 85 + 81) / 3: nothing dropped
        Assertions.assertThat(graded.grade()).isEqualTo("较好");
    }

    @Test
    void fiveReviewersDropTheHighestAndTheLowestAndProblemsBecomeRectificationItems() {
        ProcessInstance instance = start(FIVE, process.workingDay(10));
        write(instance);
        review(instance, "qiu.hongmei", DutyReportProcess.REVIEW_APPROVE, null);
        grade(instance, "zhao.min", 100, "组织生活会质量不高\n党员发展程序不规范");
        grade(instance, "kong.linghui", 70, null);
        grade(instance, "bai.xuefeng", 72, "党员发展程序不规范");
        grade(instance, "cui.zhihua", 74, null);
        grade(instance, "mao.jianjun", 10, "  \n");

        DutyReport graded = report(instance);
        Assertions.assertThat(graded.meanScore()).isEqualByComparingTo("72.00"); // 100 and 10 dropped: (70 + 72 + 74) / 3
        Assertions.assertThat(graded.grade()).isEqualTo("一般");
        List<RectificationItem> items = rectifications.search(ORGANIZATION, Source.DUTY_REVIEW, null, null,
                new ApiUser("zhao.min", List.of(Groups.ORG_DEPT))).stream()
                .filter(i -> (year + "-MID_YEAR-述职评议").equals(i.sourceRef())).toList();
        Assertions.assertThat(items).extracting(RectificationItem::title)
                .containsExactlyInAnyOrder("组织生活会质量不高", "党员发展程序不规范");
        Assertions.assertThat(items).allSatisfy(item -> {
            Assertions.assertThat(item.issuingOrganizationId()).isEqualTo("town-hexi");
            Assertions.assertThat(item.dueDate()).isEqualTo(process.workingDay(20));
        });
    }

    @Test
    void aReturnedReportGoesBackWithItsReasonAndIsResubmitted() {
        ProcessInstance instance = start(THREE, process.workingDay(10));
        write(instance);
        Assertions.assertThatThrownBy(() -> review(instance, "mao.jianjun", DutyReportProcess.REVIEW_RETURN, " "))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写“退回原因”");
        review(instance, "mao.jianjun", DutyReportProcess.REVIEW_RETURN, "问题查摆不深刻，请对照责任清单逐项说明");

        assertThat(instance).isWaitingAt(Elements.WRITE).task().isAssignedTo(SECRETARY);
        Assertions.assertThat(runtimeService.getVariable(instance.getId(), Variables.LAST_RETURN_REASON)).isEqualTo("问题查摆不深刻，请对照责任清单逐项说明");
        Assertions.assertThat(report(instance).status()).isEqualTo(ReportStatus.RETURNED);
        Assertions.assertThat(report(instance).returns()).isEqualTo(1);

        write(instance);
        Assertions.assertThat(taskService.getVariableLocal(task(instance).getId(), Variables.REVIEW_DECISION))
                .as("the new review starts empty").isNull();
        review(instance, "mao.jianjun", DutyReportProcess.REVIEW_APPROVE, null);
        assertThat(instance).isWaitingAt(Elements.GRADE).hasPassed(Elements.APPROVED_GATEWAY, Elements.WRITE_MERGE);
    }

    @Test
    void onlyTheRightPeopleActAndEveryScoreIsAWholeNumberFromZeroToAHundred() {
        ProcessInstance instance = start(THREE, process.workingDay(10));
        Task writing = task(instance);
        // even the administrator, whom Camunda lets do anything, does not write another's report
        Assertions.assertThatThrownBy(() -> process.as("admin", List.of(Groups.CAMUNDA_ADMIN), List.of(),
                        () -> complete(writing, withVariables(Variables.WORK_DONE, "x", Variables.PROBLEMS, "y", Variables.NEXT_STEPS, "z"))))
                .hasMessageContaining("只有本组织书记");
        Assertions.assertThatThrownBy(() -> complete(writing, withVariables(Variables.WORK_DONE, "已完成", Variables.PROBLEMS, "",
                        Variables.NEXT_STEPS, "继续")))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("请填写“存在的问题”");
        write(instance);
        Assertions.assertThatThrownBy(() -> process.as(SECRETARY, List.of(Groups.staffOf("town-hexi")), List.of(ORGANIZATION),
                        () -> complete(task(instance), withVariables(Variables.REVIEW_DECISION, DutyReportProcess.REVIEW_APPROVE))))
                .hasMessageContaining("书记不能审核本人的述职报告");
        Assertions.assertThatThrownBy(() -> process.as("admin", List.of(Groups.CAMUNDA_ADMIN), List.of(),
                        () -> complete(task(instance), withVariables(Variables.REVIEW_DECISION, DutyReportProcess.REVIEW_APPROVE))))
                .hasMessageContaining("只有上级党组织的工作人员可以审核");
        review(instance, "mao.jianjun", DutyReportProcess.REVIEW_APPROVE, null);

        Task zhao = tasks(instance).stream().filter(t -> "zhao.min".equals(t.getAssignee())).findFirst().orElseThrow();
        for (Object bad : List.of(101, -1, "八十", 80.5)) {
            Assertions.assertThatThrownBy(() -> complete(zhao, withVariables(Variables.SCORE, bad)))
                    .as("score %s", bad).hasRootCauseInstanceOf(FormFieldValidationException.class);
        }
        Assertions.assertThatThrownBy(() -> process.as("admin", List.of(Groups.CAMUNDA_ADMIN), List.of(),
                        () -> complete(zhao, withVariables(Variables.SCORE, 90))))
                .hasMessageContaining("只能为分配给本人的述职评议打分");
        Assertions.assertThat(reports.scores(report(instance))).isEmpty();
    }

    @Test
    void theSecretaryIsRemindedThenTheTownAndTheDepartmentAreToldWhenTheReportIsLate() {
        LocalDate due = process.workingDay(6);
        ProcessInstance instance = start(THREE, due);
        String token = year + "年年中书记述职";

        process.fire(instance.getId(), Elements.WRITE_REMINDER_TIMER);
        process.fire(instance.getId(), Elements.WRITE_DEADLINE_TIMER);
        process.fire(instance.getId(), Elements.WRITE_SECOND_ESCALATION_TIMER);

        List<MimeMessage> mails = awaitMails(greenMail, token, 3);
        MimeMessage reminder = mailStartingWith(mails, "【述职提醒】");
        Assertions.assertThat(recipients(reminder)).containsExactly("li.changfu@qinghe.example");
        Assertions.assertThat(subject(reminder)).isEqualTo("【述职提醒】“" + token + "”将于" + process.text(due) + "到期");
        Assertions.assertThat(body(reminder)).contains("李长福同志", "“撰写述职报告”");
        MimeMessage first = mailStartingWith(mails, "【述职督办】");
        Assertions.assertThat(recipients(first)).containsExactlyInAnyOrderElementsOf(TOWN_STAFF);
        Assertions.assertThat(subject(first)).isEqualTo("【述职督办】中共青禾市河西镇李家村委员会“" + token + "”已到期未提交述职报告");
        Assertions.assertThat(recipients(mailStartingWith(mails, "【二级督办】"))).containsExactlyInAnyOrderElementsOf(ORG_DEPT);

        assertThat(instance).isWaitingAt(Elements.WRITE).hasPassed(Elements.SEND_WRITE_REMINDER,
                Elements.ESCALATE_WRITE_TO_SUPERVISOR, Elements.ESCALATE_WRITE_TO_ORG_DEPT);
        Assertions.assertThat(reports.events(report(instance))).extracting(DutyReportRepository.Event::type)
                .containsExactly("STARTED", "REMINDED", "ESCALATED", "ESCALATED");
    }

    @Test
    void aLateReviewAndLateScoresAreEscalatedToWhoeverHoldsThem() {
        ProcessInstance instance = start(THREE, process.workingDay(6));
        String token = year + "年年中书记述职";
        write(instance);
        process.fire(instance.getId(), Elements.REVIEW_REMINDER_TIMER);
        process.fire(instance.getId(), Elements.REVIEW_DEADLINE_TIMER);
        process.fire(instance.getId(), Elements.REVIEW_SECOND_ESCALATION_TIMER);
        List<MimeMessage> reviewMails = awaitMails(greenMail, token, 3);
        Assertions.assertThat(recipients(mailStartingWith(reviewMails, "【述职审核提醒】"))).containsExactlyInAnyOrderElementsOf(TOWN_STAFF);
        // the town is supervised by the city: a late review goes to the organization department
        Assertions.assertThat(recipients(mailStartingWith(reviewMails, "【述职审核督办】"))).containsExactlyInAnyOrderElementsOf(ORG_DEPT);

        review(instance, "mao.jianjun", DutyReportProcess.REVIEW_APPROVE, null);
        grade(instance, "zhao.min", 90, null);
        process.fire(instance.getId(), Elements.GRADE_REMINDER_TIMER);
        process.fire(instance.getId(), Elements.GRADE_DEADLINE_TIMER);
        process.fire(instance.getId(), Elements.GRADE_SECOND_ESCALATION_TIMER);
        List<MimeMessage> all = awaitMails(greenMail, token, 6);
        Assertions.assertThat(recipients(mailStartingWith(all, "【述职评议提醒】")))
                .as("only the reviewers who have not scored").containsExactlyInAnyOrder("kong.linghui@qinghe.example", "mao.jianjun@qinghe.example");

        grade(instance, "kong.linghui", 60, null);
        grade(instance, "mao.jianjun", 59, null);
        assertThat(instance).isEnded().hasPassed(Elements.SEND_REVIEW_REMINDER, Elements.ESCALATE_REVIEW_TO_SUPERVISOR,
                Elements.ESCALATE_REVIEW_TO_ORG_DEPT, Elements.SEND_GRADE_REMINDER, Elements.ESCALATE_GRADE_TO_SUPERVISOR,
                Elements.ESCALATE_GRADE_TO_ORG_DEPT);
        Assertions.assertThat(report(instance).grade()).isEqualTo("一般"); // 69.67
    }

    @Test
    void aYearBeforeAnyListTellsTheSecretaryThereIsNoneForHerType() {
        year = 1000 + Math.floorMod(System.nanoTime(), 900); // the first lists are 2026's
        ProcessInstance instance = start(THREE, process.workingDay(10));
        Assertions.assertThat(taskService.getVariable(task(instance).getId(), Variables.LIST_TEXT))
                .isEqualTo(year + "年没有适用的村党组织书记责任清单（市委组织部尚未发布）。请对照上级党组织部署的党建工作任务撰写述职报告。");
        write(instance);
        assertThat(instance).isWaitingAt(Elements.REVIEW);
    }

    @Test
    void isStartedByARoundNeverFromTasklist() {
        Assertions.assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(DutyReportProcess.PROCESS_ID).latestVersion().singleResult().isStartableInTasklist()).isFalse();
    }

    @AfterAll
    void everyFlowNodeOfTheModelWasPassed() {
        process.assertEveryFlowNodePassed(DutyReportProcess.PROCESS_ID, instances);
    }

    /** A round of its own for 李家村 alone, started by the kit's worker like any round. */
    private ProcessInstance start(List<String> reviewers, LocalDate due) {
        Round round = rounds.start(DutyReportProcess.PROCESS_ID, year + "-MID_YEAR", year + "年年中书记述职",
                new RoundScope(RoundScope.Kind.UNDER, null, ORGANIZATION, null, null),
                Map.of(DutyReportService.YEAR_PARAMETER, year, DutyReportService.HALF_PARAMETER, Half.MID_YEAR.name(),
                        DutyReportService.DUE_DATE_PARAMETER, due.toString(), DutyReportService.REVIEWERS_PARAMETER, reviewers),
                "zhao.min");
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        Round done = rounds.find(round.id()).orElseThrow();
        Assertions.assertThat(done.started()).as("%s", done.failures()).isEqualTo(1);
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(year + "-MID_YEAR-" + ORGANIZATION).singleResult();
        instances.add(instance.getId());
        return instance;
    }

    private void write(ProcessInstance instance) {
        complete(task(instance), withVariables(Variables.WORK_DONE, "落实“三会一课”，全年开展主题党日 12 次；完成村党组织换届。",
                Variables.PROBLEMS, "发展年轻党员不够，党员教育形式单一。", Variables.NEXT_STEPS, "明年发展 2 名 35 岁以下党员，开设线上党课。"));
    }

    private void review(ProcessInstance instance, String reviewer, String decision, String reason) {
        Map<String, Object> variables = reason == null ? withVariables(Variables.REVIEW_DECISION, decision)
                : withVariables(Variables.REVIEW_DECISION, decision, Variables.RETURN_REASON, reason);
        process.as(reviewer, List.of(Groups.staffOf("town-hexi")), List.of(ORGANIZATION), () -> complete(task(instance), variables));
    }

    private void grade(ProcessInstance instance, String reviewer, int score, String problems) {
        Task task = tasks(instance).stream().filter(t -> reviewer.equals(t.getAssignee())).findFirst().orElseThrow();
        Map<String, Object> variables = problems == null ? withVariables(Variables.SCORE, score)
                : withVariables(Variables.SCORE, score, Variables.REVIEW_PROBLEMS, problems);
        List<String> groups = reviewer.equals("mao.jianjun") ? List.of(Groups.staffOf("town-hexi")) : List.of(Groups.ORG_DEPT);
        process.as(reviewer, groups, List.of(ORGANIZATION), () -> complete(task, variables));
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private List<Task> tasks(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).list();
    }

    private DutyReport report(ProcessInstance instance) {
        return reports.report(year + "-MID_YEAR-" + ORGANIZATION);
    }
}
