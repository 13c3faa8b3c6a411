package org.partybuilding.dutyreport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.StaffMember;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.AsSystem;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.InstanceAdministration;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.partybuilding.workflow.WorkingDays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The twice-yearly duty reports (书记管党述职评议): rounds started by the organization department, one report per
 * grassroots organization, reviewed by the supervising organization's staff and graded by reviewers chosen with the
 * round. Scores and grades are kept in tables, where the year-end report card reads them.
 */
@Service
public class DutyReportService {

    static final String REVIEWERS_PARAMETER = "reviewerIds";
    static final String DUE_DATE_PARAMETER = "dueDate";
    static final String YEAR_PARAMETER = "year";
    static final String HALF_PARAMETER = "half";

    private final DutyReportRepository repository;
    private final DirectoryService directory;
    private final Rounds rounds;
    private final IdentityService identityService;
    private final Deadlines deadlines;
    private final WorkingDays workingDays;
    private final int minReviewers;

    DutyReportService(DutyReportRepository repository, DirectoryService directory, Rounds rounds, IdentityService identityService,
            Deadlines deadlines, WorkingDays workingDays, @Value("${app.duty-report.min-reviewers}") int minReviewers) {
        this.repository = repository;
        this.directory = directory;
        this.rounds = rounds;
        this.identityService = identityService;
        this.deadlines = deadlines;
        this.workingDays = workingDays;
        this.minReviewers = minReviewers;
    }

    /**
     * Starts a half year's round: checks everything first (nothing is recorded when anything is wrong), then has the
     * kit start one instance per organization in the background. A second call for the same year and half starts
     * nothing and says so.
     */
    @Transactional
    public Round startRound(NewDutyReportRound request, ApiUser caller) {
        if (!caller.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以发起书记述职");
        }
        List<ApiError.Detail> problems = new ArrayList<>();
        Integer year = request.year();
        LocalDate today = deadlines.today();
        if (year == null) {
            problems.add(new ApiError.Detail("year", null, "请填写年度"));
        } else if (year > today.getYear() + 1) {
            problems.add(new ApiError.Detail("year", null, "年度 " + year + " 超过明年（" + (today.getYear() + 1) + "），不能提前发起"));
        } else if (year < today.getYear() - 1) {
            problems.add(new ApiError.Detail("year", null, "年度 " + year + " 早于去年，不能补发起"));
        }
        Half half = half(request.half(), problems);
        LocalDate dueDate = request.dueDate();
        if (dueDate == null) {
            problems.add(new ApiError.Detail("dueDate", null, "请填写述职报告提交期限"));
        } else if (dueDate.isBefore(today)) {
            problems.add(new ApiError.Detail("dueDate", null, "提交期限 " + deadlines.text(dueDate) + " 已过，不能早于今天"));
        } else if (!workingDays.isWorkingDay(dueDate)) {
            problems.add(new ApiError.Detail("dueDate", null,
                    workingDays.whyNotWorking(dueDate).orElse("") + "，提交期限须为工作日"));
        }
        RoundScope scope = rounds.withSeed(request.scope() == null ? RoundScope.all() : request.scope());
        List<Organization> organizations = List.of();
        try {
            organizations = rounds.organizations(scope);
        } catch (ApiException e) {
            problems.addAll(e.details());
        }
        List<String> reviewers = reviewers(request.reviewerIds(), organizations, problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems.get(0).message(), problems);
        }
        String key = year + "-" + half.name();
        return rounds.start(DutyReportProcess.PROCESS_ID, key, year + "年" + half.label() + "书记述职", scope,
                Map.of(YEAR_PARAMETER, year, HALF_PARAMETER, half.name(), DUE_DATE_PARAMETER, dueDate.toString(),
                        REVIEWERS_PARAMETER, reviewers), caller.userId());
    }

    private static Half half(String value, List<ApiError.Detail> problems) {
        try {
            return Half.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            problems.add(new ApiError.Detail("half", null, "半年度应为 MID_YEAR（年中）或 YEAR_END（年末）"));
            return null;
        }
    }

    /**
     * What a round of every grassroots organization would say of these reviewers (unknown users, people who may not
     * grade, too few for some organization): the annual cycle checks its reviewers when the year starts, months before
     * its rounds do.
     */
    public List<ApiError.Detail> reviewerProblems(List<String> reviewerIds) {
        List<ApiError.Detail> problems = new ArrayList<>();
        reviewers(reviewerIds, rounds.organizations(RoundScope.all()), problems);
        return problems;
    }

    /**
     * The listed reviewers, each known and allowed to grade at least one of the round's organizations (a town's staff
     * in a city-wide round grade their own town's); every organization left with enough of them.
     */
    private List<String> reviewers(List<String> requested, List<Organization> organizations, List<ApiError.Detail> problems) {
        if (requested == null || requested.isEmpty()) {
            problems.add(new ApiError.Detail("reviewerIds", null, "请选择评议人（组织部或上级党组织工作人员，每个组织至少 " + minReviewers + " 人）"));
            return List.of();
        }
        List<String> reviewers = new ArrayList<>(new LinkedHashSet<>(requested));
        Map<String, String> names = new java.util.HashMap<>();
        boolean allKnown = true;
        for (String reviewer : reviewers) {
            User user = reviewer == null ? null : AsSystem.call(identityService,
                    () -> identityService.createUserQuery().userId(reviewer).singleResult());
            if (user == null) {
                problems.add(new ApiError.Detail("reviewerIds", null, "评议人 " + reviewer + " 不存在"));
                allKnown = false;
                continue;
            }
            names.put(reviewer, user.getLastName() + user.getFirstName() + "（" + reviewer + "）");
            if (!isOrgDept(reviewer) && directory.staffMember(reviewer).isEmpty()) {
                problems.add(new ApiError.Detail("reviewerIds", null, "评议人 " + names.get(reviewer) + "不是组织部或上级党组织工作人员"));
                allKnown = false;
            }
        }
        if (allKnown && !organizations.isEmpty()) {
            Map<String, Set<String>> reach = reach(reviewers);
            for (String reviewer : reviewers) {
                Set<String> below = reach.get(reviewer);
                if (below != null && organizations.stream().noneMatch(o -> below.contains(o.id()))) {
                    problems.add(new ApiError.Detail("reviewerIds", null, "评议人 " + names.get(reviewer)
                            + "不是本轮任何组织的上级党组织工作人员，不能参加本轮评议"));
                }
            }
            List<String> short_ = organizations.stream().filter(o -> allowedReviewers(reviewers, o).size() < minReviewers)
                    .map(Organization::name).toList();
            if (!short_.isEmpty()) {
                problems.add(new ApiError.Detail("reviewerIds", null, short_.size() + " 个组织可参加评议的人员不足 " + minReviewers
                        + " 人（评议人须为组织部或该组织的上级党组织工作人员）：" + String.join("、", short_.subList(0, Math.min(10, short_.size())))
                        + (short_.size() > 10 ? " 等" : "")));
            }
        }
        return reviewers;
    }

    /** Of the round's reviewers, those who may grade this organization: the organization department and staff above it. */
    List<String> allowedReviewers(List<String> reviewers, Organization organization) {
        Map<String, Set<String>> reach = reach(reviewers);
        return reviewers.stream().filter(r -> reach.get(r) == null || reach.get(r).contains(organization.id())).toList();
    }

    /**
     * For each reviewer, the organizations they may grade by the directory's rule (null: all, the organization
     * department), looked up once per list of reviewers and kept a minute: a round asks for every one of its thousands
     * of organizations.
     */
    private Map<String, Set<String>> reach(List<String> reviewers) {
        synchronized (reachCache) {
            CachedReach cached = reachCache.get(reviewers);
            if (cached != null && cached.at() > System.nanoTime() - 60_000_000_000L) {
                return cached.reach();
            }
        }
        Map<String, Set<String>> reach = new java.util.HashMap<>();
        for (String reviewer : reviewers) {
            List<String> groups = directory.staffMember(reviewer).map(StaffMember::groups).orElse(List.of());
            reach.put(reviewer, directory.overseenBy(new ApiUser(reviewer, groups)));
        }
        synchronized (reachCache) {
            reachCache.put(List.copyOf(reviewers), new CachedReach(reach, System.nanoTime()));
        }
        return reach;
    }

    private record CachedReach(Map<String, Set<String>> reach, long at) {
    }

    private final Map<List<String>, CachedReach> reachCache = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, CachedReach> eldest) {
            return size() > 8;
        }
    };

    private boolean isOrgDept(String userId) {
        return directory.staffMember(userId).map(s -> s.groups().contains(Groups.ORG_DEPT)).orElse(false);
    }

    public List<DutyReport> search(Integer year, String half, String organizationId, ApiUser caller) {
        List<ApiError.Detail> problems = new ArrayList<>();
        Half parsed = half == null ? null : half(half, problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems.get(0).message(), problems);
        }
        return repository.search(year, parsed, organizationId, directory.visibleOrganizationIds(caller), 5000);
    }

    // --- steps of the process (called by its delegates and listeners, inside the engine's transaction) ---

    void started(Round round, Organization organization, String processInstanceId, List<String> reviewers) {
        long id = repository.insert(Integer.parseInt(round.parameter(YEAR_PARAMETER)), Half.valueOf(round.parameter(HALF_PARAMETER)),
                organization.id(), round.key() + "-" + organization.id(), round.id(), processInstanceId, reviewers);
        repository.record(id, "STARTED", round.startedBy(), "发起" + round.name() + "，提交期限 " + round.parameter(DUE_DATE_PARAMETER)
                + "，评议人：" + String.join("、", reviewers), deadlines.now());
    }

    DutyReport report(String businessKey) {
        return repository.findByBusinessKey(businessKey)
                .orElseThrow(() -> new IllegalStateException("Duty report " + businessKey + " is missing"));
    }

    void submitted(DutyReport report, String actor, String workDone, String problems, String nextSteps) {
        repository.submitted(report.id(), workDone, problems, nextSteps, deadlines.now());
        repository.record(report.id(), "SUBMITTED", actor, "提交述职报告", deadlines.now());
    }

    void approved(DutyReport report, String actor) {
        repository.setStatus(report.id(), ReportStatus.GRADING);
        repository.record(report.id(), "APPROVED", actor, "审核通过，进入述职评议", deadlines.now());
    }

    void returned(DutyReport report, String actor, String reason) {
        repository.returned(report.id());
        repository.record(report.id(), "RETURNED", actor, "退回修改：" + reason, deadlines.now());
    }

    void scored(DutyReport report, String reviewer, int score, String comment, String problems) {
        repository.scored(report.id(), reviewer, score, comment, problems, deadlines.now());
        repository.record(report.id(), "SCORED", reviewer, "评议打分", deadlines.now());
    }

    List<DutyReportRepository.Event> events(DutyReport report) {
        return repository.events(report.id());
    }

    List<DutyReportRepository.Score> scores(DutyReport report) {
        return repository.scores(report.id());
    }

    void graded(DutyReport report, BigDecimal mean, String grade, int rectifications) {
        repository.graded(report.id(), mean, grade, deadlines.now());
        repository.record(report.id(), "GRADED", null, "评定等次：" + grade + "（得分 " + mean.toPlainString() + "）"
                + (rectifications > 0 ? "，评议发现问题 " + rectifications + " 个，已交办整改" : ""), deadlines.now());
    }

    void noticed(DutyReport report, String step, int level, List<String> recipients) {
        repository.record(report.id(), level == 0 ? "REMINDED" : "ESCALATED", null,
                stepLabel(step) + (level == 0 ? "即将到期，已提醒：" : "逾期，" + (level == 1 ? "一级督办" : "二级督办") + "，已通知：")
                        + String.join(", ", recipients), deadlines.now());
    }

    void extended(DutyReport report, Date deadline) {
        repository.record(report.id(), "EXTENDED", null, "退回后重新撰写，提交期限顺延至 " + deadlines.text(deadline), deadlines.now());
    }

    static String stepLabel(String step) {
        return switch (step) {
            case DutyReportProcess.WRITE_STEP -> "撰写述职报告";
            case DutyReportProcess.REVIEW_STEP -> "审核述职报告";
            default -> "述职评议打分";
        };
    }

    /**
     * The score the grade table reads: the mean of the reviewers' scores, after dropping the highest and the lowest
     * when five or more reviewers scored; two decimals, half up.
     */
    static BigDecimal meanScore(List<Integer> scores) {
        if (scores.isEmpty()) {
            throw new IllegalStateException("No scores to grade");
        }
        List<Integer> counted = new ArrayList<>(scores);
        counted.sort(null);
        if (counted.size() >= 5) {
            counted = counted.subList(1, counted.size() - 1);
        }
        long sum = counted.stream().mapToLong(Integer::longValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(counted.size()), 2, RoundingMode.HALF_UP);
    }

    /** The instance was deleted by an administrator: the report is CANCELLED. */
    @EventListener
    void cancelled(InstanceAdministration.Cancelled event) {
        if (DutyReportProcess.PROCESS_ID.equals(event.processDefinitionKey())) {
            Optional<DutyReport> report = repository.findByProcessInstance(event.processInstanceId());
            if (report.isPresent() && repository.cancelled(event.processInstanceId())) {
                repository.record(report.get().id(), "CANCELLED", event.userId(), "流程实例被删除，述职撤销"
                        + (event.reason() == null || event.reason().isBlank() ? "" : "。原因：" + event.reason()), deadlines.now());
            }
        }
    }

    /** The organizations a user may see reports of: the directory's rule. */
    Set<String> visible(ApiUser user) {
        List<String> visible = directory.visibleOrganizationIds(user);
        return visible == null ? null : Set.copyOf(visible);
    }
}
