package org.partybuilding.dashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.system.ApiException;
import org.partybuilding.workflow.Deadlines;
import org.springframework.stereotype.Service;

/** The dashboard's figures for the caller's scope. */
@Service
class DashboardService {

    static final int MAX_ESCALATIONS = 100;

    private final DashboardRepository repository;
    private final DirectoryService directory;
    private final Deadlines deadlines;

    DashboardService(DashboardRepository repository, DirectoryService directory, Deadlines deadlines) {
        this.repository = repository;
        this.directory = directory;
        this.deadlines = deadlines;
    }

    /**
     * The caller's scope: the organizations the directory lets them see (the ledger's rule,
     * {@link DirectoryService#visibleOrganizationIds}), drawn from the city, their own organization (staff) or their
     * first one (a secretary); 403 for a user who acts for no organization.
     */
    Scope scope(ApiUser user) {
        List<String> visible = directory.visibleOrganizationIds(user);
        if (visible == null) {
            String root = directory.rootId().orElseThrow(() -> ApiException.notFound("组织目录尚未导入"));
            return new Scope(root, name(root), true, null);
        }
        if (visible.isEmpty()) {
            throw ApiException.forbidden("仪表盘供组织部、上级党组织工作人员和党组织书记使用，您的账号不属于任何党组织");
        }
        var staff = directory.staffMember(user.userId());
        if (staff.isPresent()) {
            String own = staff.get().organizationId();
            return new Scope(own, name(own), false, visible);
        }
        return new Scope(visible.get(0), visible.size() == 1 ? name(visible.get(0)) : "我的党组织", false, visible);
    }

    private String name(String organizationId) {
        return directory.organization(organizationId).map(Organization::name).orElse(organizationId);
    }

    Overview overview(ApiUser user) {
        Scope scope = scope(user);
        LocalDate today = deadlines.today();
        OffsetDateTime now = deadlines.now().toInstant().atOffset(ZoneOffset.UTC);
        List<DashboardRepository.OrganizationRow> rows = repository.organizations(scope.ids());
        Map<String, DashboardRepository.Counts> tasks = repository.tasks(scope.ids(), now);
        Map<String, DashboardRepository.Counts> items = repository.items(scope.ids(), today);
        List<Overview.OrganizationFigures> organizations = new ArrayList<>();
        Overview.Figures totals = Overview.Figures.NONE;
        for (Placed placed : treeOrder(rows, scope.organizationId())) {
            DashboardRepository.OrganizationRow row = placed.row();
            DashboardRepository.Counts t = tasks.getOrDefault(row.id(), new DashboardRepository.Counts(0, 0, 0));
            DashboardRepository.Counts i = items.getOrDefault(row.id(), new DashboardRepository.Counts(0, 0, 0));
            organizations.add(new Overview.OrganizationFigures(row.id(), row.name(), placed.parentId(), placed.depth(), row.domain(),
                    t.open(), t.overdue(), i.open(), i.overdue(), i.escalated()));
            totals = totals.plus(new Overview.Figures(t.open(), t.overdue(), i.open(), i.overdue(), i.escalated()));
        }
        return new Overview(new Overview.ScopeView(scope.organizationId(), scope.name(), scope.wholeCity(),
                directory.rootId().map(this::name).orElse(null)), today, totals,
                organizations);
    }

    private record Placed(DashboardRepository.OrganizationRow row, String parentId, int depth) {
    }

    /**
     * The scope's organizations depth first from its own, each under its parent, or under its supervisor when the
     * parent is outside the scope, or under the scope's organization when neither is in it (a secretary's second
     * organization, say). Rows come ordered by position, so siblings keep the directory's order.
     */
    private static List<Placed> treeOrder(List<DashboardRepository.OrganizationRow> rows, String rootId) {
        Map<String, DashboardRepository.OrganizationRow> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        Map<String, List<DashboardRepository.OrganizationRow>> children = new HashMap<>();
        List<DashboardRepository.OrganizationRow> tops = new ArrayList<>();
        for (DashboardRepository.OrganizationRow row : rows) {
            if (row.id().equals(rootId)) {
                continue;
            }
            String parent = byId.containsKey(row.parentId()) ? row.parentId()
                    : byId.containsKey(row.supervisorId()) ? row.supervisorId() : byId.containsKey(rootId) ? rootId : null;
            if (parent == null) {
                tops.add(row);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(row);
            }
        }
        List<Placed> placed = new ArrayList<>(rows.size());
        Set<String> seen = new HashSet<>();
        java.util.Deque<Placed> stack = new java.util.ArrayDeque<>();
        if (byId.containsKey(rootId)) {
            stack.push(new Placed(byId.get(rootId), null, 0));
        }
        for (int i = tops.size() - 1; i >= 0; i--) {
            stack.push(new Placed(tops.get(i), null, 0));
        }
        while (!stack.isEmpty()) {
            Placed next = stack.pop();
            if (!seen.add(next.row().id())) {
                continue;
            }
            placed.add(next);
            List<DashboardRepository.OrganizationRow> below = children.getOrDefault(next.row().id(), List.of());
            for (int i = below.size() - 1; i >= 0; i--) {
                stack.push(new Placed(below.get(i), next.row().id(), next.depth() + 1));
            }
        }
        return placed;
    }

    List<DashboardRepository.Escalation> escalations(ApiUser user, int limit) {
        if (limit < 1 || limit > MAX_ESCALATIONS) {
            throw ApiException.badField("limit", "limit 须在 1 到 " + MAX_ESCALATIONS + " 之间");
        }
        return repository.escalations(scope(user).ids(), limit);
    }

    /** One duty-report round: reports by status and the grades given. */
    record DutyRound(int year, String half, String label, long reports, Map<String, Long> byStatus, Map<String, Long> grades) {
    }

    List<DutyRound> dutyReports(ApiUser user) {
        Map<String, Map<String, Long>> byStatus = new LinkedHashMap<>();
        Map<String, Map<String, Long>> grades = new HashMap<>();
        Map<String, DashboardRepository.ReportCount> first = new HashMap<>();
        for (DashboardRepository.ReportCount count : repository.dutyReports(scope(user).ids())) {
            String key = count.year() + "-" + count.half();
            first.putIfAbsent(key, count);
            byStatus.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(count.status(), count.count(), Long::sum);
            Map<String, Long> given = grades.computeIfAbsent(key, k -> new TreeMap<>(GRADE_ORDER));
            if (count.grade() != null) {
                given.merge(count.grade(), count.count(), Long::sum);
            }
        }
        List<DutyRound> rounds = new ArrayList<>();
        byStatus.forEach((key, statuses) -> {
            DashboardRepository.ReportCount round = first.get(key);
            rounds.add(new DutyRound(round.year(), round.half(),
                    round.year() + "年" + ("MID_YEAR".equals(round.half()) ? "年中" : "年末") + "述职",
                    statuses.values().stream().mapToLong(Long::longValue).sum(), statuses, grades.get(key)));
        });
        return rounds;
    }

    /** 好、较好、一般、差 in this order; a grade the table might add later after them, alphabetically. */
    private static final Comparator<String> GRADE_ORDER = Comparator.<String>comparingInt(grade -> {
        int i = List.of("好", "较好", "一般", "差").indexOf(grade);
        return i < 0 ? Integer.MAX_VALUE : i;
    }).thenComparing(Comparator.naturalOrder());

    /** One inspection round: organizations inspected in scope, and the findings by severity and rectification state. */
    record InspectionView(int year, int quarter, String businessKey, String status, String theme, long targets, long inspected,
            long findings, Map<String, Long> bySeverity, long findingsClosed) {
    }

    List<InspectionView> inspections(ApiUser user) {
        String[] ids = scope(user).ids();
        Map<String, List<DashboardRepository.FindingCount>> findings = new HashMap<>();
        repository.findings(ids).forEach(f -> findings.computeIfAbsent(f.year() + "-" + f.quarter(), k -> new ArrayList<>()).add(f));
        List<InspectionView> views = new ArrayList<>();
        for (DashboardRepository.InspectionRow row : repository.inspections(ids)) {
            Map<String, Long> bySeverity = new LinkedHashMap<>();
            long total = 0;
            long closed = 0;
            for (DashboardRepository.FindingCount f : findings.getOrDefault(row.year() + "-" + row.quarter(), List.of())) {
                bySeverity.merge(f.severity(), f.count(), Long::sum);
                total += f.count();
                closed += "CLOSED".equals(f.itemStatus()) ? f.count() : 0;
            }
            views.add(new InspectionView(row.year(), row.quarter(), row.businessKey(), row.status(), row.theme(), row.targets(),
                    row.inspected(), total, bySeverity, closed));
        }
        return views;
    }

    /** The star rating of the latest assessed year (up to {@code year}) in scope, against the city's target. */
    record Stars(Integer year, long organizations, Map<Integer, Long> byStars, double shareThreeStarsOrMore, double target,
            boolean targetMet, List<DashboardRepository.Named> oneStepShort) {
    }

    Stars stars(ApiUser user, Integer year) {
        String[] ids = scope(user).ids();
        List<DashboardRepository.Run> runs = repository.latestRun(year);
        if (runs.isEmpty()) {
            return new Stars(null, 0, Map.of(), 0, 0, false, List.of());
        }
        DashboardRepository.Run run = runs.get(0);
        Map<Integer, Long> counts = repository.stars(run.year(), ids);
        Map<Integer, Long> byStars = new LinkedHashMap<>();
        long total = 0;
        long threeOrMore = 0;
        for (int stars = 1; stars <= 5; stars++) {
            long n = counts.getOrDefault(stars, 0L);
            byStars.put(stars, n);
            total += n;
            threeOrMore += stars >= 3 ? n : 0;
        }
        double share = total == 0 ? 0 : (double) threeOrMore / total;
        return new Stars(run.year(), total, byStars, share, run.target(), total > 0 && share >= run.target(),
                repository.oneStepShort(run.year(), ids, 50));
    }

    /** Where the dashboard's link of an item leads: its oldest open task in Tasklist, else its instance in Cockpit. */
    String taskLink(String processInstanceId) {
        List<String> tasks = repository.openTaskIds(processInstanceId);
        if (!tasks.isEmpty()) {
            return "/camunda/app/tasklist/default/#/?task=" + tasks.get(0);
        }
        return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime";
    }
}
