package org.partybuilding.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.partybuilding.bench.SyntheticDirectory.Grassroots;
import org.partybuilding.bench.SyntheticDirectory.Town;
import org.partybuilding.dutyreport.DutyReportService;
import org.partybuilding.dutyreport.NewDutyReportRound;
import org.partybuilding.inspection.InspectionPlan;
import org.partybuilding.inspection.InspectionService;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Groups;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.Rounds;
import org.partybuilding.workflow.WorkingDays;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark of {@code bench/run}: the whole application on a fresh durable embedded PostgreSQL, driven through
 * its public Java API (opening items, as the coming duty-report round will) and over real HTTP as directory users
 * (completing tasks, task lists, the ledger), then a city-wide deadline that escalates thousands of items at once.
 * Prints one JSON document on stdout and writes it to {@code target/bench/result.json}; progress goes to stderr.
 * Not a test: it runs only through {@code bench/run}. Settings come from environment variables (see {@link Settings}).
 */
public final class Benchmark {

    /** Items (and baseline instances) per transaction in the round phase. */
    static final int ROUND_BATCH = 50;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern OUTBOX_MESSAGE_ID = Pattern.compile("<outbox-(\\d+)@");
    private static final Pattern ESCALATION_KEY = Pattern.compile("rectification-(\\d+)-submit-escalation-1-.*");

    private final Settings settings;
    private final Map<String, Object> result = new LinkedHashMap<>();
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    /** The machine is shared: how busy it was as each phase began (1-minute load average; 2 cores). */
    private final Map<String, Double> loadAverages = new LinkedHashMap<>();

    private SyntheticDirectory directory;
    private BenchApplication app;
    private SmtpSink smtp;
    private RestClient rest;
    private JdbcTemplate jdbc;
    private ZoneId cityZone;
    private int roundItems;

    private Benchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        // Spring's console log writes to System.out: send it to stderr so that stdout carries only the result.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Settings settings = Settings.fromEnvironment();
        Benchmark benchmark = new Benchmark(settings);
        int exitCode = 0;
        try {
            benchmark.run();
        } catch (Throwable e) {
            Progress.log("benchmark failed: %s", e);
            e.printStackTrace();
            benchmark.errors.add("aborted: " + e);
            exitCode = 1;
        }
        String document = JSON.writeValueAsString(benchmark.document());
        Files.createDirectories(settings.outputDir());
        Files.writeString(settings.outputDir().resolve("result.json"), document + "\n", StandardCharsets.UTF_8);
        stdout.println(document);
        stdout.flush();
        Progress.log("result written to %s", settings.outputDir().resolve("result.json"));
        System.exit(exitCode);
    }

    private void run() throws Exception {
        result.put("startedAt", Instant.now().toString());
        result.put("organizations", settings.organizations());
        result.put("roundProcess", RectificationProcess.PROCESS_ID);
        notes.add("roundStart*: the real duty-report round for every grassroots organization (POST /api/duty-reports/rounds's "
                + "service; the kit's round workers, ROUND_THREADS = BENCH_START_THREADS), timed from the request until every "
                + "instance is started; baselineStart*: the bare one-user-task model (no product listener) started as often "
                + "through RuntimeService from as many threads; roundStartRatio = roundStartPerSecond / baselineStartPerSecond. "
                + "itemOpen*: one rectification item per grassroots organization through RectificationService.openAll, 50 per "
                + "transaction (the items the later phases work on).");
        result.put("settings", settings.describe());
        result.put("machine", machine());
        try (HeapSampler heap = new HeapSampler()) {
            try {
                runPhases();
            } finally {
                ClockUtil.reset();
                result.put("peakHeapMb", heap.peakMb());
                result.put("peakHeapPoolSumMb", heap.poolPeakSumMb());
                result.put("heapMaxMb", HeapSampler.maxMb());
                if (app != null) {
                    Progress.log("stopping the application");
                    app.close();
                }
                if (smtp != null) {
                    smtp.close();
                }
            }
        }
    }

    private void runPhases() throws Exception {
        Path file = Files.createTempDirectory("bench-directory").resolve("directory.yml");
        phase("generateDirectory", () -> {
            directory = SyntheticDirectory.of(settings.organizations());
            long codePoints = directory.write(file);
            result.put("directoryFileCodePoints", codePoints);
            Progress.log("directory: %d organizations, %d towns, %d grassroots, %d code points in %s",
                    directory.organizationCount(), directory.towns().size(), directory.grassroots().size(), codePoints, file);
            return null;
        });
        result.put("grassrootsOrganizations", directory.grassroots().size());
        result.put("towns", directory.towns().size());
        smtp = SmtpSink.start();
        phase("applicationStart", () -> profiled("applicationStart", "main"::equals, () -> {
            Progress.log("starting the application (SMTP sink on port %d)", smtp.port());
            // the round's workers get as many threads as the baseline's callers
            System.setProperty("app.rounds.threads", String.valueOf(settings.startThreads()));
            app = BenchApplication.start(file, smtp.port());
            return null;
        }));
        result.put("directoryImportSeconds", LatencyRecorder.round(app.directoryImportSeconds()));
        rest = new RestClient(app.port());
        jdbc = app.bean(JdbcTemplate.class);
        cityZone = ZoneId.of(app.bean(Environment.class).getRequiredProperty("app.time-zone"));
        result.put("jobExecutor", jobExecutorSettings());
        Progress.log("application up on port %d; directory import took %.1f s", app.port(), app.directoryImportSeconds());

        phase("warmUp", this::warmUp);
        long before = databaseBytes();
        phase("itemOpen", () -> profiled("itemOpen", name -> name.startsWith("bench-round"), this::itemOpen));
        long afterItems = databaseBytes();
        phase("baselineStart", () -> profiled("baselineStart", name -> name.startsWith("bench-baseline"), this::baselineStart));
        result.put("itemOpenRatio", ratio(result.get("itemOpenPerSecond"), result.get("baselineStartPerSecond")));
        result.put("itemOpenRatioSameBatching", ratio(result.get("itemOpenPerSecond"), result.get("baselineBatchedStartPerSecond")));
        long beforeRound = databaseBytes();
        guarded("dutyReportRound", () -> profiled("dutyReportRound", name -> name.startsWith("round-worker"), this::dutyReportRound));
        result.put("roundStartRatio", ratio(result.get("roundStartPerSecond"), result.get("baselineStartPerSecond")));
        databaseGrowth(afterItems - before, databaseBytes() - beforeRound);
        guarded("inspectionRound", () -> profiled("inspectionRound", name -> name.startsWith("camundaTaskExecutor"), this::inspectionRound));
        guarded("fillOpenTasks", this::fillOpenTasks);
        guarded("taskComplete", () -> profiled("taskComplete", name -> name.startsWith("http-nio"), this::taskCompletion));
        guarded("taskLists", this::taskLists);
        guarded("escalations", () -> profiled("escalations", name -> name.equals("mail-outbox")
                || name.startsWith("camundaTaskExecutor") || name.startsWith("scheduling"), this::escalations));
        guarded("dashboardAfterEscalation", this::dashboardAfterEscalation);
        databaseSize();
    }

    // --- phases ---

    /**
     * Both start phases run on a warm JVM: a few hundred items and baseline instances first, not measured (the round
     * phase comes first and would otherwise pay for the compilation of the engine's code alone).
     */
    private Void warmUp() {
        RectificationService rectifications = app.bean(RectificationService.class);
        RuntimeService runtime = app.bean(RuntimeService.class);
        BaselineProcess.deploy(app.bean(RepositoryService.class));
        List<Grassroots> some = directory.grassroots().subList(0, Math.min(300, directory.grassroots().size()));
        LocalDate dueDate = WorkingDays.ofShippedArrangements().plus(today(), 20);
        Parallel.forEachBatch("warmup", settings.startThreads(), ROUND_BATCH, some, batch -> rectifications.openAll(batch.stream()
                .map(o -> new NewRectification(o.id(), Source.OTHER, "bench-warmup-" + o.id(), "预热", "", Severity.LOW, dueDate, null))
                .toList(), null));
        Parallel.forEach("warmup-baseline", settings.startThreads(), ROUND_BATCH, some,
                o -> BaselineProcess.start(runtime, o.id(), o.secretaryUserId()));
        return null;
    }

    /**
     * One item per grassroots organization through {@code RectificationService.openAll}, 50 per transaction, as a
     * a capability opens findings in bulk; the real duty-report round is {@link #dutyReportRound()}.
     */
    private Void itemOpen() {
        RectificationService rectifications = app.bean(RectificationService.class);
        long authorizationsBefore = count("act_ru_authorization");
        LocalDate dueDate = WorkingDays.ofShippedArrangements().plus(today(), 20);
        List<NewRectification> items = directory.grassroots().stream()
                .map(o -> new NewRectification(o.id(), Source.DUTY_REVIEW, "bench-round-" + o.id(), "年度述职评议问题整改",
                        "述职评议指出：党建工作责任清单落实不到位，请对照清单逐项整改。", Severity.MEDIUM, dueDate, null))
                .toList();
        Progress.log("round: opening %d rectification items from %d threads, %d per transaction", items.size(),
                settings.startThreads(), ROUND_BATCH);
        Parallel.Outcome outcome = Parallel.forEachBatch("round", settings.startThreads(), ROUND_BATCH, items,
                batch -> rectifications.openAll(batch, null));
        roundItems = outcome.done();
        result.put("itemOpenPerSecond", outcome.perSecond());
        result.put("roundItems", outcome.done());
        result.put("itemOpenFailures", outcome.failed());
        long authorizations = count("act_ru_authorization");
        result.put("authorizationRowsPerItem", LatencyRecorder.round((double) authorizations / Math.max(1, roundItems)));
        result.put("authorizationRowsPerItemExcludingDirectory",
                LatencyRecorder.round((double) (authorizations - authorizationsBefore) / Math.max(1, roundItems)));
        Progress.log("round: %d items at %.1f/s; %d authorization rows (%d from the directory)",
                outcome.done(), outcome.perSecond(), authorizations, authorizationsBefore);
        return null;
    }

    /**
     * The real duty-report round for every grassroots organization, as the organization department starts it: one
     * request records the round, the kit's workers ({@code ROUND_THREADS} = the start threads) start the instances in
     * batches; timed from the request until the round is finished.
     */
    private Void dutyReportRound() throws InterruptedException {
        DutyReportService reports = app.bean(DutyReportService.class);
        Rounds rounds = app.bean(Rounds.class);
        LocalDate due = WorkingDays.ofShippedArrangements().plus(today(), 15);
        long start = System.nanoTime();
        Round round = reports.startRound(new NewDutyReportRound(today().getYear(), "YEAR_END", due,
                List.of(directory.orgDeptUserIds().get(0), directory.orgDeptUserIds().get(1), "inspector.1"), null),
                new ApiUser(directory.orgDeptUserIds().get(0), List.of(Groups.ORG_DEPT)));
        Progress.log("duty-report round: %d organizations recorded in %.1f s", round.total(), (System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + 600_000_000_000L;
        Round now = round;
        while (now.finishedAt() == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = rounds.find(round.id()).orElseThrow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("roundInstances", now.started());
        result.put("roundStartFailures", now.failed());
        result.put("roundStartSeconds", LatencyRecorder.round(seconds));
        result.put("roundStartPerSecond", LatencyRecorder.round(now.started() / seconds));
        if (now.finishedAt() == null) {
            errors.add("the duty-report round did not finish within 600 s");
        }
        Progress.log("duty-report round: %d instances in %.1f s (%.1f/s), %d failed", now.started(), seconds, now.started() / seconds,
                now.failed());
        return null;
    }

    /**
     * A quarterly inspection planned whole as the API takes it, of a random sample of BENCH_INSPECTION_SAMPLE grassroots
     * organizations (all of them when there are fewer; a quarter's inspection is a sample — a whole city of 10,000 in
     * one multi-instance is the known quadratic case of docs/scaling.md). The request records the round and starts its
     * instance; the assignment of inspectors (回避) and the multi-instance's inspections are asynchronous, so the job
     * executor creates the tasks in the background. Timed from the request until every inspection task exists; the
     * phase then waits until no job is left due, so that the next phases do not pay for this one.
     */
    private Void inspectionRound() throws Exception {
        InspectionService inspections = app.bean(InspectionService.class);
        TaskService tasks = app.bean(TaskService.class);
        ManagementService management = app.bean(ManagementService.class);
        int year = today().getYear() + 1;
        int grassroots = directory.grassroots().size();
        boolean sampled = grassroots > settings.inspectionSample();
        int total = sampled ? settings.inspectionSample() : grassroots;
        LocalDate due = WorkingDays.ofShippedArrangements().plus(today(), 20);
        long start = System.nanoTime();
        inspections.startRound(year, 1, new InspectionPlan(year, 1, "基准测试专项督查", sampled ? "SAMPLE" : "ALL", null, null,
                sampled ? total : null, sampled ? 1248L : null, null, null, due), directory.orgDeptUserIds().get(0));
        double requestSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 900_000_000_000L;
        long created = 0;
        while (created < total && System.nanoTime() < deadline) {
            Thread.sleep(500);
            created = tasks.createTaskQuery().processDefinitionKey("quarterly-inspection").taskDefinitionKey("Task_Inspect").count();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("inspectionRoundOrganizations", total);
        result.put("inspectionRoundRequestSeconds", LatencyRecorder.round(requestSeconds));
        result.put("inspectionRoundTasks", created);
        result.put("inspectionRoundSeconds", LatencyRecorder.round(seconds));
        result.put("inspectionRoundTasksPerSecond", LatencyRecorder.round(created / seconds));
        if (created < total) {
            errors.add("the inspection round created " + created + " of " + total + " tasks within 900 s");
        }
        Progress.log("inspection round: request %.2f s, %d of %d inspection tasks in %.1f s (%.1f/s)", requestSeconds, created, total,
                seconds, created / seconds);
        if (!waitUntil("inspection jobs", () -> management.createJobQuery().executable().count() == 0)) {
            errors.add("the inspection round's jobs did not drain");
        }
        return null;
    }

    /** The same number of one-task instances of the minimal model through RuntimeService, same threads. */
    private Void baselineStart() {
        RuntimeService runtime = app.bean(RuntimeService.class);
        BaselineProcess.deploy(app.bean(RepositoryService.class));
        List<Grassroots> organizations = directory.grassroots();
        Progress.log("baseline: starting %d one-task instances from %d threads", organizations.size(), settings.startThreads());
        Parallel.Outcome outcome = Parallel.forEach("baseline", settings.startThreads(), 50, organizations,
                o -> BaselineProcess.start(runtime, o.id(), o.secretaryUserId()));
        result.put("baselineStartPerSecond", outcome.perSecond());
        result.put("baselineStartFailures", outcome.failed());
        Progress.log("baseline: %d instances at %.1f/s", outcome.done(), outcome.perSecond());
        // the same model started ROUND_BATCH per transaction, as the round does: what batching alone is worth
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        Parallel.Outcome batched = Parallel.forEachBatch("baseline-batched", settings.startThreads(), ROUND_BATCH, organizations,
                batch -> transaction.executeWithoutResult(status ->
                        batch.forEach(o -> BaselineProcess.start(runtime, o.id(), o.secretaryUserId()))));
        result.put("baselineBatchedStartPerSecond", batched.perSecond());
        Progress.log("baseline, %d per transaction: %d instances at %.1f/s", ROUND_BATCH, batched.done(), batched.perSecond());
        return null;
    }

    /** Secretaries submit their round item's form over REST, as Tasklist does; then the bare model's tasks, the same way. */
    private Void taskCompletion() throws Exception {
        List<Task> submitTasks = openTasks(RectificationProcess.PROCESS_ID, RectificationProcess.Elements.SUBMIT);
        String body = JSON.writeValueAsString(Map.of("variables", Map.of(
                RectificationProcess.Variables.MEASURES, Map.of("value", "已召开专题组织生活会，逐项对照责任清单制定整改措施并落实到人。"),
                RectificationProcess.Variables.EVIDENCE, Map.of("value", "会议记录及整改台账：https://pan.bench.example/round/2025"))));
        completeOverRest("taskComplete", submitTasks, body);
        if (submitTasks.size() > settings.completions()) {
            Task extra = submitTasks.get(settings.completions());
            result.put("taskCompleteStatementsMs", explain(new SqlPlans(jdbc), "task-complete",
                    () -> rest.post("/engine-rest/task/" + extra.getId() + "/complete", extra.getAssignee(), body)));
        }
        completeOverRest("baselineTaskComplete", openTasks(BaselineProcess.PROCESS_ID, BaselineProcess.TASK_ID), "{}");
        result.put("taskCompleteRatio", ratio(result.get("taskCompletePerSecond"), result.get("baselineTaskCompletePerSecond")));
        return null;
    }

    /** The open tasks of one step, in a repeatable random order. */
    private List<Task> openTasks(String processId, String taskId) {
        TaskService tasks = app.bean(TaskService.class);
        List<Task> found = new ArrayList<>();
        for (int page = 0; ; page += 1000) {
            List<Task> chunk = tasks.createTaskQuery().processDefinitionKey(processId).taskDefinitionKey(taskId)
                    .orderByTaskId().asc().listPage(page, 1000);
            found.addAll(chunk);
            if (chunk.size() < 1000) {
                break;
            }
        }
        Collections.shuffle(found, new Random(1248));
        return found;
    }

    /** BENCH_COMPLETIONS of the tasks completed over REST by their assignees from the client threads; figures under key. */
    private void completeOverRest(String key, List<Task> open, String body) {
        List<Task> chosen = open.subList(0, Math.min(settings.completions(), open.size()));
        LatencyRecorder latency = new LatencyRecorder();
        Progress.log("%s: %d of %d tasks over REST from %d client threads", key, chosen.size(), open.size(), settings.clientThreads());
        Parallel.Outcome outcome = Parallel.forEach(key, settings.clientThreads(), 1, chosen, task -> {
            long start = System.nanoTime();
            rest.post("/engine-rest/task/" + task.getId() + "/complete", task.getAssignee(), body);
            latency.record(System.nanoTime() - start);
        });
        result.put(key.replace("Complete", "Completions"), outcome.done());
        result.put(key + "Failures", outcome.failed());
        result.put(key + "PerSecond", outcome.perSecond());
        result.put(key + "P50Ms", ms(latency.percentileMs(50)));
        result.put(key + "P95Ms", ms(latency.percentileMs(95)));
        result.put(key + "P99Ms", ms(latency.percentileMs(99)));
        if (outcome.firstFailure() != null) {
            errors.add(key + ": " + outcome.firstFailure());
        }
        Progress.log("%s: %d at %.1f/s, p95 %.1f ms", key, outcome.done(), outcome.perSecond(), latency.percentileMs(95));
    }

    /**
     * Tops the open tasks up to BENCH_OPEN_TASKS with the minimal model: four in five assigned to an organization's
     * secretary, one in five offered to its town's staff group with a due date. Batches of 100 instances share a
     * transaction: this is set-up, not measured, and one commit per instance would make it ten times slower.
     */
    private Void fillOpenTasks() {
        TaskService tasks = app.bean(TaskService.class);
        RuntimeService runtime = app.bean(RuntimeService.class);
        GroupTaskProcess.deploy(app.bean(RepositoryService.class));
        long open = tasks.createTaskQuery().count();
        int missing = (int) Math.max(0, settings.openTasks() - open);
        List<Grassroots> organizations = directory.grassroots();
        LocalDate today = today();
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        Progress.log("fill: %d open tasks, starting %d more", open, missing);
        Parallel.Outcome outcome = Parallel.forEachBatch("fill", settings.startThreads(), 100,
                IntStream.range(0, missing).boxed().toList(),
                batch -> transaction.executeWithoutResult(status -> batch.forEach(i -> {
                    Grassroots o = organizations.get(i % organizations.size());
                    if (i % 5 == 4) {
                        Date due = Date.from(today.plusDays(1 + i % 90).plusDays(1).atStartOfDay(cityZone).toInstant());
                        GroupTaskProcess.start(runtime, o.id(), o.secretaryUserId(), "staff-" + o.townId(), due);
                    } else {
                        BaselineProcess.start(runtime, o.id(), o.secretaryUserId());
                    }
                })));
        long openAfter = tasks.createTaskQuery().count();
        result.put("openTasks", openAfter);
        result.put("fillStartPerSecond", outcome.perSecond());
        Progress.log("fill: %d open tasks now (%.0f instances/s); analyzing the database", openAfter, outcome.perSecond());
        jdbc.execute("analyze");
        return null;
    }

    /** Task lists and the ledger as users see them, over REST, one request at a time after a warm-up. */
    private Void taskLists() throws Exception {
        List<String> secretaries = spread(directory.grassroots(), 20).stream().map(Grassroots::secretaryUserId).toList();
        List<Town> towns = spread(directory.towns(), 10);
        List<String> orgDept = directory.orgDeptUserIds();
        String page = "?firstResult=0&maxResults=50";
        String visibleBody = "{}";

        LatencyRecorder secretary = measure("secretary list", i -> () -> rest.get(
                "/engine-rest/task?assignee=" + secretaries.get(i % secretaries.size())
                        + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=50", secretaries.get(i % secretaries.size())));
        put("secretaryTaskList", secretary);
        LatencyRecorder supervisor = measure("supervisor group list", i -> () -> rest.post("/engine-rest/task" + page,
                towns.get(i % towns.size()).supervisorUserId(), groupQuery(towns.get(i % towns.size()))));
        put("supervisorTaskList", supervisor);
        LatencyRecorder supervisorCount = measure("supervisor group count", i -> () -> rest.post("/engine-rest/task/count",
                towns.get(i % towns.size()).supervisorUserId(), groupQuery(towns.get(i % towns.size()))));
        put("supervisorTaskCount", supervisorCount);
        LatencyRecorder visible = measure("supervisor visible list", i -> () -> rest.post("/engine-rest/task" + page,
                towns.get(i % towns.size()).supervisorUserId(), visibleBody));
        put("supervisorVisibleTaskList", visible);
        LatencyRecorder orgDeptList = measure("org-dept list", i -> () -> rest.post("/engine-rest/task" + page,
                orgDept.get(i % orgDept.size()), visibleBody));
        put("orgDeptTaskList", orgDeptList);
        dashboards("dashboard", towns, orgDept);
        result.put("dashboardP95Ms", result.get("dashboardOverviewCityP95Ms"));
        notes.add("dashboardP95Ms: the dashboard's main query, /api/dashboard/overview for the whole city (org-dept); "
                + "dashboard*P95Ms: the dashboard's queries (/api/dashboard/overview, /escalations, the ledger's overdue list) "
                + "as a town supervisor (Town) and as an org-dept staff member (City, the whole city), timed before the escalation "
                + "phase; dashboardAfterEscalation* repeat them once the escalation items are overdue and escalated.");
        notes.add("supervisorVisibleTaskListP95Ms and orgDeptTaskListP95Ms: POST /engine-rest/task?firstResult=0&maxResults=50 "
                + "with the empty query {} (Tasklist's 全部可见任务 filter), as a town supervisor and as an org-dept staff member.");

        explainPlans(secretaries.get(0), towns.get(0), orgDept.get(0), page, visibleBody);
        return null;
    }

    /** The dashboard's requests, one at a time, as town supervisors and as the organization department. */
    private void dashboards(String name, List<Town> towns, List<String> orgDept) {
        put(name + "OverviewTown", measure(name + " overview town", i -> () -> rest.get("/api/dashboard/overview",
                towns.get(i % towns.size()).supervisorUserId())));
        put(name + "OverviewCity", measure(name + " overview city", i -> () -> rest.get("/api/dashboard/overview",
                orgDept.get(i % orgDept.size()))));
        put(name + "EscalationsTown", measure(name + " escalations town", i -> () -> rest.get("/api/dashboard/escalations?limit=20",
                towns.get(i % towns.size()).supervisorUserId())));
        put(name + "EscalationsCity", measure(name + " escalations city", i -> () -> rest.get("/api/dashboard/escalations?limit=20",
                orgDept.get(i % orgDept.size()))));
        put(name + "LedgerOverdueTown", measure(name + " ledger overdue town", i -> () -> rest.get("/api/rectifications?overdue=true",
                towns.get(i % towns.size()).supervisorUserId())));
    }

    /** The SQL behind the measured lists, with PostgreSQL's plans, in target/bench/explain-*.txt. */
    private void explainPlans(String secretaryUser, Town town, String orgDeptUser, String page, String visibleBody) throws Exception {
        SqlPlans plans = new SqlPlans(jdbc);
        Map<String, Runnable> requests = new LinkedHashMap<>();
        requests.put("supervisor-task-list", () -> rest.post("/engine-rest/task" + page, town.supervisorUserId(), groupQuery(town)));
        requests.put("supervisor-task-count", () -> rest.post("/engine-rest/task/count", town.supervisorUserId(), groupQuery(town)));
        requests.put("supervisor-visible-task-list", () -> rest.post("/engine-rest/task" + page, town.supervisorUserId(), visibleBody));
        requests.put("secretary-task-list", () -> rest.get("/engine-rest/task?assignee=" + secretaryUser
                + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=50", secretaryUser));
        requests.put("org-dept-task-list", () -> rest.post("/engine-rest/task" + page, orgDeptUser, visibleBody));
        requests.put("dashboard-overview-town", () -> rest.get("/api/dashboard/overview", town.supervisorUserId()));
        requests.put("dashboard-overview-city", () -> rest.get("/api/dashboard/overview", orgDeptUser));
        Map<String, Object> executionMs = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> request : requests.entrySet()) {
            executionMs.put(request.getKey(), explain(plans, request.getKey(), request.getValue()));
        }
        result.put("explainExecutionMs", executionMs);
        Progress.log("plans written to %s/explain-*.txt", settings.outputDir());
    }

    /** Runs one request with its SQL captured; writes the statements and plans; returns each SELECT's execution time. */
    private Map<String, Object> explain(SqlPlans plans, String name, Runnable request) throws java.io.IOException {
        List<SqlPlans.Statement> statements = plans.capture(request);
        StringBuilder text = new StringBuilder("-- " + name + ": the engine ran " + statements.size() + " statements for this request:\n");
        statements.forEach(statement -> text.append("--   ").append(statement.id()).append('\n'));
        Map<String, Object> timings = new LinkedHashMap<>();
        for (SqlPlans.Statement statement : statements) {
            if (!statement.sql().stripLeading().toLowerCase().startsWith("select")) {
                continue;
            }
            List<String> plan = plans.explain(statement.sql());
            text.append("\n-- ").append(statement.id()).append('\n').append(statement.sql()).append("\n\n")
                    .append(String.join("\n", plan)).append('\n');
            plan.stream().filter(line -> line.startsWith("Execution Time:")).findFirst().ifPresent(line -> timings.merge(
                    statement.id(), Double.parseDouble(line.replaceAll("[^0-9.]", "")), (a, b) -> LatencyRecorder.round((Double) a + (Double) b)));
        }
        Path out = settings.outputDir().resolve("explain-" + name + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text.toString(), StandardCharsets.UTF_8);
        return timings;
    }

    /**
     * K items due today (several per organization when there are fewer organizations), their reminders let drain,
     * then the engine clock moved past the deadline: every first-level escalation timer falls due at once.
     */
    private Void escalations() throws Exception {
        RectificationService rectifications = app.bean(RectificationService.class);
        ManagementService management = app.bean(ManagementService.class);
        List<Grassroots> organizations = directory.grassroots();
        // due the first working day from today (a due date must be a working day), escalated when that day has passed
        LocalDate today = WorkingDays.ofShippedArrangements().plus(today(), 0);
        Severity[] severities = Severity.values();
        List<NewRectification> items = IntStream.range(0, settings.escalations())
                .mapToObj(i -> new NewRectification(organizations.get(i % organizations.size()).id(), Source.INSPECTION,
                        "bench-overdue-" + i, "专项督查发现问题整改", "专项督查发现：党员活动室台账不全。",
                        severities[i % severities.length], today, null))
                .toList();
        Set<Long> itemIds = ConcurrentHashMap.newKeySet();
        Progress.log("escalations: opening %d items due today from %d threads", items.size(), settings.startThreads());
        int remindersBefore = smtp.count(SmtpSink.REMINDER);
        Parallel.Outcome opened = phaseOutcome("escalationOpen", () -> Parallel.forEachBatch("overdue-open", settings.startThreads(),
                ROUND_BATCH, items, batch -> rectifications.openAll(batch, null).forEach(item -> itemIds.add(item.id()))));
        result.put("escalationOpenPerSecond", opened.perSecond());

        // Their reminders are due at once (the deadline is less than the reminder offset away): let them go out first,
        // so that the clock moves while no job is in flight and the drain below times escalations only.
        long reminderStart = System.nanoTime();
        boolean reminded = waitUntil("reminders", () -> smtp.count(SmtpSink.REMINDER) - remindersBefore >= itemIds.size()
                && management.createJobQuery().executable().count() == 0 && pendingMail() == 0);
        phaseSeconds.put("reminderDrain", LatencyRecorder.round((System.nanoTime() - reminderStart) / 1e9));
        result.put("reminderMailsReceived", smtp.count(SmtpSink.REMINDER) - remindersBefore);
        if (!reminded) {
            errors.add("reminders did not drain within the timeout");
        }

        Date moveTo = Date.from(today.plusDays(1).atStartOfDay(cityZone).plusMinutes(1).toInstant());
        long expected = management.createJobQuery().timers().activityId(RectificationProcess.Elements.SUBMIT_DEADLINE_TIMER)
                .duedateLowerThan(moveTo).count();
        result.put("escalationsExpected", expected);
        JobExecutor jobExecutor = jobExecutor();
        Progress.log("escalations: moving the engine clock to %s: %d deadline timers fall due", moveTo.toInstant(), expected);
        long start = System.nanoTime();
        ClockUtil.setCurrentTime(moveTo);
        // The idle job executor polls with a growing back-off (up to a minute); a new deadline would wake it no sooner.
        jobExecutor.jobWasAdded();
        boolean drained = waitUntil("escalation mails", () -> smtp.count(SmtpSink.ESCALATION) >= expected);
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        phaseSeconds.put("escalationDrain", LatencyRecorder.round(drainSeconds));
        result.put("escalationDrainSeconds", drained ? LatencyRecorder.round(drainSeconds) : null);
        result.put("escalationTimedOut", !drained);
        if (!drained) {
            errors.add("escalation mails did not all arrive within " + settings.escalationTimeoutSeconds() + " s");
        }
        Thread.sleep(5000); // late duplicates would arrive now
        countEscalationMails(itemIds);
        notes.add("escalationDrainSeconds: from ClockUtil.setCurrentTime past the deadline (with JobExecutor.jobWasAdded(), "
                + "as the idle executor otherwise sleeps up to its back-off) until the SMTP sink accepted a 【整改督办】 mail "
                + "for every due BoundaryEvent_SubmitDeadlinePassed timer; the items' reminders (due at once) were drained first.");
        return null;
    }

    /** Escalation mails received per item, by Message-ID (outbox id) and the outbox's dedup key. */
    private void countEscalationMails(Set<Long> itemIds) {
        Map<Long, Long> itemOfOutboxId = new HashMap<>();
        jdbc.query("select id, dedup_key from mail_outbox where dedup_key like 'rectification-%-escalation-1-%'", rs -> {
            Matcher key = ESCALATION_KEY.matcher(rs.getString("dedup_key"));
            if (key.matches()) {
                itemOfOutboxId.put(rs.getLong("id"), Long.parseLong(key.group(1)));
            }
        });
        Set<String> received = smtp.messageIds(SmtpSink.ESCALATION);
        Map<Long, Set<Long>> receivedByItem = new HashMap<>();
        int unknown = 0;
        for (String messageId : received) {
            Matcher id = OUTBOX_MESSAGE_ID.matcher(messageId == null ? "" : messageId);
            Long item = id.find() ? itemOfOutboxId.get(Long.parseLong(id.group(1))) : null;
            if (item == null) {
                unknown++;
            } else {
                receivedByItem.computeIfAbsent(item, k -> new HashSet<>()).add(Long.parseLong(id.group(1)));
            }
        }
        long missing = itemIds.stream().filter(item -> !receivedByItem.containsKey(item)).count();
        long extraPerItem = receivedByItem.values().stream().mapToLong(ids -> ids.size() - 1).sum();
        long repeated = smtp.repeatedDeliveries(received);
        result.put("escalationMailsReceived", received.size());
        result.put("escalationMissing", missing);
        result.put("escalationDuplicates", extraPerItem + repeated);
        result.put("escalationOutboxRows", itemOfOutboxId.size());
        result.put("escalationMailsWithUnknownMessageId", unknown);
        Progress.log("escalations: %d mails received, %d missing, %d duplicates (%d items with a second mail, %d repeated deliveries)",
                received.size(), missing, extraPerItem + repeated, extraPerItem, repeated);
    }

    private Void dashboardAfterEscalation() {
        dashboards("dashboardAfterEscalation", spread(directory.towns(), 10), directory.orgDeptUserIds());
        return null;
    }

    private long databaseBytes() {
        try {
            jdbc.execute("checkpoint"); // the embedded server's superuser; elsewhere the size is read without it
        } catch (org.springframework.dao.DataAccessException e) {
            Progress.log("checkpoint refused (%s): database size read without it", e.getMessage());
        }
        return jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
    }

    /**
     * What one organization's year adds to the database, from the growth measured around the item and round phases:
     * two duty reports and the list signing (a round's instance each) and four rectification items (one finding per
     * quarter), as started — a finished instance's history adds to that (see docs/scaling.md).
     */
    private void databaseGrowth(long itemsBytes, long roundBytes) {
        long perItem = itemsBytes / Math.max(1, roundItems);
        long perRoundInstance = roundBytes / Math.max(1, ((Number) result.getOrDefault("roundInstances", 0)).longValue());
        result.put("dbBytesPerItemOpened", perItem);
        result.put("dbBytesPerRoundInstance", perRoundInstance);
        if (result.containsKey("roundInstances")) {
            result.put("dbBytesPerOrganizationYear", 3 * perRoundInstance + 4 * perItem);
        }
        notes.add("dbBytesPerOrganizationYear = 3 × dbBytesPerRoundInstance (two duty reports and the list signing) + "
                + "4 × dbBytesPerItemOpened (a finding per quarter), each the database's growth (pg_database_size after a "
                + "checkpoint) over its phase divided by the instances it started; instances as started, without the "
                + "history their later steps add.");
    }

    private void databaseSize() {
        long bytes = databaseBytes();
        result.put("dbBytesTotal", bytes);
        result.put("dbBytesPerOrganizationInRun", bytes / settings.organizations());
        Map<String, Object> tables = new LinkedHashMap<>();
        jdbc.query("""
                select relname, pg_total_relation_size(oid) as bytes from pg_class
                where relkind = 'r' and relnamespace = 'public'::regnamespace order by 2 desc limit 12""",
                rs -> {
                    tables.put(rs.getString("relname"), LatencyRecorder.round(rs.getLong("bytes") / 1048576.0));
                });
        result.put("largestTablesMb", tables);
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String table : List.of("act_ru_task", "act_ru_execution", "act_ru_variable", "act_ru_job", "act_ru_authorization",
                "act_ru_identitylink", "act_hi_procinst", "act_hi_actinst", "act_hi_varinst", "act_hi_taskinst", "act_hi_identitylink",
                "act_hi_detail", "rectification_item", "rectification_event", "mail_outbox")) {
            rows.put(table, count(table));
        }
        result.put("rowCounts", rows);
        notes.add("dbBytesPerOrganizationInRun = dbBytesTotal / organizations: everything this run stored, the directory, "
                + "the baseline, the fill up to " + settings.openTasks() + " open tasks and the " + settings.escalations()
                + " overdue items included.");
    }

    // --- helpers ---

    private LatencyRecorder measure(String label, IntFunction<Runnable> request) {
        for (int i = 0; i < settings.warmup(); i++) {
            request.apply(i).run();
        }
        StackSampler sampler = new StackSampler(name -> name.startsWith("http-nio"));
        try {
            return timed(label, request);
        } finally {
            try {
                sampler.write(settings.outputDir().resolve("profile-list-" + label.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z-]+", "-") + ".txt"), label);
            } catch (java.io.IOException e) {
                errors.add("profile of " + label + ": " + e);
            }
        }
    }

    private LatencyRecorder timed(String label, IntFunction<Runnable> request) {
        LatencyRecorder latency = new LatencyRecorder();
        long deadline = System.nanoTime() + 60_000_000_000L;
        long stopAt = System.nanoTime() + settings.listMaxSeconds() * 1_000_000_000L;
        for (int i = 0; i < settings.listRequests(); i++) {
            if (System.nanoTime() > stopAt) {
                Progress.log("%s: stopped after %d requests (BENCH_LIST_MAX_SECONDS)", label, i);
                errors.add(label + ": only " + i + " requests within BENCH_LIST_MAX_SECONDS=" + settings.listMaxSeconds());
                break;
            }
            long start = System.nanoTime();
            request.apply(settings.warmup() + i).run();
            latency.record(System.nanoTime() - start);
            if (System.nanoTime() > deadline) {
                deadline = System.nanoTime() + 60_000_000_000L;
                Progress.log("%s: %d of %d requests, p50 %.1f ms so far", label, i + 1, settings.listRequests(), latency.percentileMs(50));
            }
        }
        Progress.log("%s: %d requests, p50 %.1f ms, p95 %.1f ms", label, latency.count(), latency.percentileMs(50),
                latency.percentileMs(95));
        return latency;
    }

    private void put(String key, LatencyRecorder latency) {
        result.put(key + "Requests", latency.count());
        result.put(key + "P50Ms", ms(latency.percentileMs(50)));
        result.put(key + "P95Ms", ms(latency.percentileMs(95)));
        result.put(key + "P99Ms", ms(latency.percentileMs(99)));
    }

    private static String groupQuery(Town town) {
        try {
            return JSON.writeValueAsString(Map.of("candidateGroups", List.of("staff-" + town.id()), "includeAssignedTasks", true,
                    "sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc"))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Up to {@code count} elements evenly spread over the list: different towns and domains, not the first few. */
    private static <T> List<T> spread(List<T> list, int count) {
        int step = Math.max(1, list.size() / count);
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < list.size() && picked.size() < count; i += step) {
            picked.add(list.get(i));
        }
        return picked;
    }

    private boolean waitUntil(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + settings.escalationTimeoutSeconds() * 1_000_000_000L;
        long nextReport = System.nanoTime() + 15_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                Progress.log("%s: timed out after %d s", what, settings.escalationTimeoutSeconds());
                return false;
            }
            if (System.nanoTime() > nextReport) {
                nextReport = System.nanoTime() + 15_000_000_000L;
                Progress.log("%s: %d reminders, %d escalations received; %d mails pending; %d executable jobs", what,
                        smtp.count(SmtpSink.REMINDER), smtp.count(SmtpSink.ESCALATION), pendingMail(),
                        app.bean(ManagementService.class).createJobQuery().executable().count());
            }
            Thread.sleep(100);
        }
        return true;
    }

    private long pendingMail() {
        return jdbc.queryForObject("select count(*) from mail_outbox where status = 'PENDING'", Long.class);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /** Today in the city's time zone, by the engine's clock (as the ledger's Deadlines computes it). */
    private LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(cityZone).toLocalDate();
    }

    private JobExecutor jobExecutor() {
        return ((ProcessEngineImpl) app.bean(ProcessEngine.class)).getProcessEngineConfiguration().getJobExecutor();
    }

    private Map<String, Object> jobExecutorSettings() {
        JobExecutor executor = jobExecutor();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition());
        settings.put("waitTimeInMillis", executor.getWaitTimeInMillis());
        settings.put("maxWaitMillis", executor.getMaxWait());
        settings.put("lockTimeInMillis", executor.getLockTimeInMillis());
        if (executor instanceof SpringJobExecutor spring && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
            settings.put("corePoolSize", pool.getCorePoolSize());
            settings.put("maxPoolSize", pool.getMaxPoolSize());
            settings.put("queueCapacity", pool.getQueueCapacity());
        }
        return settings;
    }

    private void phase(String name, Callable<Void> work) throws Exception {
        loadAverages.put(name, LatencyRecorder.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        long start = System.nanoTime();
        try {
            work.call();
        } finally {
            phaseSeconds.put(name, LatencyRecorder.round((System.nanoTime() - start) / 1e9));
        }
    }

    private Parallel.Outcome phaseOutcome(String name, Callable<Parallel.Outcome> work) throws Exception {
        long start = System.nanoTime();
        try {
            return work.call();
        } finally {
            phaseSeconds.put(name, LatencyRecorder.round((System.nanoTime() - start) / 1e9));
        }
    }

    /** Runs a phase while sampling the stacks of the threads that do its work: target/bench/profile-<name>.txt. */
    private Void profiled(String name, java.util.function.Predicate<String> threads, Callable<Void> work) throws Exception {
        StackSampler sampler = new StackSampler(threads);
        try {
            return work.call();
        } finally {
            sampler.write(settings.outputDir().resolve("profile-" + name + ".txt"), name);
        }
    }

    /** A phase whose failure is reported and does not stop the phases after it. */
    private void guarded(String name, Callable<Void> work) {
        if (SKIPPED.contains(name)) {
            Progress.log("%s skipped (BENCH_SKIP)", name);
            notes.add(name + ": skipped (BENCH_SKIP)");
            return;
        }
        try {
            phase(name, work);
        } catch (Exception | Error e) {
            Progress.log("%s failed: %s", name, e);
            errors.add(name + ": " + e);
        }
    }

    /** Phases left out of this run: BENCH_SKIP=inspectionRound,dutyReportRound (any of the guarded phases). */
    private static final java.util.Set<String> SKIPPED = java.util.Arrays.stream(
            java.util.Objects.requireNonNullElse(System.getenv("BENCH_SKIP"), "").split(","))
            .map(String::trim).filter(name -> !name.isEmpty()).collect(java.util.stream.Collectors.toSet());

    private static Object ratio(Object numerator, Object denominator) {
        if (numerator instanceof Double n && denominator instanceof Double d && d > 0) {
            return Math.round(n / d * 1000) / 1000.0;
        }
        return null;
    }

    private static Double ms(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java.version", System.getProperty("java.version"));
        machine.put("java.vm.name", System.getProperty("java.vm.name"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            machine.put("memoryMb", os.getTotalMemorySize() / 1048576);
        }
        machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return machine;
    }

    private Map<String, Object> document() {
        result.put("phaseSeconds", phaseSeconds);
        result.put("loadAverageAtPhaseStart", loadAverages);
        result.put("notes", notes);
        result.put("errors", errors);
        return result;
    }
}
