package org.partybuilding.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.partybuilding.workflow.ProcessTestSupport.awaitMails;
import static org.partybuilding.workflow.ProcessTestSupport.mailStartingWith;
import static org.partybuilding.workflow.ProcessTestSupport.recipients;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
import org.partybuilding.inspection.InspectionProcess.Elements;
import org.partybuilding.inspection.InspectionRound.RoundStatus;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.rectification.EventType;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.rectification.Status;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.ApiException;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code quarterly-inspection} on the demo city: the plan given whole or made in the planning task, its
 * refusal when the avoidance rule (回避) cannot be kept, a plan that became impossible going back to planning, the
 * sample drawn again from its seed, findings opening rectification items (issued by the city, verified by the
 * inspectors), "no findings", the bulletin read back with Apache POI, reminders and escalations per inspection and per
 * re-inspection, and the re-inspection (回头看) that reopens an item and later consolidates, or is skipped for an item
 * that was cancelled. Each test has a year of its own, far ahead.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class InspectionProcessTest {

    static final List<String> ORG_DEPT_MAILS = List.of("zhao.min@qinghe.example", "kong.linghui@qinghe.example");
    private static final AtomicInteger YEARS = new AtomicInteger(4000 + (int) (System.nanoTime() % 1000) * 10);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Autowired ProcessEngine processEngine;
    @Autowired InspectionService inspections;
    @Autowired InspectionRepository repository;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired RectificationService rectifications;
    @Autowired DirectoryService directory;
    @Autowired ProcessTestSupport process;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired org.partybuilding.workflow.Deadlines deadlines;

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
    void everyFlowNodeIsCovered() {
        process.assertEveryFlowNodePassed(InspectionProcess.PROCESS_ID, instances);
    }

    @Test
    void aSampleIsInspectedAvoidingTheInspectorsOwnTownsFindingsAreRectifiedAndReInspected() throws IOException {
        InspectionPlan plan = plan("SAMPLE", null, null, 8, 20261126L, List.of("VILLAGE-09", "COMMUNITY-09", "VILLAGE-02"), null);
        String instance = start(plan);
        runJobs(instance);

        List<InspectionRepository.Target> targets = repository.targets(year, 4);
        assertThat(targets).hasSize(8);
        // the same seed draws the same organizations, as the round recorded them
        assertThat(inspections.resolve(plan, year, 4).assignments()).extracting(a -> a.organization().id())
                .containsExactlyElementsOf(targets.stream().map(InspectionRepository.Target::organizationId).toList());
        for (InspectionRepository.Target target : targets) {
            assertThat(town(target.organizationId())).as("回避 for %s", target.organizationId())
                    .isNotEqualTo(town(directory.staffMember(target.inspectorId()).orElseThrow().organizationId()));
        }
        // evenly: no inspector has two more than another
        Map<String, Long> load = targets.stream().collect(Collectors.groupingBy(InspectionRepository.Target::inspectorId, Collectors.counting()));
        assertThat(load.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - load.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThanOrEqualTo(1);
        assertThat(inspectionTasks(instance)).hasSize(8);

        InspectionRepository.Target first = targets.get(0);
        Task task = inspectionTask(instance, first.organizationId());
        assertThat(task.getAssignee()).isEqualTo(first.inspectorId());
        assertThat(task.getDescription()).contains("专项督查", directory.organization(first.organizationId()).orElseThrow().name());
        assertThat(task.getDueDate()).isEqualTo(deadlines.deadlineOf(plan.dueDate()));

        // another inspector may not record this one's findings; a bad line is named and nothing is opened
        String other = targets.stream().map(InspectionRepository.Target::inspectorId).filter(i -> !i.equals(first.inspectorId())).findFirst().orElseThrow();
        assertThatThrownBy(() -> asInspector(other, () -> taskService.complete(task.getId(), findings("查阅了会议记录", false, "VILLAGE-09｜一般｜问题"))))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        assertThatThrownBy(() -> asInspector(first.inspectorId(), () -> taskService.complete(task.getId(),
                findings("查阅了会议记录", false, "VILLAGE-09｜一般｜记录不全\nVILLAGE-99｜严重｜不在清单\nVILLAGE-02｜很严重｜程度不对"))))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("第 2 行").hasMessageContaining("第 3 行");
        assertThatThrownBy(() -> asInspector(first.inspectorId(), () -> taskService.complete(task.getId(), findings("查阅了会议记录", false, ""))))
                .hasMessageContaining("未发现问题");
        assertThat(repository.findings(year, 4)).isEmpty();

        // the findings cite items the form lists for this organization (its secretary type's)
        List<String> listed = String.valueOf(taskService.getVariable(task.getId(), "checklistText")).lines()
                .map(line -> line.substring(0, line.indexOf('（'))).toList();
        LocalDate due = process.workingDay(15);
        asInspector(first.inspectorId(), () -> taskService.complete(task.getId(), findings("查阅了 2026 年三会一课记录，走访党员 5 名", false,
                listed.get(0) + "｜较重｜9 月支部委员会未召开，记录不全｜" + due + "\n" + listed.get(listed.size() - 1) + "｜严重｜发展党员材料缺少公示环节")));
        List<InspectionRepository.Finding> findings = repository.findings(year, 4);
        assertThat(findings).hasSize(2);
        RectificationItem item = rectifications.find(findings.get(0).itemId(), orgDept());
        assertThat(item.source()).isEqualTo(Source.INSPECTION);
        assertThat(item.sourceRef()).isEqualTo(year + "-Q4");
        assertThat(item.issuingOrganizationId()).isEqualTo("city");
        assertThat(item.organizationId()).isEqualTo(first.organizationId());
        assertThat(item.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(item.dueDate()).isEqualTo(due);
        assertThat(rectifications.find(findings.get(1).itemId(), orgDept()).severity()).isEqualTo(Severity.HIGH);

        // the other seven find nothing
        for (InspectionRepository.Target target : targets.subList(1, targets.size())) {
            Task next = inspectionTask(instance, target.organizationId());
            asInspector(target.inspectorId(), () -> taskService.complete(next.getId(), findings("对照检查项逐项检查", true, "")));
        }
        // the second finding is rectified before the bulletin: its re-inspection starts with it already closed
        rectify(findings.get(1).itemId());
        runJobs(instance);
        BpmnAwareTests.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).singleResult())
                .isWaitingAt(Elements.BULLETIN);
        assertThat(repository.round(year, 4).orElseThrow().status()).isEqualTo(RoundStatus.BULLETIN);

        Task bulletin = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.BULLETIN).singleResult();
        assertThat(taskService.getVariable(bulletin.getId(), "overview")).asString().contains("督查党组织 8 个", "发现问题 2 条");
        Map<String, Object> bulletinForm = new HashMap<>();
        bulletinForm.put("documentNumber", "青组通〔" + year + "〕15号");
        bulletinForm.put("remarks", "");
        process.as("zhao.min", List.of("org-dept"), List.of(), () -> taskService.complete(bulletin.getId(), bulletinForm));

        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(inspections.bulletin(year, 4)));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            String text = extractor.getText();
            assertThat(text).contains("中共青禾市委组织部", "青组通〔" + year + "〕15号", "关于" + year + "年第四季度基层党建专项督查情况的通报",
                    "共督查基层党组织8个", "发现问题2条，其中严重问题1条、较重问题1条、一般问题0条", "一、督查基本情况", "二、发现的主要问题",
                    "三、整改落实情况", "四、下一步工作要求", "已整改销号1条", "9 月支部委员会未召开");
            // the table by town: the first finding's town has 2 findings, one of them serious
            String townName = directory.organization(town(first.organizationId())).orElseThrow().name();
            assertThat(document.getTables()).hasSize(2);
            var row = document.getTables().get(0).getRows().stream().filter(r -> r.getCell(0).getText().equals(townName)).findFirst().orElseThrow();
            assertThat(row.getCell(2).getText()).isEqualTo("2");
            assertThat(row.getCell(3).getText()).isEqualTo("1");
            var total = document.getTables().get(0).getRows().get(document.getTables().get(0).getRows().size() - 1);
            assertThat(total.getCell(1).getText()).isEqualTo("8");
            // GB/T 9704: A4, 仿宋 body of 16 pt
            assertThat(document.getDocument().getBody().getSectPr().getPgSz().getW().toString()).isEqualTo("11906");
            assertThat(document.getParagraphs().stream().flatMap(p -> p.getRuns().stream())
                    .anyMatch(r -> BulletinDocument.FANGSONG.equals(r.getFontFamily(org.apache.poi.xwpf.usermodel.XWPFRun.FontCharRange.eastAsia))
                            && Double.valueOf(16).equals(r.getFontSizeAsDouble()))).isTrue();
        }
        assertThat(repository.round(year, 4).orElseThrow().status()).isEqualTo(RoundStatus.REVISITING);

        // finding 2 (already closed): its re-inspection is due 20 working days after the closure
        long closedItem = findings.get(1).itemId();
        long openItem = findings.get(0).itemId();
        process.fire(instance, Elements.REVISIT_DUE);
        Task revisit = revisitTask(instance);
        assertThat(revisit.getAssignee()).isEqualTo(first.inspectorId());
        assertThatThrownBy(() -> asInspector(first.inspectorId(), () -> taskService.complete(revisit.getId(),
                Map.of("revisitOutcome", "RELAPSED", "revisitNote", "问题反弹", "newDueDate", ""))))
                .hasMessageContaining("重新整改期限");
        LocalDate again = process.workingDay(10);
        asInspector(first.inspectorId(), () -> taskService.complete(revisit.getId(),
                Map.of("revisitOutcome", "RELAPSED", "revisitNote", "公示环节仍未落实", "newDueDate", again.toString())));
        RectificationItem reopened = rectifications.find(closedItem, orgDept());
        assertThat(reopened.status()).isEqualTo(Status.OPEN);
        assertThat(reopened.dueDate()).isEqualTo(again);
        assertThat(reopened.history()).extracting(e -> e.type()).contains(EventType.CLOSED, EventType.REOPENED);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(reopened.processInstanceId()).singleResult()).isNotNull();
        assertThat(repository.findings(year, 4).get(1).reopened()).isEqualTo(1);

        // both items rectified now: each re-inspection finds the work consolidated, and the quarter is done
        rectify(closedItem);
        rectify(openItem);
        for (int i = 0; i < 2; i++) {
            Job timer = managementService.createJobQuery().processInstanceId(instance).timers().activityId(Elements.REVISIT_DUE).list().get(0);
            ClockUtil.setCurrentTime(timer.getDuedate());
            managementService.executeJob(timer.getId());
            Task next = revisitTask(instance);
            asInspector(next.getAssignee(), () -> taskService.complete(next.getId(), Map.of("revisitOutcome", "CONSOLIDATED", "revisitNote", "回访核实，整改到位")));
        }
        runJobs(instance);
        BpmnAwareTests.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).singleResult()).isNull();
        assertThat(repository.round(year, 4).orElseThrow().status()).isEqualTo(RoundStatus.DONE);
        assertThat(rectifications.find(closedItem, orgDept()).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void aFindingWhoseItemIsCancelledWhileItsReInspectionWaitsIsNotReInspectedAndTheQuarterEnds() {
        String instance = start(plan("SAMPLE", null, null, 1, 1248L, List.of("VILLAGE-09"), null));
        ProcessInstance round = runtimeService.createProcessInstanceQuery().processInstanceId(instance).singleResult();
        long item = inspectWithOneFinding(instance);
        issueBulletin(instance);
        BpmnAwareTests.assertThat(round).isWaitingAt(Elements.ITEM_CLOSED);
        assertThat(repository.round(year, 4).orElseThrow().status()).isEqualTo(RoundStatus.REVISITING);

        // an administrator deletes the item's loop (Cockpit, REST): the item is cancelled, there is nothing to re-inspect
        runtimeService.deleteProcessInstance(rectifications.find(item, orgDept()).processInstanceId(), "问题已并入其他整改事项");
        assertThat(rectifications.find(item, orgDept()).status()).isEqualTo(Status.CANCELLED);
        runJobs(instance);

        BpmnAwareTests.assertThat(round).isEnded().hasPassed(Elements.ITEM_CLOSED, Elements.CANCELLED_GATEWAY, Elements.ITEM_CANCELLED,
                Elements.DONE).hasNotPassed(Elements.REVISIT_DUE, Elements.REVISIT);
        assertThat(repository.round(year, 4).orElseThrow().status()).isEqualTo(RoundStatus.DONE);
        assertThat(managementService.createJobQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void aFindingWhoseItemWasCancelledBeforeTheBulletinIsNotWaitedForAndTheQuarterEnds() {
        String instance = start(plan("SAMPLE", null, null, 1, 1248L, List.of("VILLAGE-09"), null));
        ProcessInstance round = runtimeService.createProcessInstanceQuery().processInstanceId(instance).singleResult();
        long item = inspectWithOneFinding(instance);
        runtimeService.deleteProcessInstance(rectifications.find(item, orgDept()).processInstanceId(), "问题已并入其他整改事项");
        BpmnAwareTests.assertThat(round).isWaitingAt(Elements.BULLETIN);

        issueBulletin(instance);
        runJobs(instance);

        BpmnAwareTests.assertThat(round).isEnded().hasPassed(Elements.CLOSED_GATEWAY, Elements.CANCELLED_GATEWAY, Elements.ITEM_CANCELLED,
                Elements.DONE).hasNotPassed(Elements.ITEM_CLOSED, Elements.REVISIT_DUE, Elements.REVISIT);
        assertThat(repository.round(year, 4).orElseThrow().status()).isEqualTo(RoundStatus.DONE);
    }

    @Test
    void aQuarterStartsOnceAndAPlanThatCannotKeepTheAvoidanceRuleIsRefused() {
        InspectionPlan impossible = plan("UNDER", null, "town-hexi", null, null, List.of("VILLAGE-09"), List.of("qiu.hongmei"));
        assertThatThrownBy(() -> inspections.startRound(year, 4, impossible, "zhao.min")).isInstanceOf(ApiException.class)
                .hasMessageContaining("回避").hasMessageContaining("李家村");
        assertThat(repository.round(year, 4)).isEmpty();

        InspectionPlan plan = plan("UNDER", null, "town-hexi", null, null, List.of("VILLAGE-09"), List.of("qiu.hongmei", "bai.xuefeng"));
        String instance = start(plan);
        assertThatThrownBy(() -> inspections.startRound(year, 4, plan, "zhao.min")).isInstanceOf(ApiException.class)
                .hasMessageContaining("每个季度只能发起一次");
        runJobs(instance);
        // qiu.hongmei is of 河西镇: every organization there goes to bai.xuefeng
        assertThat(repository.targets(year, 4)).isNotEmpty().allSatisfy(t -> assertThat(t.inspectorId()).isEqualTo("bai.xuefeng"));
    }

    @Test
    void aSectorsInspectorDoesNotInspectTheOrganizationsItsSectorSupervisesInATown() {
        // 华宁纺织 is of 河西镇 (parent) and guided by the 两新工委 (supervisor): neither qiu.hongmei (河西镇) nor qian.jiahui
        // (两新工委) may inspect it, though qian.jiahui may inspect 河西镇's villages
        Organization textile = directory.organization("npe-huaning-textile").orElseThrow();
        assertThat(textile.parentId()).isEqualTo("town-hexi");
        assertThat(textile.supervisorId()).isEqualTo("sector-two-new");
        assertThat(directory.staffMember("qian.jiahui").orElseThrow().organizationId()).isEqualTo("sector-two-new");
        InspectionPlan withoutCity = plan("UNDER", null, "town-hexi", null, null, List.of("VILLAGE-09"), List.of("qiu.hongmei", "qian.jiahui"));
        assertThatThrownBy(() -> inspections.resolve(withoutCity, year, 4)).isInstanceOf(ApiException.class)
                .hasMessageContaining("回避").hasMessageContaining(textile.name()).hasMessageNotContaining("李家村");

        InspectionPlan plan = plan("UNDER", null, "town-hexi", null, null, List.of("VILLAGE-09"), List.of("qiu.hongmei", "qian.jiahui", "bai.xuefeng"));
        List<InspectionPlanner.Assignment> assignments = inspections.resolve(plan, year, 4).assignments();
        assertThat(assignments).extracting(a -> a.organization().id()).contains(textile.id(), "npe-hexi-new-materials");
        assertThat(assignments).filteredOn(a -> "sector-two-new".equals(a.organization().supervisorId()))
                .allSatisfy(a -> assertThat(a.inspector().userId()).isEqualTo("bai.xuefeng"));
        assertThat(assignments).extracting(a -> a.inspector().userId()).doesNotContain("qiu.hongmei").contains("qian.jiahui");
    }

    @Test
    void theOrganizationDepartmentPlansInTasklistAndAPlanThatBecameImpossibleComesBack() {
        String instance = start(new InspectionPlan(year, 4, null, null, null, null, null, null, null, null, null));
        Task planning = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.PLAN).singleResult();
        assertThat(planning).isNotNull();
        assertThat(taskService.getIdentityLinksForTask(planning.getId())).extracting(l -> l.getGroupId()).contains("org-dept");

        Map<String, Object> form = new HashMap<>();
        form.put("theme", "软弱涣散基层党组织整顿");
        form.put("scopeKind", "UNDER");
        form.put("scopeOrganizationId", "town-hexi");
        form.put("checklist", "VILLAGE-09");
        form.put("inspectors", "qiu.hongmei");
        form.put("dueDate", process.workingDay(10).toString());
        assertThatThrownBy(() -> process.as("zhao.min", List.of("org-dept"), List.of(), () -> taskService.complete(planning.getId(), form)))
                .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("回避");
        form.put("inspectors", "qiu.hongmei, bai.xuefeng");
        process.as("zhao.min", List.of("org-dept"), List.of(), () -> taskService.complete(planning.getId(), form));
        InspectionRound round = repository.round(year, 4).orElseThrow();
        assertThat(round.theme()).isEqualTo("软弱涣散基层党组织整顿");
        assertThat(round.plannedBy()).isEqualTo("zhao.min");

        // before the assignment runs, bai.xuefeng leaves the pool (as after a directory import): the plan comes back
        jdbc.sql("update inspection_round set inspector_pool = array['qiu.hongmei'] where year = ? and quarter = 4").param(year).update();
        runJobs(instance);
        Task again = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.PLAN).singleResult();
        assertThat(again).isNotNull();
        assertThat(runtimeService.getVariable(instance, "planProblem")).asString().contains("方案无法执行", "回避");
        assertThat(repository.targets(year, 4)).isEmpty();
        process.as("zhao.min", List.of("org-dept"), List.of(), () -> taskService.complete(again.getId(), form));
        runJobs(instance);
        assertThat(repository.targets(year, 4)).isNotEmpty();
    }

    @Test
    void eachInspectorIsRemindedAndEscalatedOnTheirOwnInspection() {
        String instance = start(plan("DOMAIN", "SOCIAL_ORGANIZATION", null, null, null, List.of("VILLAGE-09"), List.of("bai.xuefeng", "cui.zhihua")));
        runJobs(instance);
        List<InspectionRepository.Target> targets = repository.targets(year, 4);
        assertThat(targets).hasSizeGreaterThanOrEqualTo(2);
        String token = year + "年第四季度专项督查";
        for (InspectionRepository.Target target : targets) {
            String execution = inspectionTask(instance, target.organizationId()).getExecutionId();
            fireInScope(instance, execution, Elements.INSPECT_REMINDER_TIMER);
        }
        org.partybuilding.notification.OutboxDelivery.sendDue(context); // the after-commit runs coalesce: send what one of them missed
        List<MimeMessage> reminders = awaitMails(greenMail, "【督查提醒】“" + token, targets.size());
        assertThat(reminders).hasSize(targets.size());
        assertThat(reminders.stream().flatMap(m -> recipients(m).stream()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("bai.xuefeng@qinghe.example", "cui.zhihua@qinghe.example");

        InspectionRepository.Target target = targets.get(0);
        String execution = inspectionTask(instance, target.organizationId()).getExecutionId();
        fireInScope(instance, execution, Elements.INSPECT_DEADLINE_TIMER);
        fireInScope(instance, execution, Elements.INSPECT_SECOND_ESCALATION_TIMER);
        org.partybuilding.notification.OutboxDelivery.sendDue(context);
        MimeMessage first = mailStartingWith(awaitMails(greenMail, "【督查督办】", 1), "【督查督办】");
        assertThat(recipients(first)).containsExactlyInAnyOrderElementsOf(ORG_DEPT_MAILS);
        MimeMessage second = mailStartingWith(awaitMails(greenMail, "【二级督办】", 1), "【二级督办】");
        assertThat(recipients(second)).containsExactlyInAnyOrderElementsOf(ORG_DEPT_MAILS);
        assertThat(ProcessTestSupport.body(first)).contains("督查人员", "tasklist/default/#/?task=" + inspectionTask(instance, target.organizationId()).getId());
    }

    @Test
    void eachReInspectionHasItsOwnWorkingDayDeadlineReminderAndEscalation() {
        String instance = start(plan("SAMPLE", null, null, 1, 1248L, List.of("VILLAGE-09"), null));
        runJobs(instance);
        InspectionRepository.Target target = repository.targets(year, 4).get(0);
        String description = year + " 年党员发展公示记录缺失";
        Task inspection = inspectionTask(instance, target.organizationId());
        asInspector(target.inspectorId(), () -> taskService.complete(inspection.getId(), findings("查阅了发展党员材料", false,
                "VILLAGE-09｜一般｜" + description)));
        runJobs(instance);
        long item = repository.findings(year, 4).get(0).itemId();
        issueBulletin(instance);
        rectify(item);

        // the re-inspection falls due: 10 working days for it, as the policy's "revisit" rule says
        process.fire(instance, Elements.REVISIT_DUE);
        Task revisit = revisitTask(instance);
        assertThat(revisit.getDueDate()).isEqualTo(deadlines.workingDaysFromToday(10));
        assertThat(taskService.getVariable(revisit.getId(), "revisitDeadlineText")).asString().startsWith(deadlines.text(revisit.getDueDate()));

        // the inspector is reminded, then the organization department is told at the deadline and again later
        String execution = revisit.getExecutionId();
        fireInScope(instance, execution, Elements.REVISIT_REMINDER_TIMER);
        org.partybuilding.notification.OutboxDelivery.sendDue(context);
        MimeMessage reminder = mailStartingWith(awaitMails(greenMail, description, 1), "【回头看提醒】“" + description + "”");
        assertThat(recipients(reminder)).containsExactly(directory.staffMember(target.inspectorId()).orElseThrow().email());
        String organizationName = directory.organization(target.organizationId()).orElseThrow().name();
        assertThat(ProcessTestSupport.body(reminder)).contains("对已整改销号的问题开展回头看", organizationName, "整改事项 #" + item,
                "tasklist/default/#/?task=" + revisit.getId());

        fireInScope(instance, execution, Elements.REVISIT_DEADLINE_TIMER);
        fireInScope(instance, execution, Elements.REVISIT_SECOND_ESCALATION_TIMER);
        org.partybuilding.notification.OutboxDelivery.sendDue(context);
        List<MimeMessage> mails = awaitMails(greenMail, description, 3);
        MimeMessage first = mailStartingWith(mails, "【回头看督办】" + organizationName + "“" + description + "”");
        assertThat(recipients(first)).containsExactlyInAnyOrderElementsOf(ORG_DEPT_MAILS);
        assertThat(ProcessTestSupport.body(first)).contains("一级督办", "督查人员");
        MimeMessage second = mailStartingWith(mails, "【二级督办】" + organizationName + "“" + description + "”");
        assertThat(recipients(second)).containsExactlyInAnyOrderElementsOf(ORG_DEPT_MAILS);
        assertThat(ProcessTestSupport.body(second)).contains("请组织部督促督查人员按期完成回头看。");

        // late, but done: the quarter ends and no timer is left behind
        asInspector(target.inspectorId(), () -> taskService.complete(revisit.getId(),
                Map.of("revisitOutcome", "CONSOLIDATED", "revisitNote", "回访核实，公示记录已补齐")));
        runJobs(instance);
        BpmnAwareTests.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).singleResult()).isNull();
        assertThat(managementService.createJobQuery().processInstanceId(instance).count()).isZero();
    }

    // --- helpers ---

    private InspectionPlan plan(String scope, String domain, String organizationId, Integer sampleSize, Long seed, List<String> checklist,
            List<String> inspectors) {
        return new InspectionPlan(year, 4, "“三会一课”制度落实情况", scope, domain, organizationId, sampleSize, seed, checklist, inspectors,
                process.workingDay(10));
    }

    /** Assigns the round (one organization) and its inspector records one finding: its rectification item's id. */
    private long inspectWithOneFinding(String instance) {
        runJobs(instance);
        InspectionRepository.Target target = repository.targets(year, 4).get(0);
        Task task = inspectionTask(instance, target.organizationId());
        asInspector(target.inspectorId(), () -> taskService.complete(task.getId(), findings("查阅了会议记录", false, "VILLAGE-09｜一般｜会议记录不全")));
        runJobs(instance);
        List<InspectionRepository.Finding> findings = repository.findings(year, 4);
        assertThat(findings).hasSize(1);
        return findings.get(0).itemId();
    }

    private void issueBulletin(String instance) {
        Task bulletin = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.BULLETIN).singleResult();
        process.as("zhao.min", List.of("org-dept"), List.of(), () -> taskService.complete(bulletin.getId(),
                Map.of("documentNumber", "青组通〔" + year + "〕16号", "remarks", "")));
    }

    private String start(InspectionPlan plan) {
        String instance = inspections.startRound(year, 4, plan, "zhao.min");
        instances.add(instance);
        return instance;
    }

    /** Runs the instance's due jobs (async continuations) as the job executor would. */
    private void runJobs(String instance) {
        for (int i = 0; i < 200; i++) {
            List<Job> jobs = managementService.createJobQuery().processInstanceId(instance).executable().list().stream()
                    .filter(j -> j.getDuedate() == null || !j.getDuedate().after(ClockUtil.getCurrentTime()))
                    .filter(j -> managementService.createJobQuery().jobId(j.getId()).timers().count() == 0).toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> managementService.executeJob(j.getId()));
        }
    }

    private void fireInScope(String instance, String taskExecution, String timerActivityId) {
        // the boundary timers of one inspection hang on the execution of its task
        Job timer = managementService.createJobQuery().processInstanceId(instance).timers().activityId(timerActivityId)
                .executionId(taskExecution).singleResult();
        assertThat(timer).as("timer %s of %s", timerActivityId, taskExecution).isNotNull();
        ClockUtil.setCurrentTime(timer.getDuedate());
        managementService.executeJob(timer.getId());
    }

    private List<Task> inspectionTasks(String instance) {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.INSPECT).list();
    }

    private Task inspectionTask(String instance, String organizationId) {
        return inspectionTasks(instance).stream()
                .filter(t -> organizationId.equals(taskService.getVariable(t.getId(), InspectionProcess.Variables.INSPECTED_ORGANIZATION_ID)))
                .findFirst().orElseThrow();
    }

    private Task revisitTask(String instance) {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Elements.REVISIT).singleResult();
    }

    private static Map<String, Object> findings(String summary, boolean none, String lines) {
        Map<String, Object> form = new HashMap<>();
        form.put("summary", summary);
        form.put("noFindings", none);
        form.put("findings", lines);
        return form;
    }

    private void asInspector(String userId, Runnable action) {
        process.as(userId, List.of("inspectors"), List.of("city"), action);
    }

    /** The secretary submits the work and an inspector accepts it: the item closes. */
    private void rectify(long itemId) {
        String rectification = rectifications.find(itemId, orgDept()).processInstanceId();
        Task submit = taskService.createTaskQuery().processInstanceId(rectification).taskDefinitionKey(RectificationProcess.Elements.SUBMIT).singleResult();
        taskService.complete(submit.getId(), Map.of("measures", "已补开支部委员会并完善记录", "evidence", "会议记录扫描件"));
        Task verify = taskService.createTaskQuery().processInstanceId(rectification).taskDefinitionKey(RectificationProcess.Elements.VERIFY).singleResult();
        verify.setAssignee("bai.xuefeng");
        taskService.saveTask(verify);
        taskService.complete(verify.getId(), Map.of("verification", "ACCEPT"));
        assertThat(rectifications.find(itemId, orgDept()).status()).isEqualTo(Status.CLOSED);
    }

    private String town(String organizationId) {
        Organization organization = directory.organization(organizationId).orElseThrow();
        while (organization.parentId() != null && !"city".equals(organization.parentId())) {
            organization = directory.organization(organization.parentId()).orElseThrow();
        }
        return organization.parentId() == null ? null : organization.id();
    }

    private static ApiUser orgDept() {
        return new ApiUser("zhao.min", List.of("org-dept"));
    }
}
