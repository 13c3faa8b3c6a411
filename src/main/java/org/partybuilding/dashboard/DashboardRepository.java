package org.partybuilding.dashboard;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.rectification.RectificationProcess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's queries. Each is one statement over an indexed table, filtered by the scope's organizations with
 * {@code = any(?)} (or not at all for the whole city), and aggregated in the database: the answer's size grows with
 * the organizations in scope, not with the tasks or items.
 */
@Repository
class DashboardRepository {

    private final JdbcClient jdbc;

    DashboardRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record OrganizationRow(String id, String name, String parentId, String supervisorId, String domain, int position) {
    }

    /** Active organizations of the scope (all of them for the whole city). */
    List<OrganizationRow> organizations(String[] ids) {
        return jdbc.sql("select id, name, parent_id, supervisor_id, domain, position from organization where active"
                        + (ids == null ? "" : " and id = any (?)") + " order by position, id")
                .params(params(ids))
                .query((rs, n) -> new OrganizationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list();
    }

    record Counts(long open, long overdue, long escalated) {
    }

    /** Camunda's runtime tasks by tenant (= the organization whose instance it is); overdue: due before now. */
    Map<String, Counts> tasks(String[] ids, OffsetDateTime now) {
        List<Object> params = new ArrayList<>();
        params.add(Timestamp.from(now.toInstant()));
        params.addAll(params(ids));
        Map<String, Counts> counts = new HashMap<>();
        jdbc.sql("select tenant_id_, count(*), count(*) filter (where due_date_ < ?) from act_ru_task where tenant_id_ "
                        + (ids == null ? "is not null" : "= any (?)") + " group by tenant_id_")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), 0));
                });
        return counts;
    }

    /** Open (not closed, not cancelled) rectification items by organization; overdue: due before today. */
    Map<String, Counts> items(String[] ids, LocalDate today) {
        List<Object> params = new ArrayList<>();
        params.add(today);
        params.addAll(params(ids));
        Map<String, Counts> counts = new HashMap<>();
        jdbc.sql("""
                        select organization_id, count(*), count(*) filter (where due_date < ?),
                            count(*) filter (where exists (select 1 from rectification_event e where e.item_id = i.id and e.type = 'ESCALATED'))
                        from rectification_item i where status not in ('CLOSED', 'CANCELLED')"""
                        + (ids == null ? "" : " and organization_id = any (?)") + " group by organization_id")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return counts;
    }

    /**
     * The latest escalations (一级、二级督办) in scope, newest first: of rectification items and duty reports from their
     * own events, of every other process of the kit (list signing, inspections …) from the kit's record
     * {@code process_escalation}.
     *
     * @param kind       {@code RECTIFICATION}, {@code DUTY_REPORT} or {@code PROCESS} (another process: {@code processId})
     * @param reference  the item's or report's id; null for {@code PROCESS}
     * @param noticeKind what the mail's subject called it (【清单签订督办】: 清单签订); null for items and reports
     */
    record Escalation(String kind, String processId, Long reference, String organizationId, String organizationName, String title,
            OffsetDateTime at, String detail, String processInstanceId, String noticeKind) {
    }

    /**
     * The processes whose escalations are read from their own events, not from the kit's record: written into the
     * statement as literals (constants, never input) so that it matches the partial index
     * {@code process_escalation_other_at_idx} of V23.
     */
    private static final String OTHER_PROCESSES = "x.process_id not in ('" + RectificationProcess.PROCESS_ID + "', '"
            + DutyReportProcess.PROCESS_ID + "')";

    List<Escalation> escalations(String[] ids, int limit) {
        String itemScope = ids == null ? "" : " and i.organization_id = any (?)";
        String reportScope = ids == null ? "" : " and r.organization_id = any (?)";
        String processScope = ids == null ? "" : " and x.organization_id = any (?)";
        List<Object> params = new ArrayList<>();
        params.add(RectificationProcess.PROCESS_ID);
        params.addAll(params(ids));
        params.add(limit);
        params.add(DutyReportProcess.PROCESS_ID);
        params.addAll(params(ids));
        params.add(limit);
        params.addAll(params(ids));
        params.add(limit);
        params.add(limit);
        return jdbc.sql("""
                        (select 'RECTIFICATION' as kind, ?::text as process_id, i.id as reference, i.organization_id, o.name, i.title, e.at,
                                e.detail, i.process_instance_id, null::text as notice_kind
                         from rectification_event e join rectification_item i on i.id = e.item_id join organization o on o.id = i.organization_id
                         where e.type = 'ESCALATED'""" + itemScope + """
                          order by e.at desc, e.id desc limit ?)
                        union all
                        (select 'DUTY_REPORT', ?::text, r.id, r.organization_id, o.name,
                                r.year || '年' || case r.half when 'MID_YEAR' then '年中' else '年末' end || '述职报告', e.at, e.detail,
                                r.process_instance_id, null::text
                         from duty_report_event e join duty_report r on r.id = e.report_id join organization o on o.id = r.organization_id
                         where e.type = 'ESCALATED'""" + reportScope + """
                          order by e.at desc, e.id desc limit ?)
                        union all
                        (select 'PROCESS', x.process_id::text, null::bigint, x.organization_id, o.name, x.title, x.at,
                                x.action || '逾期，' || case x.level when 1 then '一级督办' else '二级督办' end || '，已通知：' || x.addressee
                                    || '（' || array_to_string(x.recipients, ', ') || '）',
                                x.process_instance_id, x.kind::text
                         from process_escalation x join organization o on o.id = x.organization_id"""
                        + " where " + OTHER_PROCESSES + processScope + """
                          order by x.at desc, x.id desc limit ?)
                        order by at desc limit ?""")
                .params(params)
                .query((rs, n) -> new Escalation(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getString(9),
                        rs.getString(10)))
                .list();
    }

    /** Duty reports by round (year, half), status and grade. */
    record ReportCount(int year, String half, String status, String grade, long count) {
    }

    List<ReportCount> dutyReports(String[] ids) {
        return jdbc.sql("select year, half, status, grade, count(*) from duty_report where true"
                        + (ids == null ? "" : " and organization_id = any (?)")
                        + " group by year, half, status, grade order by year desc, half desc")
                .params(params(ids))
                .query((rs, n) -> new ReportCount(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .list();
    }

    record InspectionRow(int year, int quarter, String businessKey, String status, String theme, long targets, long inspected) {
    }

    /** Inspection rounds with their targets in scope (rounds without any are left out for a supervisor). */
    List<InspectionRow> inspections(String[] ids) {
        List<Object> params = new ArrayList<>(params(ids));
        return jdbc.sql("""
                        select r.year, r.quarter, r.business_key, r.status, r.theme, count(t.organization_id),
                               count(t.organization_id) filter (where t.status = 'DONE')
                        from inspection_round r left join inspection_target t on t.year = r.year and t.quarter = r.quarter"""
                        + (ids == null ? "" : " and t.organization_id = any (?)")
                        + " group by r.year, r.quarter, r.business_key, r.status, r.theme"
                        + (ids == null ? "" : " having count(t.organization_id) > 0") + " order by r.year desc, r.quarter desc")
                .params(params)
                .query((rs, n) -> new InspectionRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getLong(7)))
                .list();
    }

    /** Findings by round, severity and the state of their rectification item. */
    record FindingCount(int year, int quarter, String severity, String itemStatus, long count) {
    }

    List<FindingCount> findings(String[] ids) {
        return jdbc.sql("""
                        select f.year, f.quarter, f.severity, i.status, count(*)
                        from inspection_finding f join rectification_item i on i.id = f.rectification_item_id where true"""
                        + (ids == null ? "" : " and f.organization_id = any (?)")
                        + " group by f.year, f.quarter, f.severity, i.status")
                .params(params(ids))
                .query((rs, n) -> new FindingCount(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .list();
    }

    /** The latest assessed year up to {@code year}, if any, and the city's three-star target that run used. */
    record Run(int year, double target) {
    }

    List<Run> latestRun(Integer year) {
        return jdbc.sql("select year, target from assessment_run" + (year == null ? "" : " where year <= ?")
                        + " order by year desc limit 1")
                .params(year == null ? List.of() : List.of(year))
                .query((rs, n) -> new Run(rs.getInt(1), rs.getDouble(2)))
                .list();
    }

    Map<Integer, Long> stars(int year, String[] ids) {
        List<Object> params = new ArrayList<>();
        params.add(year);
        params.addAll(params(ids));
        Map<Integer, Long> counts = new HashMap<>();
        jdbc.sql("select stars, count(*) from assessment_result where year = ?"
                        + (ids == null ? "" : " and organization_id = any (?)") + " group by stars")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getInt(1), rs.getLong(2));
                });
        return counts;
    }

    record Named(String organizationId, String organizationName, double cupScore) {
    }

    /** Two-star organizations, closest to three first. */
    List<Named> oneStepShort(int year, String[] ids, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(year);
        params.addAll(params(ids));
        params.add(limit);
        return jdbc.sql("select organization_id, organization_name, cup_score from assessment_result where year = ? and stars = 2"
                        + (ids == null ? "" : " and organization_id = any (?)") + " order by cup_score desc, organization_id limit ?")
                .params(params)
                .query((rs, n) -> new Named(rs.getString(1), rs.getString(2), rs.getDouble(3)))
                .list();
    }

    /** The task of this process instance that the dashboard links to: the oldest open one. */
    List<String> openTaskIds(String processInstanceId) {
        return jdbc.sql("select id_ from act_ru_task where proc_inst_id_ = ? order by create_time_, id_")
                .param(processInstanceId).query(String.class).list();
    }

    private static List<Object> params(String[] ids) {
        return ids == null ? List.of() : List.of((Object) ids);
    }
}
