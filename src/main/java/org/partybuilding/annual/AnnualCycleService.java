package org.partybuilding.annual;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.partybuilding.annual.AnnualCycleProcess.Schedule;
import org.partybuilding.annual.AnnualCycleProcess.Variables;
import org.partybuilding.annual.AnnualCycleRepository.Cycle;
import org.partybuilding.annual.YearProgress.Stage;
import org.partybuilding.annual.YearProgress.Status;
import org.partybuilding.assessment.AssessmentService;
import org.partybuilding.assessment.AssessmentSummary;
import org.partybuilding.dutyreport.DutyReportService;
import org.partybuilding.dutyreport.NewDutyReportRound;
import org.partybuilding.inspection.InspectionPlan;
import org.partybuilding.inspection.InspectionProgress;
import org.partybuilding.inspection.InspectionService;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.StaffMember;
import org.partybuilding.responsibility.ResponsibilityList;
import org.partybuilding.responsibility.ResponsibilityLists;
import org.partybuilding.survey.SurveyResults;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.AsSystem;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessValues;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.partybuilding.workflow.TaskDescriptionListener;
import org.partybuilding.workflow.WorkingDays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "1248" year ({@code annual-cycle}): started once per year by the organization department; its schedule decides
 * when each quarter's inspection, the two duty-report rounds, the survey window and the assessment come. Every stage
 * is started through the capability that owns it (the kit's rounds, the inspection service, the duty-report service),
 * so a stage the department started by hand before is not started twice.
 */
@Service
public class AnnualCycleService {

    static final List<String> SCHEDULE_KEYS = List.of(Schedule.Q1, Schedule.Q2, Schedule.Q3, Schedule.Q4, Schedule.MID_YEAR_REPORTS,
            Schedule.YEAR_END_REPORTS, Schedule.SURVEY_WINDOW, Schedule.ASSESSMENT);

    private final AnnualCycleRepository repository;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final Deadlines deadlines;
    private final WorkingDays workingDays;
    private final DirectoryService directory;
    private final ResponsibilityLists lists;
    private final Rounds rounds;
    private final InspectionService inspections;
    private final DutyReportService dutyReports;
    private final SurveyResults surveys;
    private final AssessmentService assessments;
    private final int signingWorkingDays;
    private final int dutyReportWorkingDays;

    AnnualCycleService(AnnualCycleRepository repository, RuntimeService runtimeService, IdentityService identityService, Deadlines deadlines,
            WorkingDays workingDays, DirectoryService directory, ResponsibilityLists lists, Rounds rounds, InspectionService inspections,
            DutyReportService dutyReports, SurveyResults surveys, AssessmentService assessments,
            @Value("${app.annual.signing-working-days:10}") int signingWorkingDays,
            @Value("${app.annual.duty-report-working-days:15}") int dutyReportWorkingDays) {
        this.repository = repository;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.deadlines = deadlines;
        this.workingDays = workingDays;
        this.directory = directory;
        this.lists = lists;
        this.rounds = rounds;
        this.inspections = inspections;
        this.dutyReports = dutyReports;
        this.surveys = surveys;
        this.assessments = assessments;
        this.signingWorkingDays = signingWorkingDays;
        this.dutyReportWorkingDays = dutyReportWorkingDays;
    }

    // --- the API ---

    /** Starts the year's cycle, once per year: this year or next, with its schedule checked as a whole. */
    @Transactional
    public YearProgress start(int year, NewCycle request, ApiUser user) {
        if (!user.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以发起年度流程");
        }
        int current = deadlines.today().getYear();
        if (year < current || year > current + 1) {
            throw ApiException.badField("year", "年度应为今年（" + current + "）或明年（" + (current + 1) + "）");
        }
        Map<String, OffsetDateTime> schedule = schedule(year, request == null ? null : request.schedule());
        List<String> reviewers = reviewers(request == null ? null : request.dutyReportReviewers());
        if (lists.inEffect(year).isEmpty()) {
            throw ApiException.badField("year", year + "年没有可发布的责任清单，请先发布（PUT /api/responsibility-lists/" + year + "/{类型}）");
        }
        startCycle(year, schedule, reviewers, user.userId());
        return progress(year, user);
    }

    /** Starts the cycle with a checked schedule (the year already checked). */
    @Transactional
    public String startCycle(int year, Map<String, OffsetDateTime> schedule, List<String> reviewers, String startedBy) {
        Map<String, OffsetDateTime> stored = new LinkedHashMap<>(schedule);
        if (!repository.insert(year, startedBy, deadlines.now(), stored, reviewers)) {
            Cycle existing = repository.find(year).orElseThrow();
            throw new ApiException(HttpStatus.CONFLICT, year + "年度流程已于 " + deadlines.text(deadlines.dateOf(Date.from(existing.startedAt().toInstant())))
                    + " 由 " + existing.startedBy() + " 发起，每年只能发起一次", List.of());
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.YEAR, year);
        variables.put(Variables.NEXT_QUARTER, 1);
        variables.put(TaskDescriptionListener.TITLE, year + "年度“1248”党建工作");
        String processInstanceId = AsSystem.call(identityService, () -> runtimeService
                .startProcessInstanceByKey(AnnualCycleProcess.PROCESS_ID, String.valueOf(year), variables).getId());
        repository.setProcessInstance(year, processInstanceId);
        return processInstanceId;
    }

    /** The schedule: the given dates, the year's defaults for the rest; checked as a whole. */
    Map<String, OffsetDateTime> schedule(int year, Map<String, OffsetDateTime> given) {
        Map<String, OffsetDateTime> schedule = new LinkedHashMap<>(defaults(year));
        List<ApiError.Detail> problems = new ArrayList<>();
        if (given != null) {
            for (Map.Entry<String, OffsetDateTime> entry : given.entrySet()) {
                if (!SCHEDULE_KEYS.contains(entry.getKey())) {
                    problems.add(new ApiError.Detail("schedule." + entry.getKey(), null, "日程中没有“" + entry.getKey() + "”，可用的有："
                            + String.join("、", SCHEDULE_KEYS)));
                } else if (entry.getValue() == null) {
                    problems.add(new ApiError.Detail("schedule." + entry.getKey(), null, "请填写“" + entry.getKey() + "”的时间"));
                } else if (!withinYear(year, entry.getKey(), entry.getValue())) {
                    // e.g. a number taken as seconds since 1970: its timer would fire at once
                    problems.add(new ApiError.Detail("schedule." + entry.getKey(), null, "“" + entry.getKey() + "” "
                            + deadlines.text(Date.from(entry.getValue().toInstant())) + " 不在" + (Schedule.ASSESSMENT.equals(entry.getKey())
                                    ? year + "年或" + (year + 1) + "年内" : year + "年内")));
                } else {
                    schedule.put(entry.getKey(), entry.getValue());
                }
            }
        }
        List<String> quarters = List.of(Schedule.Q1, Schedule.Q2, Schedule.Q3, Schedule.Q4);
        for (int i = 1; i < quarters.size(); i++) {
            if (!schedule.get(quarters.get(i)).isAfter(schedule.get(quarters.get(i - 1)))) {
                problems.add(new ApiError.Detail("schedule." + quarters.get(i), null, "第" + (i + 1) + "季度督查应晚于第" + i + "季度"));
            }
        }
        if (!schedule.get(Schedule.YEAR_END_REPORTS).isAfter(schedule.get(Schedule.MID_YEAR_REPORTS))) {
            problems.add(new ApiError.Detail("schedule." + Schedule.YEAR_END_REPORTS, null, "年末述职应晚于年中述职"));
        }
        for (String key : SCHEDULE_KEYS) {
            if (!key.equals(Schedule.ASSESSMENT) && !schedule.get(Schedule.ASSESSMENT).isAfter(schedule.get(key))) {
                problems.add(new ApiError.Detail("schedule." + Schedule.ASSESSMENT, null, "年终考核应晚于其他各阶段（" + key + "）"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems.get(0).message(), problems);
        }
        return schedule;
    }

    /** Every stage comes in the year (city time); the assessment in the year or early the next. */
    private boolean withinYear(int year, String key, OffsetDateTime at) {
        int atYear = deadlines.dateOf(Date.from(at.toInstant())).getYear();
        return atYear == year || Schedule.ASSESSMENT.equals(key) && atYear == year + 1;
    }

    /** The year's default schedule, 9:00 city time: quarters' inspections on 3/1, 6/1, 9/1, 11/1; duty reports 6/15 and 12/1; survey 11/15; assessment 1/10 of the next year. */
    Map<String, OffsetDateTime> defaults(int year) {
        Map<String, OffsetDateTime> schedule = new LinkedHashMap<>();
        schedule.put(Schedule.Q1, at(LocalDate.of(year, 3, 1)));
        schedule.put(Schedule.Q2, at(LocalDate.of(year, 6, 1)));
        schedule.put(Schedule.Q3, at(LocalDate.of(year, 9, 1)));
        schedule.put(Schedule.Q4, at(LocalDate.of(year, 11, 1)));
        schedule.put(Schedule.MID_YEAR_REPORTS, at(LocalDate.of(year, 6, 15)));
        schedule.put(Schedule.YEAR_END_REPORTS, at(LocalDate.of(year, 12, 1)));
        schedule.put(Schedule.SURVEY_WINDOW, at(LocalDate.of(year, 11, 15)));
        schedule.put(Schedule.ASSESSMENT, at(LocalDate.of(year + 1, 1, 10)));
        return schedule;
    }

    private OffsetDateTime at(LocalDate date) {
        return date.atTime(9, 0).atZone(deadlines.zone()).toOffsetDateTime();
    }

    /** The duty reports' reviewers: the given ones, or the organization department and the city's inspectors. */
    private List<String> reviewers(List<String> given) {
        if (given != null && !given.isEmpty()) {
            // checked now as the rounds will check them: a reviewer the round refuses would fail its timer months later
            List<ApiError.Detail> problems = dutyReports.reviewerProblems(given).stream()
                    .map(p -> new ApiError.Detail("dutyReportReviewers", null, p.message())).toList();
            if (!problems.isEmpty()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, problems.get(0).message(), problems);
            }
            return List.copyOf(new LinkedHashSet<>(given));
        }
        String city = cityId();
        return directory.staff().stream().filter(s -> s.groups().contains(Groups.ORG_DEPT)
                || s.groups().contains(Groups.INSPECTORS) && city.equals(s.organizationId())).map(StaffMember::userId).toList();
    }

    private String cityId() {
        return directory.rootId().orElseThrow(() -> new IllegalStateException("The directory has no root organization"));
    }

    /** Every stage of the year as far as it has come. */
    public YearProgress progress(int year, ApiUser user) {
        Cycle cycle = repository.find(year).orElseThrow(() -> ApiException.notFound(year + "年度流程尚未发起"));
        List<Stage> stages = new ArrayList<>();
        stages.add(stage("CONFERENCE", "“1”年初党建工作会议", cycle.conferenceDate() != null,
                cycle.conferenceDate() != null, cycle.conferenceDate() == null ? "等待组织部召开会议" : "会议于 " + deadlines.text(cycle.conferenceDate()) + " 召开"));
        long grassroots = directory.organizations().stream().filter(o -> o.domain().isGrassroots()).count();
        int signed = repository.signatures(year);
        stages.add(stage("LIST_SIGNING", "“8”签订书记责任清单", cycle.listsPublishedAt() != null, signed >= grassroots && grassroots > 0,
                cycle.listsPublishedAt() == null ? "清单尚未发布" : "已签订 " + signed + " / " + grassroots + "（逾期签订 " + repository.lateSignatures(year) + "）"));
        for (int quarter = 1; quarter <= 4; quarter++) {
            Optional<InspectionProgress> round = inspectionRound(year, quarter, user);
            stages.add(stage("INSPECTION_Q" + quarter, "“4”第" + "一二三四".charAt(quarter - 1) + "季度专项督查", round.isPresent(),
                    round.map(InspectionProgress::inspectionsDone).orElse(false),
                    round.map(r -> r.statusLabel() + "，督查 " + r.inspected() + " / " + r.organizations() + "，发现问题 " + r.findingCount() + " 条")
                            .orElse("计划于 " + text(cycle.schedule().get("q" + quarter + "InspectionAt")) + " 发起")));
        }
        for (String half : List.of("MID_YEAR", "YEAR_END")) {
            Optional<Round> round = rounds.find("duty-report", year + "-" + half);
            String key = half.equals("MID_YEAR") ? Schedule.MID_YEAR_REPORTS : Schedule.YEAR_END_REPORTS;
            List<org.partybuilding.dutyreport.DutyReport> reports = round.isPresent() ? dutyReports.search(year, half, null, user) : List.of();
            long graded = reports.stream().filter(r -> r.status().name().equals("GRADED")).count();
            stages.add(stage("DUTY_REPORT_" + half, "“2”" + (half.equals("MID_YEAR") ? "年中" : "年末") + "书记述职", round.isPresent(),
                    round.map(r -> r.finishedAt() != null && !reports.isEmpty() && graded == reports.size()).orElse(false),
                    round.map(r -> "已发起 " + r.started() + " / " + r.total() + "，已评定等次 " + graded)
                            .orElse("计划于 " + text(cycle.schedule().get(key)) + " 发起")));
        }
        int surveyed = surveys.overallScores(year).size();
        stages.add(stage("SURVEY", "第三方满意度测评", surveyed > 0 || cycle.surveyConfirmedAt() != null, cycle.surveyConfirmedAt() != null,
                surveyed == 0 ? "窗口于 " + text(cycle.schedule().get(Schedule.SURVEY_WINDOW)) + " 开启，尚未上传" : "已上传 " + surveyed + " 个党组织的测评结果"));
        Optional<AssessmentSummary> summary = cycle.assessedAt() == null ? Optional.empty() : assessments.summary(year);
        stages.add(stage("ASSESSMENT", "年终考核：党的建设杯、先锋指数星级", summary.isPresent(), summary.isPresent(),
                summary.map(s -> "三星级以上占比 " + percent(s.shareThreeStarsOrMore()) + "（目标 " + percent(s.target()) + "，"
                        + (s.targetMet() ? "已达到" : "未达到") + "）").orElse("计划于 " + text(cycle.schedule().get(Schedule.ASSESSMENT)) + " 进行")));
        List<AnnualCycleRepository.Talk> talks = repository.talks(year);
        long talked = talks.stream().filter(t -> t.talkedAt() != null).count();
        stages.add(stage("TALKS", "谈优谈差", !talks.isEmpty(), !talks.isEmpty() && talked == talks.size(), "已谈 " + talked + " / " + talks.size()));
        stages.add(stage("HONOURS", "确认表彰和问责名单", summary.isPresent(), cycle.listsConfirmedAt() != null,
                cycle.listsConfirmedAt() == null ? "待确认" : "已由 " + cycle.listsConfirmedBy() + " 确认"));
        return new YearProgress(year, cycle.processInstanceId(), cycle.startedBy(), cycle.startedAt(), cycle.schedule(), cycle.conferenceDate(),
                cycle.targets(), cycle.tenProjects(), stages);
    }

    private Optional<InspectionProgress> inspectionRound(int year, int quarter, ApiUser user) {
        try {
            return Optional.of(inspections.progress(year, quarter, user));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static Stage stage(String key, String label, boolean started, boolean done, String detail) {
        Status status = done ? Status.DONE : started ? Status.IN_PROGRESS : Status.NOT_STARTED;
        return new Stage(key, label, status, status.label(), detail);
    }

    /** 2026年3月1日 09:00, city time. */
    private String text(OffsetDateTime at) {
        return at == null ? "" : deadlines.text(Date.from(at.toInstant())) + " "
                + at.atZoneSameInstant(deadlines.zone()).toLocalTime().withSecond(0).withNano(0);
    }

    private static String percent(double share) {
        return String.format("%.1f%%", share * 100);
    }

    // --- steps of the process ---

    private int year(DelegateExecution execution) {
        return Integer.parseInt(execution.getProcessBusinessKey());
    }

    private Cycle cycle(DelegateExecution execution) {
        return repository.find(year(execution)).orElseThrow(() -> new IllegalStateException("No cycle for " + execution.getProcessBusinessKey()));
    }

    /** {@code Task_HoldConference} completed: the conference's record. */
    void conferenceHeld(DelegateTask task) {
        int year = year(task.getExecution());
        // held at the start of the year (or in the December before it)
        LocalDate date = formDate(task, Variables.CONFERENCE_DATE, "会议日期", LocalDate.of(year - 1, 12, 1), LocalDate.of(year, 12, 31));
        String decisions = ProcessValues.text(task, Variables.DECISIONS, "会议决定", 4000, true);
        String targets = ProcessValues.text(task, Variables.TARGETS, "年度目标", 4000, true);
        String projects = ProcessValues.text(task, Variables.TEN_PROJECTS, "十大项目", 4000, true);
        repository.conference(year, date, decisions, targets, projects, ProcessValues.actor(task));
    }

    /** {@code Task_PublishLists}: the lists in effect are the year's; every grassroots secretary gets hers to sign. */
    void publishLists(DelegateExecution execution) {
        Cycle cycle = cycle(execution);
        int year = cycle.year();
        List<ResponsibilityList> published = lists.inEffect(year);
        if (published.isEmpty()) {
            throw new IllegalStateException(year + "年没有可发布的责任清单");
        }
        LocalDate due = workingDays.plus(deadlines.today(), signingWorkingDays);
        Round round = rounds.start(ListSigningProcess.PROCESS_ID, String.valueOf(year), year + "年度书记责任清单签订", RoundScope.all(),
                Map.of(ListSigning.YEAR_PARAMETER, year, ListSigning.DUE_DATE_PARAMETER, due.toString()), cycle.startedBy());
        repository.listsPublished(year, round.id(), deadlines.now());
    }

    /** When the next quarter's inspection round is due. */
    Date nextInspectionAt(DelegateExecution execution) {
        int quarter = ProcessValues.integer(execution, Variables.NEXT_QUARTER, 1);
        return Date.from(cycle(execution).schedule().get("q" + quarter + "InspectionAt").toInstant());
    }

    /** {@code Task_StartInspection}: the quarter's round, unplanned (the planning task goes to org-dept); one started by hand stays. */
    void startInspection(DelegateExecution execution) {
        Cycle cycle = cycle(execution);
        int quarter = ProcessValues.integer(execution, Variables.NEXT_QUARTER, 1);
        // a round the department started by hand before stays as it is (checked first: an exception would spoil the transaction)
        if (!inspections.started(cycle.year(), quarter)) {
            inspections.startRound(cycle.year(), quarter, new InspectionPlan(cycle.year(), quarter, null, null, null, null, null, null, null,
                    null, null), cycle.startedBy());
        }
        execution.setVariable(Variables.NEXT_QUARTER, quarter + 1);
    }

    Date at(DelegateExecution execution, String key) {
        OffsetDateTime at = cycle(execution).schedule().get(key);
        if (at == null) {
            throw new IllegalStateException("No " + key + " in the schedule of " + execution.getProcessBusinessKey());
        }
        return Date.from(at.toInstant());
    }

    /** {@code Task_StartMidYearReports}, {@code Task_StartYearEndReports}: the round through the duty-report service (once). */
    void startDutyReports(DelegateExecution execution, String half) {
        Cycle cycle = cycle(execution);
        dutyReports.startRound(new NewDutyReportRound(cycle.year(), half, workingDays.plus(deadlines.today(), dutyReportWorkingDays),
                cycle.dutyReportReviewers(), null), new ApiUser(cycle.startedBy(), List.of(Groups.ORG_DEPT)));
    }

    /** {@code Task_ConfirmSurvey} completed: only once the year's results are uploaded. */
    void surveyConfirmed(DelegateTask task) {
        int year = year(task.getExecution());
        ProcessValues.text(task, Variables.NOTE, "说明", 2000, false);
        if (surveys.overallScores(year).isEmpty()) {
            throw new FormFieldValidationException(Variables.NOTE, year + "年度的第三方测评结果尚未上传（POST /api/surveys/" + year + "），上传后再确认");
        }
        repository.surveyConfirmed(year, deadlines.now());
    }

    /** {@code Task_Assess}: the Party Building Cup and the stars; the talks it asks for. */
    void assess(DelegateExecution execution) {
        int year = year(execution);
        AssessmentSummary summary = assessments.assess(year);
        summary.top().forEach(id -> repository.talkDue(year, id, "TOP"));
        summary.bottom().forEach(id -> repository.talkDue(year, id, "BOTTOM"));
        repository.assessed(year, deadlines.now());
    }

    /** The multi-instance collection of the talks: the best and the worst organizations of the assessment. */
    List<String> talks(DelegateExecution execution) {
        return repository.talks(year(execution)).stream().map(AnnualCycleRepository.Talk::organizationId).toList();
    }

    String talkTitle(DelegateExecution execution) {
        String id = (String) execution.getVariable(Variables.TALK_ORGANIZATION_ID);
        Organization organization = organization(id);
        boolean top = repository.talkKind(year(execution), id).map("TOP"::equals).orElse(false);
        return "谈优谈差（" + (top ? "谈优" : "谈差") + "）：" + organization.name() + " " + organization.secretaryName() + "同志";
    }

    String talkSubject(DelegateExecution execution) {
        String id = (String) execution.getVariable(Variables.TALK_ORGANIZATION_ID);
        boolean top = repository.talkKind(year(execution), id).map("TOP"::equals).orElse(false);
        return (top ? "年终考核排名靠前" : "年终考核排名靠后") + "，成绩单见 /api/report-cards/" + year(execution) + "/" + id;
    }

    void talked(DelegateTask task) {
        int year = year(task.getExecution());
        // after the assessment, which the schedule puts in the year or early in the next
        LocalDate date = formDate(task, Variables.TALK_DATE, "谈话日期", LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 12, 31));
        String notes = ProcessValues.text(task, Variables.TALK_NOTES, "谈话记录", 4000, true);
        repository.talked(year, (String) task.getExecution().getVariable(Variables.TALK_ORGANIZATION_ID), date,
                ProcessValues.actor(task), notes);
    }

    /** What the confirmation form shows: the assessment's figures and lists. */
    String resultText(DelegateExecution execution) {
        int year = year(execution);
        AssessmentSummary summary = assessments.summary(year).orElseThrow(() -> new IllegalStateException("No assessment for " + year));
        return "参加考核的基层党组织 " + summary.organizations() + " 个，三星级以上占比 " + percent(summary.shareThreeStarsOrMore()) + "（目标 "
                + percent(summary.target()) + "，" + (summary.targetMet() ? "已达到" : "未达到") + "）。\n"
                + "表彰名单（五星级）：" + names(summary.commendation()) + "\n"
                + "问责名单（一星级或有追责事项）：" + names(summary.accountability()) + "\n"
                + "差一步达到三星级（二星级）：" + names(summary.oneStepShort());
    }

    private String names(List<String> ids) {
        return ids.isEmpty() ? "无" : String.join("、", ids.stream().map(id -> organization(id).name()).toList());
    }

    void listsConfirmed(DelegateTask task) {
        String note = ProcessValues.text(task, Variables.NOTE, "确认意见", 4000, true);
        repository.listsConfirmed(year(task.getExecution()), ProcessValues.actor(task), note, deadlines.now());
    }

    void done(DelegateExecution execution) {
        repository.finished(year(execution), deadlines.now());
    }

    private Organization organization(String id) {
        return directory.organizationForHistory(id).orElseThrow(() -> new IllegalStateException("Organization " + id + " is missing"));
    }

    /** A required date of a form that must lie between {@code from} and {@code to}, else the task is not completed. */
    private LocalDate formDate(DelegateTask task, String field, String label, LocalDate from, LocalDate to) {
        LocalDate date = ProcessValues.date(task, field, label, deadlines.zone());
        if (date == null) {
            throw new FormFieldValidationException(field, "请填写“" + label + "”");
        }
        if (date.isBefore(from) || date.isAfter(to)) {
            throw new FormFieldValidationException(field, "“" + label + "”应在 " + deadlines.text(from) + "至" + deadlines.text(to) + "之间，现为 " + date);
        }
        return date;
    }
}
