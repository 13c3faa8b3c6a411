package org.partybuilding.annual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.annual.AnnualCycleProcess.Elements;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.inspection.InspectionProcess;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Source;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.Rounds;
import org.partybuilding.workflow.WorkingDays;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A whole "1248" year for the demo city, compressed: the organization department starts the cycle, holds the
 * conference, every secretary signs her list (two late), the four quarters' inspections are planned and carried out
 * (findings closed on time, late, or left open), the mid-year and year-end duty reports are written, reviewed and
 * graded by five reviewers, the survey is uploaded (two organizations below the threshold), and the assessment
 * computes the Party Building Cup, the stars and the 80% figure. The test computes every organization's expected
 * score itself, from what it did and the published weights and deductions, and compares the report cards. Timers are
 * fired in the order of the schedule; the clock is moved to each of them, in a year of its own far ahead.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class AnnualCycleEndToEndTest {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    static final ApiUser ORG_DEPT = new ApiUser("zhao.min", List.of("org-dept"));
    static final List<String> REVIEWERS = List.of("zhao.min", "kong.linghui", "bai.xuefeng", "cui.zhihua", "kang.li");
    /** The published weights (bpmn/party-building-cup.dmn) and deductions, as the README states them. */
    static final double W_DUTY = 0.35, W_RECT = 0.30, W_SURVEY = 0.20, W_LIST = 0.15;
    static final List<String> LATE_SIGNERS = List.of("village-wangzhuang", "community-heping");

    @Autowired ProcessEngine processEngine;
    @Autowired AnnualCycleService cycles;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired Rounds rounds;
    @Autowired DirectoryService directory;
    @Autowired RectificationService rectifications;
    @Autowired WorkingDays workingDays;
    @Autowired ProcessTestSupport process;
    @LocalServerPort int port;

    private final List<String> annualInstances = new ArrayList<>();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    void everyFlowNodeIsCovered() {
        process.assertEveryFlowNodePassed(AnnualCycleProcess.PROCESS_ID, annualInstances);
    }

    @Test
    void aCompressedYearEndsInReportCardsThatAgreeWithAnIndependentComputation() {
        int year = 2950 + (int) (System.nanoTime() % 50); // a year no other test uses (the assessment tests take 2100–2949)
        clock(LocalDate.of(year, 1, 5));
        List<Organization> grassroots = directory.organizations().stream().filter(o -> o.domain().isGrassroots()).toList();

        // --- "1": the year starts, the conference is held, the lists are published ---
        assertThat(cycles.start(year, new NewCycle(null, REVIEWERS), ORG_DEPT).stages()).isNotEmpty();
        assertThatThrownBy(() -> cycles.start(year, null, ORG_DEPT)).hasMessageContaining("每年只能发起一次");
        String annual = runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualCycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(year)).singleResult().getId();
        annualInstances.add(annual);
        Task conference = single(annual, Elements.CONFERENCE);
        Map<String, Object> minutes = new HashMap<>();
        minutes.put("conferenceDate", year + "-01-05");
        minutes.put("decisions", "印发年度党建工作要点");
        minutes.put("targets", "三星级以上党组织占比超过 80%");
        minutes.put("tenProjects", "党建引领基层治理\n红色物业");
        taskService.complete(conference.getId(), minutes);

        // --- "8": every grassroots secretary signs her type's list; two sign after the due date ---
        awaitRound("list-signing", String.valueOf(year), grassroots.size());
        List<Task> signing = taskService.createTaskQuery().processDefinitionKey(ListSigningProcess.PROCESS_ID)
                .processInstanceBusinessKeyLike(year + "-%").list();
        assertThat(signing).hasSize(grassroots.size());
        Task anyList = signing.get(0);
        assertThatThrownBy(() -> taskService.complete(anyList.getId(), Map.of("confirmed", false))).hasMessageContaining("承诺");
        for (Task task : signing) {
            if (LATE_SIGNERS.stream().noneMatch(id -> organizationOf(task).equals(id))) {
                taskService.complete(task.getId(), Map.of("confirmed", true));
            }
        }
        clock(LocalDate.of(year, 2, 20));
        for (Task task : taskService.createTaskQuery().processDefinitionKey(ListSigningProcess.PROCESS_ID)
                .processInstanceBusinessKeyLike(year + "-%").list()) {
            taskService.complete(task.getId(), Map.of("confirmed", true));
        }

        // --- "4", first quarter: 河西镇 inspected; 李家村 has a finding closed on time and one closed late, 河口村 one left open ---
        process.fire(annual, Elements.INSPECTION_DUE);
        String q1 = quarter(year, 1, "UNDER", "town-hexi", null);
        LocalDate due = workingDays.plus(today(), 10);
        inspect(q1, Map.of("village-lijia", "VILLAGE-02｜较重｜支部委员会记录不全｜" + due + "\nVILLAGE-09｜严重｜为民办实事台账缺失｜" + due,
                "village-hekou", "VILLAGE-02｜一般｜主题党日未按月开展｜" + due));
        bulletin(q1, year + "〕1号");
        List<Long> q1Items = itemsOf(year + "-Q1");
        assertThat(q1Items).hasSize(3);
        rectify(q1Items.get(0));                     // 李家村, 较重, on time
        clock(due.plusDays(3));
        rectify(q1Items.get(1));                     // 李家村, 严重, late
        // 河口村's item stays open until the assessment

        // --- second quarter, mid-year duty reports, third and fourth quarters (no findings) ---
        process.fire(annual, Elements.INSPECTION_DUE);
        String q2 = quarter(year, 2, "SAMPLE", null, 2);
        inspect(q2, Map.of());
        bulletin(q2, year + "〕2号");
        process.fire(annual, Elements.MID_YEAR_DUE);
        Map<String, Integer> midYear = dutyReports(year, "MID_YEAR", grassroots, 0);
        process.fire(annual, Elements.INSPECTION_DUE);
        inspect(quarter(year, 3, "SAMPLE", null, 2), Map.of());
        bulletin(runtimeQuarter(year, 3), year + "〕3号");
        process.fire(annual, Elements.INSPECTION_DUE);
        inspect(quarter(year, 4, "SAMPLE", null, 2), Map.of());
        bulletin(runtimeQuarter(year, 4), year + "〕4号");

        // --- the survey window: confirming before the upload is refused; two organizations score below 80 ---
        process.fire(annual, Elements.SURVEY_WINDOW);
        Task confirmSurvey = single(annual, Elements.CONFIRM_SURVEY);
        assertThatThrownBy(() -> taskService.complete(confirmSurvey.getId(), Map.of("note", ""))).hasRootCauseInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("尚未上传");
        Map<String, BigDecimal> survey = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            survey.put(grassroots.get(i * 5).id(), new BigDecimal(i == 3 ? "72.50" : i == 7 ? "65.00" : String.valueOf(82 + i)));
        }
        StringBuilder csv = new StringBuilder("组织编号,总体得分\r\n");
        survey.forEach((id, score) -> csv.append(id).append(',').append(score.toPlainString()).append("\r\n"));
        Http.Response upload = new Http(port).upload("/api/surveys/" + year, "zhao.min", "survey.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        taskService.complete(confirmSurvey.getId(), Map.of("note", "测评机构已提交"));

        // --- "2", year end ---
        process.fire(annual, Elements.YEAR_END_DUE);
        Map<String, Integer> yearEnd = dutyReports(year, "YEAR_END", grassroots, 3);

        // --- the assessment ---
        process.fire(annual, Elements.ASSESSMENT_DUE);
        JsonNode cards = new Http(port).get("/api/report-cards/" + year, "zhao.min").json();
        Map<String, JsonNode> byOrganization = new HashMap<>();
        cards.forEach(card -> byOrganization.put(card.get("organizationId").asText(), card));
        assertThat(byOrganization).hasSize(grassroots.size());

        Map<String, Double> expected = new HashMap<>();
        Map<String, Integer> expectedStars = new HashMap<>();
        for (Organization organization : grassroots) {
            String id = organization.id();
            double duty = (midYear.get(id) + yearEnd.get(id)) / 2.0;
            double rect = 100 - switch (id) {
                case "village-lijia" -> 2 + 8;   // 较重 on time, 严重 late
                case "village-hekou" -> 5;       // 一般, still open
                default -> survey.containsKey(id) && survey.get(id).doubleValue() < 80 ? 8 : 0; // 较重, opened by the survey, open
            };
            double list = LATE_SIGNERS.contains(id) ? 60 : 100;
            double weighted = W_DUTY * duty + W_RECT * rect + W_LIST * list;
            double weights = W_DUTY + W_RECT + W_LIST;
            if (survey.containsKey(id)) {
                weighted += W_SURVEY * survey.get(id).doubleValue();
                weights += W_SURVEY;
            }
            double cup = BigDecimal.valueOf(weighted / weights).setScale(2, RoundingMode.HALF_UP).doubleValue();
            expected.put(id, cup);
            expectedStars.put(id, cup >= 90 ? 5 : cup >= 80 ? 4 : cup >= 70 ? 3 : cup >= 60 ? 2 : 1);
            JsonNode card = byOrganization.get(id);
            assertThat(card.get("cupScore").asDouble()).as("cup score of %s", id).isCloseTo(cup, org.assertj.core.data.Offset.offset(0.011));
            assertThat(card.get("stars").asInt()).as("stars of %s (%s)", id, cup).isEqualTo(expectedStars.get(id));
        }
        long threeOrMore = expectedStars.values().stream().filter(s -> s >= 3).count();
        JsonNode summary = new Http(port).get("/api/report-cards/" + year + "/summary", "zhao.min").json();
        assertThat(summary.get("shareThreeStarsOrMore").asDouble()).isCloseTo((double) threeOrMore / grassroots.size(),
                org.assertj.core.data.Offset.offset(0.0001));
        assertThat(summary.get("targetMet").asBoolean()).isEqualTo((double) threeOrMore / grassroots.size() >= 0.8);
        List<String> twoStars = expectedStars.entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey).sorted().toList();
        List<String> oneStepShort = new ArrayList<>();
        summary.get("oneStepShort").forEach(n -> oneStepShort.add(n.asText()));
        assertThat(oneStepShort).containsExactlyInAnyOrderElementsOf(twoStars);
        JsonNode lijia = new Http(port).get("/api/report-cards/" + year + "/village-lijia", "li.changfu").json();
        assertThat(lijia.toString()).contains("village-lijia");
        assertThat(new Http(port).get("/api/report-cards/" + year + "/village-hekou", "li.changfu").status()).isEqualTo(404);

        // --- 谈优谈差 and the lists; the year is done ---
        List<Task> talks = taskService.createTaskQuery().processInstanceId(annual).taskDefinitionKey(Elements.TALK).list();
        assertThat(talks).hasSize(6);
        for (Task talk : talks) {
            taskService.complete(talk.getId(), Map.of("talkDate", year + 1 + "-01-12", "talkNotes", "肯定成绩，指出问题，提出要求"));
        }
        Task honours = single(annual, Elements.CONFIRM_LISTS);
        assertThat(taskService.getVariable(honours.getId(), "resultText")).asString().contains("三星级以上占比");
        taskService.complete(honours.getId(), Map.of("note", "同意"));
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(annual).count()).isZero();
        YearProgress progress = cycles.progress(year, ORG_DEPT);
        assertThat(progress.stages()).allSatisfy(stage -> assertThat(stage.status()).as(stage.key() + ": " + stage.detail())
                .isEqualTo(YearProgress.Status.DONE));
    }

    // --- the year's work ---

    /** The quarter's round the cycle started: org-dept plans it; the assignment runs. */
    private String quarter(int year, int quarter, String scope, String under, Integer sampleSize) {
        String instance = runtimeQuarter(year, quarter);
        Task plan = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.PLAN).singleResult();
        Map<String, Object> form = new HashMap<>();
        form.put("theme", "第" + quarter + "季度专项督查");
        form.put("scopeKind", scope);
        form.put("scopeOrganizationId", under);
        form.put("sampleSize", sampleSize);
        form.put("seed", 42);
        form.put("checklist", "VILLAGE-02, VILLAGE-09");
        form.put("inspectors", "bai.xuefeng, cui.zhihua");
        form.put("dueDate", workingDays.plus(today(), 10).toString());
        taskService.complete(plan.getId(), form);
        runJobs(instance);
        return instance;
    }

    private String runtimeQuarter(int year, int quarter) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(InspectionProcess.PROCESS_ID)
                .processInstanceBusinessKey(year + "-Q" + quarter).singleResult().getId();
    }

    private void inspect(String instance, Map<String, String> findings) {
        for (Task task : taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.INSPECT).list()) {
            String organization = (String) taskService.getVariable(task.getId(), InspectionProcess.Variables.INSPECTED_ORGANIZATION_ID);
            String lines = findings.get(organization);
            Map<String, Object> form = new HashMap<>();
            form.put("summary", "查阅资料，走访党员");
            form.put("noFindings", lines == null);
            form.put("findings", lines == null ? "" : lines);
            taskService.complete(task.getId(), form);
        }
        runJobs(instance);
    }

    private void bulletin(String instance, String number) {
        Task task = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.BULLETIN).singleResult();
        taskService.complete(task.getId(), Map.of("documentNumber", "青组通〔" + number, "remarks", ""));
    }

    private List<Long> itemsOf(String sourceRef) {
        return rectifications.search(null, Source.INSPECTION, null, null, ORG_DEPT).stream().filter(i -> sourceRef.equals(i.sourceRef()))
                .map(RectificationItem::id).sorted().toList();
    }

    private void rectify(long itemId) {
        String instance = rectifications.find(itemId, ORG_DEPT).processInstanceId();
        Task submit = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(RectificationProcess.Elements.SUBMIT).singleResult();
        taskService.complete(submit.getId(), Map.of("measures", "已整改", "evidence", "会议记录"));
        Task verify = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(RectificationProcess.Elements.VERIFY).singleResult();
        taskService.complete(verify.getId(), Map.of("verification", "ACCEPT"));
    }

    /**
     * A duty-report round through to the grades: each organization's five reviewers give base-2 … base+2, so the
     * trimmed mean is the base; the bases spread the organizations over every grade.
     */
    private Map<String, Integer> dutyReports(int year, String half, List<Organization> grassroots, int bonus) {
        awaitRound("duty-report", year + "-" + half, grassroots.size());
        Map<String, Integer> bases = new HashMap<>();
        for (int i = 0; i < grassroots.size(); i++) {
            bases.put(grassroots.get(i).id(), Math.min(98, 48 + (i * 7) % 47 + bonus));
        }
        for (Organization organization : grassroots) {
            String instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(DutyReportProcess.PROCESS_ID)
                    .processInstanceBusinessKey(year + "-" + half + "-" + organization.id()).singleResult().getId();
            Task write = taskService.createTaskQuery().processInstanceId(instance).singleResult();
            taskService.complete(write.getId(), Map.of("workDone", "落实三会一课", "problems", "党员教育形式单一", "nextSteps", "开设线上党课"));
            Task review = taskService.createTaskQuery().processInstanceId(instance).singleResult();
            taskService.complete(review.getId(), Map.of("reviewDecision", DutyReportProcess.REVIEW_APPROVE));
            int base = bases.get(organization.id());
            List<Task> grading = taskService.createTaskQuery().processInstanceId(instance).list();
            assertThat(grading).hasSize(REVIEWERS.size());
            for (Task task : grading) {
                int offset = REVIEWERS.indexOf(task.getAssignee()) - 2;
                taskService.complete(task.getId(), Map.of("score", base + offset));
            }
        }
        return bases;
    }

    private void awaitRound(String processId, String key, int total) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> rounds.find(processId, key).map(r -> r.finishedAt() != null && r.started() == total).orElse(false));
    }

    private void runJobs(String instance) {
        for (int i = 0; i < 100; i++) {
            List<Job> jobs = managementService.createJobQuery().processInstanceId(instance).executable().list().stream()
                    .filter(j -> managementService.createJobQuery().jobId(j.getId()).timers().count() == 0).toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> managementService.executeJob(j.getId()));
        }
    }

    private Task single(String instance, String taskKey) {
        Task task = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as(taskKey).isNotNull();
        return task;
    }

    private String organizationOf(Task task) {
        return (String) runtimeService.getVariable(task.getProcessInstanceId(), DirectoryService.ORGANIZATION_ID_VARIABLE);
    }

    private LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(CITY).toLocalDate();
    }

    private static void clock(LocalDate date) {
        ClockUtil.setCurrentTime(Date.from(date.atTime(9, 0).atZone(CITY).toInstant()));
    }
}
