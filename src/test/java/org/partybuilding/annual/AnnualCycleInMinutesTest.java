package org.partybuilding.annual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.partybuilding.StandaloneApplication.port;
import static org.partybuilding.StandaloneApplication.start;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.annual.AnnualCycleProcess.Elements;
import org.partybuilding.annual.AnnualCycleProcess.Schedule;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.inspection.InspectionProcess;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.Rounds;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "A year in minutes" as the README tells a demo user to run it: the demo run (demo data with its open items, the job
 * executor on, the real clock), the cycle of this year started over HTTP with every date of the schedule a few
 * seconds apart, and nothing fired by hand: the job executor fires each stage at its date while the users do their
 * tasks (the conference, the lists, each quarter's plan, inspections and bulletin, both duty-report rounds, the
 * survey, the talks and the lists of honours). The round the demo run started for this quarter and its year-end duty
 * reports were there before the cycle: the cycle leaves them as they are. The year ends with a report card for every
 * grassroots organization and every stage done. Runs in the pom's standalone execution: an application of its own.
 */
class AnnualCycleInMinutesTest {

    static final String ORG_DEPT = "zhao.min";
    static final List<String> REVIEWERS = List.of("zhao.min", "kong.linghui", "bai.xuefeng", "cui.zhihua", "kang.li");
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** Seconds after the request at which each stage falls due; the conference and the lists come first. */
    static final Map<String, Integer> SECONDS_FROM_NOW = new LinkedHashMap<>();

    static {
        SECONDS_FROM_NOW.put(Schedule.Q1, 10);
        SECONDS_FROM_NOW.put(Schedule.MID_YEAR_REPORTS, 14);
        SECONDS_FROM_NOW.put(Schedule.Q2, 18);
        SECONDS_FROM_NOW.put(Schedule.Q3, 22);
        SECONDS_FROM_NOW.put(Schedule.Q4, 26);
        SECONDS_FROM_NOW.put(Schedule.SURVEY_WINDOW, 28);
        SECONDS_FROM_NOW.put(Schedule.YEAR_END_REPORTS, 30);
        SECONDS_FROM_NOW.put(Schedule.ASSESSMENT, 36);
    }

    private TaskService taskService;
    private RuntimeService runtimeService;
    private HistoryService historyService;
    private ManagementService managementService;
    private Rounds rounds;
    private ZoneId city;

    @Test
    void theDemoRunLivesAWholeYearInMinutesWithEveryStageFiredByTheJobExecutorAtItsDate() {
        try (ConfigurableApplicationContext app = start("--camunda.bpm.job-execution.enabled=true", "--app.demo-data.open-items=true")) {
            taskService = app.getBean(TaskService.class);
            runtimeService = app.getBean(RuntimeService.class);
            managementService = app.getBean(ManagementService.class);
            rounds = app.getBean(Rounds.class);
            city = app.getBean(Deadlines.class).zone();
            historyService = app.getBean(HistoryService.class);
            Http http = new Http(port(app));
            List<Organization> grassroots = app.getBean(DirectoryService.class).organizations().stream()
                    .filter(o -> o.domain().isGrassroots()).toList();

            // --- the demo run's own work of this year, there before the cycle ---
            OffsetDateTime now = OffsetDateTime.now(city).truncatedTo(ChronoUnit.SECONDS);
            int year = now.getYear();
            int thisQuarter = (now.getMonthValue() - 1) / 3 + 1;
            String demoInspection = quarterInstance(year, thisQuarter);
            assertThat(demoInspection).as("the demo's round of this quarter").isNotNull();
            await("the demo's year-end reports").until(() -> roundDone(DutyReportProcess.PROCESS_ID, year + "-YEAR_END", grassroots.size()));
            long demoYearEnd = rounds.find(DutyReportProcess.PROCESS_ID, year + "-YEAR_END").orElseThrow().id();

            // --- the organization department starts the year with the README's request, dates seconds apart ---
            Map<String, OffsetDateTime> schedule = new LinkedHashMap<>();
            SECONDS_FROM_NOW.forEach((key, seconds) -> schedule.put(key, now.plusSeconds(seconds)));
            Assumptions.assumeTrue(schedule.get(Schedule.YEAR_END_REPORTS).getYear() == year,
                    "the last minute of the year (city time) leaves no room for a year in minutes");
            String body = "{\"schedule\": {" + schedule.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + ISO.format(e.getValue()) + "\"")
                    .collect(Collectors.joining(", ")) + "},\n \"dutyReportReviewers\": [" + REVIEWERS.stream().map(r -> "\"" + r + "\"")
                    .collect(Collectors.joining(", ")) + "]}";
            Http.Response started = http.post("/api/years/" + year + "/cycle", ORG_DEPT, body);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            String annual = started.json().get("processInstanceId").asText();
            complete(single(annual, Elements.CONFERENCE), Map.of("conferenceDate", now.toLocalDate().toString(), "decisions", "印发年度党建工作要点",
                    "targets", "三星级以上党组织占比超过 80%", "tenProjects", "党建引领基层治理\n红色物业"));

            // --- "8": every secretary signs her list ---
            await("the list signing").until(() -> roundDone(ListSigningProcess.PROCESS_ID, String.valueOf(year), grassroots.size()));
            List<Task> signing = taskService.createTaskQuery().processDefinitionKey(ListSigningProcess.PROCESS_ID)
                    .processInstanceBusinessKeyLike(year + "-%").list();
            assertThat(signing).hasSize(grassroots.size());
            signing.forEach(task -> complete(task, Map.of("confirmed", true)));

            // --- "4" and "2": each stage as the job executor starts it ---
            carryOutInspection(year, 1, now.toLocalDate());
            gradeDutyReports(year, "MID_YEAR", grassroots);
            for (int quarter = 2; quarter <= 4; quarter++) {
                carryOutInspection(year, quarter, now.toLocalDate());
            }
            assertThat(quarterInstance(year, thisQuarter)).as("the demo's round of this quarter, left as it was").isEqualTo(demoInspection);
            gradeDutyReports(year, "YEAR_END", grassroots);
            assertThat(rounds.find(DutyReportProcess.PROCESS_ID, year + "-YEAR_END").orElseThrow().id()).isEqualTo(demoYearEnd);

            // --- the survey: confirmed once every other timer has fired, then the assessment comes at its date ---
            Task confirmSurvey = awaitTask(annual, Elements.CONFIRM_SURVEY);
            StringBuilder csv = new StringBuilder("组织编号,总体得分\r\n");
            for (int i = 0; i < grassroots.size(); i++) {
                csv.append(grassroots.get(i).id()).append(',').append(75 + i % 25).append("\r\n");
            }
            Http.Response upload = http.upload("/api/surveys/" + year, ORG_DEPT, "survey.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(upload.status()).as(upload.body()).isEqualTo(201);
            // the quarters and the year-end reports reached the join first: completing the task then races no timer's job
            await("every stage before the assessment").until(() -> managementService.createJobQuery().processInstanceId(annual).count() == 0);
            complete(confirmSurvey, Map.of("note", "测评机构已提交"));

            // --- the assessment, 谈优谈差 and the lists ---
            Task honours = awaitTask(annual, Elements.CONFIRM_LISTS);
            List<Task> talks = taskService.createTaskQuery().processInstanceId(annual).taskDefinitionKey(Elements.TALK).list();
            assertThat(talks).hasSize(6);
            talks.forEach(talk -> complete(talk, Map.of("talkDate", LocalDate.now(city).toString(), "talkNotes", "肯定成绩，指出问题，提出要求")));
            complete(honours, Map.of("note", "同意"));
            await("the year's end").until(() -> runtimeService.createProcessInstanceQuery().processInstanceId(annual).count() == 0);

            JsonNode progress = http.get("/api/years/" + year, ORG_DEPT).json();
            assertThat(progress.get("stages")).hasSize(12).allSatisfy(stage -> assertThat(stage.get("status").asText())
                    .as(stage.get("key").asText() + ": " + stage.get("detail").asText()).isEqualTo("DONE"));
            JsonNode cards = http.get("/api/report-cards/" + year, ORG_DEPT).json();
            assertThat(cards).hasSize(grassroots.size()).allSatisfy(card -> assertThat(card.get("stars").asInt()).isBetween(1, 5));
            assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(annual).activityId(Elements.DONE).count()).isOne();

            // every timer fired by the job executor, none before its date
            Map<String, List<HistoricActivityInstance>> fired = historyService.createHistoricActivityInstanceQuery().processInstanceId(annual)
                    .activityType("intermediateTimer").orderByHistoricActivityInstanceStartTime().asc().list().stream()
                    .collect(Collectors.groupingBy(HistoricActivityInstance::getActivityId, LinkedHashMap::new, Collectors.toList()));
            Map<String, HistoricActivityInstance> byKey = new HashMap<>();
            List<HistoricActivityInstance> quarters = fired.getOrDefault(Elements.INSPECTION_DUE, List.of());
            assertThat(quarters).hasSize(4);
            for (int quarter = 1; quarter <= 4; quarter++) {
                byKey.put("q" + quarter + "InspectionAt", quarters.get(quarter - 1));
            }
            byKey.put(Schedule.MID_YEAR_REPORTS, only(fired, Elements.MID_YEAR_DUE));
            byKey.put(Schedule.YEAR_END_REPORTS, only(fired, Elements.YEAR_END_DUE));
            byKey.put(Schedule.SURVEY_WINDOW, only(fired, Elements.SURVEY_WINDOW));
            byKey.put(Schedule.ASSESSMENT, only(fired, Elements.ASSESSMENT_DUE));
            schedule.forEach((key, at) -> assertThat(byKey.get(key).getEndTime()).as(key).isNotNull()
                    .isAfterOrEqualTo(java.util.Date.from(at.toInstant())));
            assertThat(managementService.createJobQuery().withException().list()).as("failed jobs").isEmpty();
        }
    }

    // --- the users' work ---

    /** The quarter's round: org-dept plans it unless it was planned before; the inspectors inspect; org-dept issues the bulletin. */
    private void carryOutInspection(int year, int quarter, LocalDate today) {
        String instance = await("the round of Q" + quarter).until(() -> quarterInstance(year, quarter), id -> id != null);
        Task plan = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.PLAN).singleResult();
        if (plan != null) {
            Map<String, Object> form = new HashMap<>();
            form.put("theme", "第" + quarter + "季度专项督查");
            form.put("scopeKind", "SAMPLE");
            form.put("scopeOrganizationId", null);
            form.put("sampleSize", 2);
            form.put("seed", 42);
            form.put("checklist", "VILLAGE-02, VILLAGE-09");
            form.put("inspectors", "bai.xuefeng, cui.zhihua");
            form.put("dueDate", today.plusDays(20).toString());
            complete(plan, form);
        }
        // the inspectors are assigned by the job executor (asynchronous steps)
        await("the inspections of Q" + quarter).until(() -> managementService.createJobQuery().processInstanceId(instance).executable()
                .messages().count() == 0 && taskService.createTaskQuery().processInstanceId(instance)
                .taskDefinitionKey(InspectionProcess.Elements.INSPECT).count() > 0);
        for (Task task : taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(InspectionProcess.Elements.INSPECT).list()) {
            complete(task, Map.of("summary", "查阅资料，走访党员", "noFindings", true, "findings", ""));
        }
        complete(awaitTask(instance, InspectionProcess.Elements.BULLETIN), Map.of("documentNumber", "青组通〔" + year + "〕" + quarter + "号",
                "remarks", ""));
    }

    /** A duty-report round through to the grades: each report written, approved, and graded by the five reviewers. */
    private void gradeDutyReports(int year, String half, List<Organization> grassroots) {
        await("the " + half + " duty reports").until(() -> roundDone(DutyReportProcess.PROCESS_ID, year + "-" + half, grassroots.size()));
        for (int i = 0; i < grassroots.size(); i++) {
            String instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(DutyReportProcess.PROCESS_ID)
                    .processInstanceBusinessKey(year + "-" + half + "-" + grassroots.get(i).id()).singleResult().getId();
            complete(taskService.createTaskQuery().processInstanceId(instance).singleResult(),
                    Map.of("workDone", "落实三会一课", "problems", "党员教育形式单一", "nextSteps", "开设线上党课"));
            complete(taskService.createTaskQuery().processInstanceId(instance).singleResult(),
                    Map.of("reviewDecision", DutyReportProcess.REVIEW_APPROVE));
            int base = 60 + i * 7 % 36;
            List<Task> grading = taskService.createTaskQuery().processInstanceId(instance).list();
            assertThat(grading).hasSize(REVIEWERS.size());
            for (Task task : grading) {
                complete(task, Map.of("score", base + REVIEWERS.indexOf(task.getAssignee()) - 2));
            }
        }
    }

    private boolean roundDone(String processId, String key, int total) {
        return rounds.find(processId, key).map(r -> r.finishedAt() != null && r.started() == total).orElse(false);
    }

    private String quarterInstance(int year, int quarter) {
        // the round's instance, running or (no findings to revisit) ended
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(InspectionProcess.PROCESS_ID)
                .processInstanceBusinessKey(year + "-Q" + quarter).singleResult();
        return instance == null ? null : instance.getId();
    }

    private Task awaitTask(String instance, String taskKey) {
        return await(taskKey).until(() -> taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).singleResult(),
                task -> task != null);
    }

    private Task single(String instance, String taskKey) {
        Task task = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as(taskKey).isNotNull();
        return task;
    }

    private void complete(Task task, Map<String, Object> form) {
        taskService.complete(task.getId(), new HashMap<>(form));
    }

    private static HistoricActivityInstance only(Map<String, List<HistoricActivityInstance>> fired, String activityId) {
        List<HistoricActivityInstance> instances = fired.getOrDefault(activityId, List.of());
        assertThat(instances).as(activityId).hasSize(1);
        return instances.get(0);
    }

    private static org.awaitility.core.ConditionFactory await(String what) {
        return org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }
}
