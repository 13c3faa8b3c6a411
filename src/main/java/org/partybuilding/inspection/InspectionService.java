package org.partybuilding.inspection;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.partybuilding.inspection.InspectionProcess.Variables;
import org.partybuilding.inspection.InspectionRound.RoundStatus;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.StaffMember;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationCancelled;
import org.partybuilding.rectification.RectificationClosed;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.rectification.Status;
import org.partybuilding.responsibility.ResponsibilityItem;
import org.partybuilding.responsibility.ResponsibilityLists;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.AsSystem;
import org.partybuilding.system.Texts;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessValues;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.partybuilding.workflow.TaskDescriptionListener;
import org.partybuilding.workflow.WorkingDays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quarterly special inspections (专项督查): the round's plan and its checks, the assignment of inspectors with the
 * avoidance rule, the findings (each a rectification item issued by the city and verified by the inspectors), the
 * bulletin and the re-inspections. The {@code quarterly-inspection} process calls the steps below through
 * {@link InspectionSteps} and the listeners; everything it needs to know lives in the tables, keyed by its business key.
 */
@Service
public class InspectionService {

    private final InspectionRepository repository;
    private final DirectoryService directory;
    private final Rounds rounds;
    private final ResponsibilityLists lists;
    private final RectificationService rectifications;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final Deadlines deadlines;
    private final WorkingDays workingDays;
    private final BulletinDocument bulletins;
    private final int rectificationWorkingDays;
    private final int revisitWorkingDays;

    InspectionService(InspectionRepository repository, DirectoryService directory, Rounds rounds, ResponsibilityLists lists,
            RectificationService rectifications, RuntimeService runtimeService, IdentityService identityService, Deadlines deadlines,
            WorkingDays workingDays, BulletinDocument bulletins,
            @Value("${app.inspection.rectification-working-days:20}") int rectificationWorkingDays,
            @Value("${app.inspection.revisit-working-days:20}") int revisitWorkingDays) {
        this.repository = repository;
        this.directory = directory;
        this.rounds = rounds;
        this.lists = lists;
        this.rectifications = rectifications;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.deadlines = deadlines;
        this.workingDays = workingDays;
        this.bulletins = bulletins;
        this.rectificationWorkingDays = rectificationWorkingDays;
        this.revisitWorkingDays = revisitWorkingDays;
    }

    // --- the API ---

    /**
     * Starts the quarter's round, once per year and quarter. With a whole plan it is checked first (every problem named)
     * and the inspections start at once; with only the year and quarter, the organization department plans it in Tasklist.
     */
    @Transactional
    public InspectionProgress start(InspectionPlan plan, ApiUser user) {
        if (!user.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以发起专项督查");
        }
        if (plan == null) {
            throw ApiException.badField("year", "请提供督查方案");
        }
        int year = year(plan.year());
        int quarter = quarter(plan.quarter());
        startRound(year, quarter, plan, user.userId());
        return progress(year, quarter, user);
    }

    /** Starts a quarter's round (the year already checked): its row, its plan if given, its instance, in one transaction. */
    @Transactional
    public String startRound(int year, int quarter, InspectionPlan plan, String startedBy) {
        ResolvedPlan resolved = plan.unplanned() ? null : resolve(plan, year, quarter);
        Date now = deadlines.now();
        if (!repository.insertRound(year, quarter, startedBy, now)) {
            InspectionRound existing = repository.round(year, quarter).orElseThrow();
            throw new ApiException(HttpStatus.CONFLICT, existing.label() + "已于 " + deadlines.text(deadlines.dateOf(Date.from(existing.startedAt().toInstant())))
                    + " 由 " + existing.startedBy() + " 发起，每个季度只能发起一次", List.of());
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.YEAR, year);
        variables.put(Variables.QUARTER, quarter);
        variables.put(Variables.PLANNED, resolved != null);
        variables.put(Variables.PLAN_PROBLEM, "");
        variables.put(TaskDescriptionListener.TITLE, year + "年" + Quarters.label(quarter) + "专项督查");
        if (resolved != null) {
            repository.plan(year, quarter, resolved, startedBy, now);
            variables.put(Variables.INSPECTION_DUE_DATE, deadlines.deadlineOf(resolved.dueDate()));
        }
        String processInstanceId = AsSystem.call(identityService, () -> runtimeService.startProcessInstanceByKey(
                InspectionProcess.PROCESS_ID, InspectionRound.businessKey(year, quarter), variables).getId());
        repository.setProcessInstance(year, quarter, processInstanceId);
        return processInstanceId;
    }

    /** Whether the quarter's round was started (by the API, the annual cycle or the demo). */
    public boolean started(int year, int quarter) {
        return repository.round(year, quarter).isPresent();
    }

    /** The round's plan, progress, inspected organizations and findings, as far as the caller may see them. */
    public InspectionProgress progress(int year, int quarter, ApiUser user) {
        InspectionRound round = repository.round(year, quarter)
                .orElseThrow(() -> ApiException.notFound(year + "年" + (quarter >= 1 && quarter <= 4 ? Quarters.label(quarter) : "第 " + quarter + " 季度")
                        + "尚未发起专项督查"));
        List<String> visible = directory.visibleOrganizationIds(user);
        Set<String> seen = visible == null ? null : Set.copyOf(visible);
        List<InspectionRepository.Target> targets = repository.targets(year, quarter);
        List<InspectionRepository.Finding> findings = repository.findings(year, quarter);
        Map<String, Organization> organizations = directory.organizations(targets.stream().map(InspectionRepository.Target::organizationId).toList());
        List<InspectionProgress.Inspected> inspected = new ArrayList<>();
        for (InspectionRepository.Target target : targets) {
            if (seen != null && !seen.contains(target.organizationId())) {
                continue;
            }
            Organization organization = organizations.get(target.organizationId());
            long count = findings.stream().filter(f -> f.organizationId().equals(target.organizationId())).count();
            inspected.add(new InspectionProgress.Inspected(target.organizationId(), organization == null ? target.organizationId() : organization.name(),
                    target.inspectorId(), name(target.inspectorId()), target.status(), target.summary(), (int) count));
        }
        List<InspectionProgress.FindingView> findingViews = findings.stream()
                .filter(f -> seen == null || seen.contains(f.organizationId()))
                .map(f -> new InspectionProgress.FindingView(f.organizationId(), f.itemCode(), f.description(), Severity.valueOf(f.severity()),
                        f.dueDate(), f.itemId(), f.itemStatus(), f.revisitOutcome(), f.reopened()))
                .toList();
        // the counts too cover only what the caller may see: a secretary learns nothing of other organizations' findings
        long done = inspected.stream().filter(t -> "DONE".equals(t.status())).count();
        return new InspectionProgress(year, quarter, round.businessKey(), round.status(), round.status().label(), round.theme(),
                round.scopeKind() == null ? null : scope(round).label(), round.seed(), round.checklist(), round.dueDate(),
                round.processInstanceId(), inspected.size(), (int) done, findingViews.size(), round.bulletinNumber(),
                round.bulletinNumber() == null ? null : "/api/inspections/" + year + "/" + quarter + "/bulletin.docx", inspected, findingViews);
    }

    /** The bulletin as a .docx, once issued. */
    public byte[] bulletin(int year, int quarter) {
        return repository.bulletinDocument(year, quarter)
                .orElseThrow(() -> ApiException.notFound(year + "年" + Quarters.label(Math.max(1, Math.min(4, quarter))) + "专项督查通报尚未印发"));
    }

    private String name(String userId) {
        return directory.staffMember(userId).map(StaffMember::name).orElse(userId);
    }

    // --- the plan ---

    private int year(Integer year) {
        int current = deadlines.today().getYear();
        if (year == null || year < current - 1 || year > current + 1) {
            throw ApiException.badField("year", "年度应在 " + (current - 1) + " 到 " + (current + 1) + " 之间");
        }
        return year;
    }

    private static int quarter(Integer quarter) {
        if (quarter == null || quarter < 1 || quarter > 4) {
            throw ApiException.badField("quarter", "季度应为 1、2、3 或 4");
        }
        return quarter;
    }

    /**
     * Checks a plan as a whole and assigns its inspectors: every problem is named (field and message), none is left for
     * the process to trip over. Used by the API, the planning task and again by the assignment step.
     */
    ResolvedPlan resolve(InspectionPlan plan, int year, int quarter) {
        List<ApiError.Detail> problems = new ArrayList<>();
        String theme = plan.theme() == null ? "" : plan.theme().trim();
        if (theme.isEmpty()) {
            problems.add(new ApiError.Detail("theme", null, "请填写督查主题"));
        } else if (theme.length() > 100 || !theme.matches(Texts.SINGLE_LINE)) {
            problems.add(new ApiError.Detail("theme", null, "督查主题最长 100 个字，且不能换行或含控制字符"));
        }
        LocalDate dueDate = plan.dueDate();
        if (dueDate == null) {
            problems.add(new ApiError.Detail("dueDate", null, "请填写督查完成期限"));
        } else if (!dueDate.isAfter(deadlines.today())) {
            problems.add(new ApiError.Detail("dueDate", null, "督查完成期限 " + dueDate + " 应晚于今天 " + deadlines.today()));
        } else {
            deadlines.whyNotWorking(dueDate).ifPresent(why -> problems.add(new ApiError.Detail("dueDate", null, why + "，督查完成期限须为工作日")));
        }
        List<String> checklist = checklist(plan.checklist(), year, quarter, problems);
        List<StaffMember> inspectors = inspectors(plan.inspectors(), problems);
        RoundScope scope = null;
        List<Organization> targets = List.of();
        RoundScope.Kind kind = null;
        try {
            kind = plan.scope() == null ? null : RoundScope.Kind.valueOf(plan.scope().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            kind = null;
        }
        if (kind == null) {
            problems.add(new ApiError.Detail("scope", null, "请选择督查范围：ALL（全部基层党组织）、DOMAIN（某一领域）、UNDER（某一组织以下）或 SAMPLE（随机抽取）"));
        } else {
            try {
                scope = rounds.withSeed(new RoundScope(kind, plan.domain(), plan.organizationId(), plan.sampleSize(), plan.seed()));
                targets = rounds.organizations(scope);
            } catch (ApiException e) {
                problems.addAll(e.details().isEmpty() ? List.of(new ApiError.Detail("scope", null, e.getMessage())) : e.details().stream()
                        .map(d -> new ApiError.Detail(d.field() == null ? null : d.field().replace("scope.kind", "scope")
                                .replace("scope.domain", "domain").replace("scope.organizationId", "organizationId")
                                .replace("scope.sampleSize", "sampleSize"), d.line(), d.message())).toList());
            }
        }
        List<InspectionPlanner.Assignment> assignments = List.of();
        if (problems.isEmpty()) {
            try {
                assignments = InspectionPlanner.assign(targets, inspectors, avoidedBy());
            } catch (InspectionPlanner.Impossible e) {
                problems.add(new ApiError.Detail("inspectors", null, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems.size() == 1 ? problems.get(0).message()
                    : "督查方案有 " + problems.size() + " 处问题：" + problems.get(0).message() + " 等", problems);
        }
        List<String> pool = plan.inspectors() == null || plan.inspectors().isEmpty() ? null
                : inspectors.stream().map(StaffMember::userId).toList();
        return new ResolvedPlan(year, quarter, theme, scope, checklist, pool, dueDate, assignments);
    }

    private List<String> checklist(List<String> given, int year, int quarter, List<ApiError.Detail> problems) {
        if (lists.inEffect(year).isEmpty()) {
            // no list of its own and none to inherit: neither a default checklist nor any item to name
            problems.add(new ApiError.Detail("checklist", null, year + "年及以前没有书记责任清单，督查检查项须取自责任清单，请先发布"
                    + year + "年的责任清单"));
            return given == null ? List.of() : given.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).distinct().toList();
        }
        if (given == null || given.stream().allMatch(c -> c == null || c.isBlank())) {
            List<String> due = lists.itemsDueIn(year, quarter).stream().map(ResponsibilityItem::code).toList();
            if (due.isEmpty()) {
                problems.add(new ApiError.Detail("checklist", null, year + "年没有在" + Quarters.label(quarter) + "到期的责任清单项，请指定检查项"));
            }
            return due;
        }
        Set<String> codes = new LinkedHashSet<>();
        Map<String, ResponsibilityItem> items = items(year);
        for (String code : given) {
            String c = code == null ? "" : code.trim();
            if (c.isEmpty()) {
                continue;
            }
            if (!items.containsKey(c)) {
                problems.add(new ApiError.Detail("checklist", null, "检查项 " + c + " 不在" + year + "年的责任清单中"));
            }
            codes.add(c);
        }
        return List.copyOf(codes);
    }

    /** Every item of the lists in effect for the year, by code (the lists are read once). */
    private Map<String, ResponsibilityItem> items(int year) {
        Map<String, ResponsibilityItem> items = new HashMap<>();
        lists.inEffect(year).forEach(list -> list.items().forEach(item -> items.put(item.code(), item)));
        return items;
    }

    private List<StaffMember> inspectors(List<String> given, List<ApiError.Detail> problems) {
        List<StaffMember> all = directory.staff().stream().filter(s -> s.groups().contains(Groups.INSPECTORS)).toList();
        if (given == null || given.stream().allMatch(c -> c == null || c.isBlank())) {
            if (all.isEmpty()) {
                problems.add(new ApiError.Detail("inspectors", null, "组织目录中没有督查组成员"));
            }
            return all;
        }
        List<StaffMember> chosen = new ArrayList<>();
        for (String userId : new LinkedHashSet<>(given)) {
            if (userId == null || userId.isBlank()) {
                continue;
            }
            Optional<StaffMember> inspector = all.stream().filter(s -> s.userId().equals(userId.trim())).findFirst();
            if (inspector.isEmpty()) {
                problems.add(new ApiError.Detail("inspectors", null, userId.trim() + " 不是督查组成员"));
            } else {
                chosen.add(inspector.get());
            }
        }
        return chosen;
    }

    /**
     * What an inspector must not inspect (回避): every organization that the town, subdistrict or sector they belong to
     * oversees along the directory's parent and supervisor relations ({@link DirectoryService#overseenOrganizationIds}),
     * so a sector committee's inspector inspects neither its own organizations nor those of a town it supervises;
     * nothing for a city-level inspector. Asked once per town, subdistrict or sector.
     */
    private Function<StaffMember, Set<String>> avoidedBy() {
        Function<String, String> townOf = townOf();
        Map<String, Set<String>> overseen = new HashMap<>();
        return inspector -> {
            String unit = townOf.apply(inspector.organizationId());
            return unit == null ? Set.of() : overseen.computeIfAbsent(unit, u -> Set.copyOf(directory.overseenOrganizationIds(u)));
        };
    }

    /** The organization directly below the city that an organization belongs to: its town, subdistrict or sector. */
    private Function<String, String> townOf() {
        Map<String, Organization> byId = new HashMap<>();
        for (Organization organization : directory.organizations()) {
            byId.put(organization.id(), organization);
        }
        return id -> {
            Organization current = byId.get(id);
            while (current != null && current.parentId() != null) {
                Organization parent = byId.get(current.parentId());
                if (parent == null || parent.parentId() == null) {
                    return current.id();
                }
                current = parent;
            }
            return null;
        };
    }

    private static RoundScope scope(InspectionRound round) {
        return new RoundScope(RoundScope.Kind.valueOf(round.scopeKind()), round.scopeDomain(), round.scopeOrganizationId(),
                round.sampleSize(), round.seed());
    }

    private static InspectionPlan plan(InspectionRound round) {
        return new InspectionPlan(round.year(), round.quarter(), round.theme(), round.scopeKind(), round.scopeDomain(),
                round.scopeOrganizationId(), round.sampleSize(), round.seed(), round.checklist(), round.inspectorPool(), round.dueDate());
    }

    InspectionRound round(DelegateExecution execution) {
        return repository.roundByKey(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException("Inspection round " + execution.getProcessBusinessKey() + " is missing"));
    }

    private InspectionRound round(DelegateTask task) {
        return round(task.getExecution());
    }

    // --- steps of the process ---

    /** {@code Task_PlanRound} completed: the form's plan, checked as a whole; refused with every problem named. */
    void planned(DelegateTask task) {
        InspectionRound round = round(task);
        InspectionPlan plan = new InspectionPlan(round.year(), round.quarter(), formText(task, Variables.THEME),
                formText(task, Variables.SCOPE_KIND), formText(task, Variables.SCOPE_DOMAIN), formText(task, Variables.SCOPE_ORGANIZATION_ID),
                formInteger(task, Variables.SAMPLE_SIZE, "抽取数量"), formLong(task, Variables.SEED), words(formText(task, Variables.CHECKLIST)),
                words(formText(task, Variables.INSPECTORS)), formDate(task, Variables.DUE_DATE, "督查完成期限"));
        ResolvedPlan resolved;
        try {
            resolved = resolve(plan, round.year(), round.quarter());
        } catch (ApiException e) {
            ApiError.Detail first = e.details().isEmpty() ? new ApiError.Detail(Variables.THEME, null, e.getMessage()) : e.details().get(0);
            throw new FormFieldValidationException(formField(first.field()), String.join("；",
                    e.details().isEmpty() ? List.of(e.getMessage()) : e.details().stream().map(ApiError.Detail::message).toList()));
        }
        repository.plan(round.year(), round.quarter(), resolved, ProcessValues.actor(task), deadlines.now());
        task.getExecution().setVariable(Variables.INSPECTION_DUE_DATE, deadlines.deadlineOf(resolved.dueDate()));
        task.getExecution().setVariable(Variables.PLAN_PROBLEM, "");
    }

    private static String formField(String apiField) {
        if (apiField == null) {
            return Variables.THEME;
        }
        return switch (apiField) {
            case "scope" -> Variables.SCOPE_KIND;
            case "domain" -> Variables.SCOPE_DOMAIN;
            case "organizationId" -> Variables.SCOPE_ORGANIZATION_ID;
            default -> apiField;
        };
    }

    /**
     * {@code Task_AssignInspectors}: the plan drawn and assigned against today's directory (the recorded seed draws the
     * same sample). A plan that cannot be carried out any more goes back to the organization department, with why.
     */
    void assignInspectors(DelegateExecution execution) {
        InspectionRound round = round(execution);
        ResolvedPlan resolved;
        try {
            resolved = resolve(plan(round), round.year(), round.quarter());
        } catch (ApiException e) {
            String why = e.details().isEmpty() ? e.getMessage() : String.join("；", e.details().stream().map(ApiError.Detail::message).toList());
            execution.setVariable(Variables.PLAN_PROBLEM, "方案无法执行：" + why);
            repository.setStatus(round.year(), round.quarter(), RoundStatus.PLANNING);
            throw new BpmnError(InspectionProcess.PLAN_IMPOSSIBLE_ERROR, why);
        }
        repository.insertTargets(round.year(), round.quarter(), resolved.assignments());
        repository.setStatus(round.year(), round.quarter(), RoundStatus.INSPECTING);
    }

    /** The multi-instance collection of the inspections: the round's organizations in order. */
    List<String> targets(DelegateExecution execution) {
        InspectionRound round = round(execution);
        return repository.targets(round.year(), round.quarter()).stream().map(InspectionRepository.Target::organizationId).toList();
    }

    InspectionRepository.Target target(DelegateExecution execution, String organizationId) {
        InspectionRound round = round(execution);
        return repository.target(round.year(), round.quarter(), organizationId)
                .orElseThrow(() -> new IllegalStateException("No inspection target " + organizationId + " in " + round.businessKey()));
    }

    /** What one inspection is about: the round, its theme and the organization (the task's description). */
    String title(DelegateExecution execution, String organizationId) {
        InspectionRound round = round(execution);
        return round.label() + "：" + round.theme() + "——" + organization(organizationId).name();
    }

    /** The checklist of the round for one organization, as the inspection form shows it, one item per line. */
    String checklistText(DelegateExecution execution, String organizationId) {
        StringBuilder text = new StringBuilder();
        for (ResponsibilityItem item : checklist(round(execution), organizationId)) {
            text.append(item.code()).append("（").append(item.category()).append("）").append(item.text()).append('\n');
        }
        return text.toString().strip();
    }

    /**
     * The round's items that apply to one organization, the only ones its findings may cite: those of its secretary
     * type's list (all of the round's items when none of them is of that type).
     */
    private List<ResponsibilityItem> checklist(InspectionRound round, String organizationId) {
        String type = organization(organizationId).secretaryType();
        Map<String, ResponsibilityItem> inEffect = items(round.year());
        List<ResponsibilityItem> items = round.checklist().stream().map(inEffect::get).filter(java.util.Objects::nonNull).toList();
        List<ResponsibilityItem> own = items.stream().filter(item -> item.type().equals(type)).toList();
        return own.isEmpty() ? items : own;
    }

    Organization organization(String id) {
        return directory.organizationForHistory(id).orElseThrow(() -> new IllegalStateException("Organization " + id + " is missing"));
    }

    /**
     * {@code Task_Inspect} completed: the inspector's findings, each checked, then each opened as a rectification item
     * issued by the city (verified by the inspectors), all or none. "No findings" is a result too.
     */
    void inspected(DelegateTask task, String organizationId) {
        InspectionRound round = round(task);
        String summary = ProcessValues.text(task, Variables.SUMMARY, "督查情况", 4000, true);
        boolean noFindings = Boolean.TRUE.equals(task.getVariable(Variables.NO_FINDINGS));
        String text = ProcessValues.text(task, Variables.FINDINGS, "发现的问题", 20000, false);
        List<FindingLine> lines = parseFindings(text, round, checklist(round, organizationId).stream().map(ResponsibilityItem::code).toList());
        if (noFindings && !lines.isEmpty()) {
            throw new FormFieldValidationException(Variables.FINDINGS, "已勾选“未发现问题”，但又填写了 " + lines.size() + " 条问题，请二选一");
        }
        if (!noFindings && lines.isEmpty()) {
            throw new FormFieldValidationException(Variables.FINDINGS, "请逐行填写发现的问题；没有发现问题请勾选“未发现问题”");
        }
        String actor = ProcessValues.actor(task);
        if (!lines.isEmpty()) {
            String city = cityId();
            List<NewRectification> requests = new ArrayList<>();
            Map<String, ResponsibilityItem> items = items(round.year());
            for (FindingLine line : lines) {
                String item = items.containsKey(line.itemCode()) ? items.get(line.itemCode()).text() : "";
                String title = line.description().length() > 60 ? line.description().substring(0, 59) + "…" : line.description();
                requests.add(new NewRectification(organizationId, Source.INSPECTION, round.businessKey(), title,
                        line.description() + "\n检查项：" + line.itemCode() + " " + item + "\n督查：" + round.label() + "（" + round.theme() + "）",
                        line.severity(), line.dueDate(), city));
            }
            List<RectificationItem> opened;
            try {
                opened = rectifications.openAll(requests, actor);
            } catch (ApiException e) {
                throw new FormFieldValidationException(Variables.FINDINGS, e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                repository.insertFinding(round.year(), round.quarter(), organizationId, lines.get(i), opened.get(i).id());
            }
        }
        repository.inspected(round.year(), round.quarter(), organizationId, summary, deadlines.now());
    }

    private String cityId() {
        return directory.rootId().orElseThrow(() -> new IllegalStateException("The directory has no root organization"));
    }

    /**
     * The inspection form's findings, one per line: {@code 检查项编号｜严重程度｜问题描述｜整改期限} (the due date may be left
     * out: then {@code app.inspection.rectification-working-days} working days from today). Every bad line is named.
     *
     * @param applicable the codes of the items the form lists for the organization: a finding cites one of them
     */
    List<FindingLine> parseFindings(String text, InspectionRound round, List<String> applicable) {
        List<FindingLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] raw = text.split("\\R");
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "第 " + (i + 1) + " 行：";
            String[] parts = line.split("[|｜]", -1);
            if (parts.length < 3 || parts.length > 4) {
                problems.add(where + "应为“检查项编号｜严重程度｜问题描述｜整改期限”，整改期限可省略");
                continue;
            }
            String code = parts[0].strip();
            if (!round.checklist().contains(code)) {
                problems.add(where + "检查项 " + code + " 不在本次督查的检查清单中");
            } else if (!applicable.contains(code)) {
                problems.add(where + "检查项 " + code + " 不适用于本党组织，请填写表单所列的检查项：" + String.join("、", applicable));
            }
            Severity severity = severity(parts[1].strip());
            if (severity == null) {
                problems.add(where + "严重程度应为 一般、较重 或 严重");
            }
            String description = parts[2].strip();
            if (description.isEmpty()) {
                problems.add(where + "请填写问题描述");
            } else if (description.length() > 1000) {
                problems.add(where + "问题描述最长 1000 个字");
            } else if (Texts.hasControlCharacters(description, false)) {
                // the only ones left in a line are tabs: the description becomes the item's one-line title
                problems.add(where + "问题描述不能含有制表符等控制字符");
            }
            LocalDate due = workingDays.plus(deadlines.today(), rectificationWorkingDays);
            if (parts.length == 4 && !parts[3].isBlank()) {
                try {
                    due = LocalDate.parse(parts[3].strip());
                    if (!due.isAfter(deadlines.today())) {
                        problems.add(where + "整改期限 " + due + " 应晚于今天");
                    } else {
                        Optional<String> why = deadlines.whyNotWorking(due);
                        if (why.isPresent()) {
                            problems.add(where + why.get() + "，整改期限须为工作日");
                        }
                    }
                } catch (DateTimeParseException e) {
                    problems.add(where + "整改期限 “" + parts[3].strip() + "” 不是有效日期（YYYY-MM-DD）");
                }
            }
            lines.add(new FindingLine(i + 1, code, severity, description, due));
        }
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(Variables.FINDINGS, String.join("；", problems));
        }
        return lines;
    }

    private static Severity severity(String text) {
        for (Severity severity : Severity.values()) {
            if (severity.label().equals(text) || severity.name().equalsIgnoreCase(text)) {
                return severity;
            }
        }
        return null;
    }

    /** The overview the bulletin task shows: what the bulletin will say in numbers. */
    String overview(DelegateExecution execution) {
        InspectionRound round = round(execution);
        BulletinDocument.Content content = content(round, null, null);
        return "督查党组织 " + content.inspectedCount() + " 个，发现问题 " + content.findings().size() + " 条（严重 "
                + content.findings().stream().filter(f -> f.severity() == Severity.HIGH).count() + " 条），已整改销号 "
                + content.findings().stream().filter(f -> "CLOSED".equals(f.itemStatus())).count() + " 条。";
    }

    /** {@code Task_IssueBulletin} completed: the bulletin, laid out as an official document, stored with the round. */
    void issueBulletin(DelegateTask task) {
        InspectionRound round = round(task);
        String number = ProcessValues.text(task, Variables.DOCUMENT_NUMBER, "文号", 40, true);
        if (!number.matches(Texts.SINGLE_LINE)) {
            throw new FormFieldValidationException(Variables.DOCUMENT_NUMBER, "“文号”不能换行");
        }
        String remarks = ProcessValues.text(task, Variables.REMARKS, "下一步工作要求", 4000, false);
        byte[] document = bulletins.write(content(round, number, remarks));
        repository.bulletin(round.year(), round.quarter(), number, remarks, document, ProcessValues.actor(task), deadlines.now());
        repository.setStatus(round.year(), round.quarter(), RoundStatus.REVISITING);
    }

    BulletinDocument.Content content(InspectionRound round, String number, String remarks) {
        List<InspectionRepository.Target> targets = repository.targets(round.year(), round.quarter());
        Function<String, String> townOf = townOf();
        Map<String, String> towns = new HashMap<>();
        List<BulletinDocument.Inspected> inspected = new ArrayList<>();
        for (InspectionRepository.Target target : targets) {
            Organization organization = organization(target.organizationId());
            String town = townOf.apply(organization.id());
            String townName = town == null ? "市直" : towns.computeIfAbsent(town, t -> organization(t).name());
            inspected.add(new BulletinDocument.Inspected(organization.id(), organization.name(), townName, organization.domain().label()));
        }
        List<BulletinDocument.FindingRow> findings = repository.findings(round.year(), round.quarter()).stream()
                .map(f -> new BulletinDocument.FindingRow(f.organizationId(), organization(f.organizationId()).name(), f.itemCode(),
                        f.description(), Severity.valueOf(f.severity()), f.dueDate(), f.itemStatus()))
                .toList();
        return new BulletinDocument.Content(round.year(), round.quarter(), round.theme(), number, remarks, deadlines.today(),
                inspected.size(), inspected, findings);
    }

    /** The multi-instance collection of the re-inspections: the round's findings' rectification items. */
    List<Long> findingItems(DelegateExecution execution) {
        InspectionRound round = round(execution);
        return repository.findings(round.year(), round.quarter()).stream().map(InspectionRepository.Finding::itemId).toList();
    }

    /**
     * Whether a finding's re-inspection still waits for its item to close (or to be cancelled). The finding's row is
     * locked: an item closing or cancelled at the same time either is seen so here, or finds the wait committed and ends it.
     */
    boolean awaitingClosure(long itemId) {
        return finding(itemId).closedAt() == null && !itemCancelled(itemId);
    }

    /**
     * Whether a finding's item was cancelled (its instance deleted): there is nothing to re-inspect. Read from the ledger
     * in a statement of its own, after the finding's lock, so it sees a cancellation that committed while it waited.
     */
    boolean itemCancelled(long itemId) {
        return Status.CANCELLED.name().equals(repository.itemStatus(itemId));
    }

    /** When the re-inspection of a closed finding is due: {@code app.inspection.revisit-working-days} after its closure, 9:00. */
    Date revisitAt(long itemId) {
        InspectionRepository.Finding finding = repository.findingForUpdate(itemId).orElseThrow();
        LocalDate closed = finding.closedAt() == null ? deadlines.today() : deadlines.dateOf(Date.from(finding.closedAt().toInstant()));
        return Date.from(workingDays.plus(closed, revisitWorkingDays).atTime(9, 0).atZone(deadlines.zone()).toInstant());
    }

    InspectionRepository.Finding finding(long itemId) {
        return repository.findingForUpdate(itemId).orElseThrow(() -> new IllegalStateException("Item " + itemId + " is not an inspection finding"));
    }

    /** Who re-inspects a finding: the inspector of its organization in that round. */
    String revisitor(long itemId) {
        InspectionRepository.Finding finding = finding(itemId);
        return repository.target(finding.year(), finding.quarter(), finding.organizationId()).orElseThrow().inspectorId();
    }

    /** {@code Task_Revisit} completed: consolidated, or relapsed with a new due date (checked here) for the reopened item. */
    boolean revisited(DelegateTask task, long itemId) {
        String outcome = ProcessValues.text(task, Variables.REVISIT_OUTCOME, "回头看结论", 20, true);
        if (!InspectionProcess.CONSOLIDATED_OUTCOME.equals(outcome) && !InspectionProcess.RELAPSED_OUTCOME.equals(outcome)) {
            throw new FormFieldValidationException(Variables.REVISIT_OUTCOME, "请选择回头看结论：整改到位或问题反弹");
        }
        String note = ProcessValues.text(task, Variables.REVISIT_NOTE, "回头看情况", 2000, true);
        boolean relapsed = InspectionProcess.RELAPSED_OUTCOME.equals(outcome);
        // checked also when consolidated (the form hides it then): a date given is a due date a user could choose
        LocalDate newDueDate = formDate(task, Variables.NEW_DUE_DATE, "重新整改期限");
        if (relapsed && newDueDate == null) {
            throw new FormFieldValidationException(Variables.NEW_DUE_DATE, "问题反弹时请填写重新整改期限");
        }
        if (newDueDate != null) {
            if (!newDueDate.isAfter(deadlines.today())) {
                throw new FormFieldValidationException(Variables.NEW_DUE_DATE, "重新整改期限应晚于今天 " + deadlines.today());
            }
            Optional<String> why = deadlines.whyNotWorking(newDueDate);
            if (why.isPresent()) {
                throw new FormFieldValidationException(Variables.NEW_DUE_DATE, why.get() + "，重新整改期限须为工作日");
            }
        }
        repository.revisited(itemId, outcome, note, relapsed ? newDueDate : null, ProcessValues.actor(task), deadlines.now());
        return relapsed;
    }

    /** {@code Task_ReopenItem}: the relapsed finding's item opened again with the re-inspection's due date and note. */
    void reopen(long itemId) {
        InspectionRepository.Finding finding = finding(itemId);
        rectifications.reopen(itemId, "回头看发现问题反弹（" + finding.revisitNote() + "）", finding.dueDate(), finding.revisitedBy());
        repository.reopened(itemId);
    }

    /** A finding's item closed: recorded, and its waiting re-inspection (if any yet) told. */
    @EventListener
    void closed(RectificationClosed event) {
        if (event.source() != Source.INSPECTION || !repository.closed(event.itemId(), deadlines.now())) {
            return;
        }
        AsSystem.call(identityService, () -> runtimeService.createMessageCorrelation(InspectionProcess.CLOSED_MESSAGE_PREFIX + event.itemId())
                .correlateAllWithResult());
    }

    /** A finding's item cancelled: its waiting re-inspection (if any yet) told, to end without a visit. */
    @EventListener
    void cancelled(RectificationCancelled event) {
        // the finding's lock orders this with the re-inspection deciding whether to wait (awaitingClosure)
        if (event.source() != Source.INSPECTION || repository.findingForUpdate(event.itemId()).isEmpty()) {
            return;
        }
        AsSystem.call(identityService, () -> runtimeService.createMessageCorrelation(InspectionProcess.CLOSED_MESSAGE_PREFIX + event.itemId())
                .correlateAllWithResult());
    }

    // --- form values ---

    private static String formText(DelegateTask task, String field) {
        Object value = task.getVariable(field);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static Integer formInteger(DelegateTask task, String field, String label) {
        Object value = task.getVariable(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        try {
            double number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            if (number != Math.rint(number) || Math.abs(number) > 1_000_000) {
                throw new NumberFormatException();
            }
            return (int) number;
        } catch (NumberFormatException e) {
            throw new FormFieldValidationException(field, "“" + label + "”应为整数");
        }
    }

    private static Long formLong(DelegateTask task, String field) {
        Object value = task.getVariable(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        try {
            if (value instanceof Number n) {
                // 1.5 or 1e20 would be cut to another seed silently
                double number = n.doubleValue();
                if (number != Math.rint(number) || Math.abs(number) >= Long.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                return n.longValue();
            }
            return Long.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new FormFieldValidationException(field, "“随机种子”应为整数");
        }
    }

    private LocalDate formDate(DelegateTask task, String field, String label) {
        return ProcessValues.date(task, field, label, deadlines.zone());
    }

    private static List<String> words(String text) {
        return text == null ? null : List.of(text.split("[\\s,，、;；]+")).stream().filter(w -> !w.isBlank()).toList();
    }
}
