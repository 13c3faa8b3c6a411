package org.partybuilding.inspection;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.partybuilding.inspection.InspectionRound.RoundStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inspection tables. Runs in the caller's transaction: the engine's when called from a process step. */
@Repository
class InspectionRepository {

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    InspectionRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** @return false when the quarter already has a round */
    boolean insertRound(int year, int quarter, String startedBy, Date at) {
        return jdbc.sql("""
                insert into inspection_round (year, quarter, business_key, status, started_by, started_at) values (?, ?, ?, 'PLANNING', ?, ?)
                on conflict do nothing""")
                .params(year, quarter, InspectionRound.businessKey(year, quarter), startedBy, new Timestamp(at.getTime())).update() == 1;
    }

    void setProcessInstance(int year, int quarter, String processInstanceId) {
        jdbc.sql("update inspection_round set process_instance_id = ? where year = ? and quarter = ?")
                .params(processInstanceId, year, quarter).update();
    }

    void plan(int year, int quarter, ResolvedPlan plan, String plannedBy, Date at) {
        jdbc.sql("""
                update inspection_round set theme = ?, scope_kind = ?, scope_domain = ?, scope_organization_id = ?, sample_size = ?,
                  seed = ?, checklist = ?, inspector_pool = ?, due_date = ?, planned_by = ?, planned_at = ? where year = ? and quarter = ?""")
                .params(plan.theme(), plan.scope().kind().name(), plan.scope().domain(), plan.scope().organizationId(),
                        plan.scope().sampleSize(), plan.scope().seed(), plan.checklist().toArray(String[]::new),
                        plan.inspectorPool() == null ? null : plan.inspectorPool().toArray(String[]::new), plan.dueDate(), plannedBy,
                        new Timestamp(at.getTime()), year, quarter)
                .update();
    }

    void setStatus(int year, int quarter, RoundStatus status) {
        jdbc.sql("update inspection_round set status = ? where year = ? and quarter = ?").params(status.name(), year, quarter).update();
    }

    Optional<InspectionRound> round(int year, int quarter) {
        return jdbc.sql("select * from inspection_round where year = ? and quarter = ?").params(year, quarter)
                .query(InspectionRepository::round).optional();
    }

    Optional<InspectionRound> roundByKey(String businessKey) {
        return jdbc.sql("select * from inspection_round where business_key = ?").param(businessKey)
                .query(InspectionRepository::round).optional();
    }

    /** The targets of a round, written once: a repeated assignment (a retried job) finds them there. */
    void insertTargets(int year, int quarter, List<InspectionPlanner.Assignment> assignments) {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < assignments.size(); i++) {
            rows.add(new Object[] {year, quarter, assignments.get(i).organization().id(), assignments.get(i).inspector().userId(), i});
        }
        jdbcTemplate.batchUpdate("""
                insert into inspection_target (year, quarter, organization_id, inspector_id, position, status) values (?, ?, ?, ?, ?, 'PENDING')
                on conflict do nothing""", rows);
    }

    List<Target> targets(int year, int quarter) {
        return jdbc.sql("select * from inspection_target where year = ? and quarter = ? order by position").params(year, quarter)
                .query(InspectionRepository::target).list();
    }

    Optional<Target> target(int year, int quarter, String organizationId) {
        return jdbc.sql("select * from inspection_target where year = ? and quarter = ? and organization_id = ?")
                .params(year, quarter, organizationId).query(InspectionRepository::target).optional();
    }

    void inspected(int year, int quarter, String organizationId, String summary, Date at) {
        jdbc.sql("update inspection_target set status = 'DONE', summary = ?, inspected_at = ? where year = ? and quarter = ? and organization_id = ?")
                .params(summary, new Timestamp(at.getTime()), year, quarter, organizationId).update();
    }

    void insertFinding(int year, int quarter, String organizationId, FindingLine line, long itemId) {
        jdbc.sql("""
                insert into inspection_finding (year, quarter, organization_id, item_code, description, severity, due_date, rectification_item_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(year, quarter, organizationId, line.itemCode(), line.description(), line.severity().name(), line.dueDate(), itemId)
                .update();
    }

    List<Finding> findings(int year, int quarter) {
        return jdbc.sql("""
                select f.*, i.status as item_status from inspection_finding f join rectification_item i on i.id = f.rectification_item_id
                where f.year = ? and f.quarter = ? order by f.id""")
                .params(year, quarter).query(InspectionRepository::finding).list();
    }

    /** The finding of an item, locked: its closure and its re-inspection's wait are decided one after the other. */
    Optional<Finding> findingForUpdate(long itemId) {
        return jdbc.sql("""
                select f.*, i.status as item_status from inspection_finding f join rectification_item i on i.id = f.rectification_item_id
                where f.rectification_item_id = ? for update of f""")
                .param(itemId).query(InspectionRepository::finding).optional();
    }

    /** The item's ledger status, read by a statement of its own (the join above may show it as it was before a lock wait). */
    String itemStatus(long itemId) {
        return jdbc.sql("select status from rectification_item where id = ?").param(itemId).query(String.class).single();
    }

    /** @return whether the item was an inspection finding */
    boolean closed(long itemId, Date at) {
        return jdbc.sql("update inspection_finding set closed_at = ? where rectification_item_id = ?")
                .params(new Timestamp(at.getTime()), itemId).update() == 1;
    }

    void revisited(long itemId, String outcome, String note, LocalDate newDueDate, String by, Date at) {
        jdbc.sql("""
                update inspection_finding set revisit_outcome = ?, revisit_note = ?, revisited_by = ?, revisited_at = ?, due_date = coalesce(?, due_date)
                where rectification_item_id = ?""")
                .params(outcome, note, by, new Timestamp(at.getTime()), newDueDate, itemId).update();
    }

    void reopened(long itemId) {
        jdbc.sql("update inspection_finding set closed_at = null, reopened = reopened + 1 where rectification_item_id = ?").param(itemId).update();
    }

    void bulletin(int year, int quarter, String number, String remarks, byte[] docx, String by, Date at) {
        jdbc.sql("""
                update inspection_round set bulletin_number = ?, bulletin_remarks = ?, bulletin_docx = ?, bulletin_by = ?, bulletin_at = ?
                where year = ? and quarter = ?""")
                .params(number, remarks, docx, by, new Timestamp(at.getTime()), year, quarter).update();
    }

    Optional<byte[]> bulletinDocument(int year, int quarter) {
        return jdbc.sql("select bulletin_docx from inspection_round where year = ? and quarter = ? and bulletin_docx is not null")
                .params(year, quarter).query(byte[].class).optional();
    }

    /** One inspected organization of a round. */
    record Target(String organizationId, String inspectorId, int position, String status, String summary, OffsetDateTime inspectedAt) {
    }

    /** A finding as stored, with its item's ledger status. */
    record Finding(long id, int year, int quarter, String organizationId, String itemCode, String description, String severity,
            LocalDate dueDate, long itemId, String itemStatus, OffsetDateTime closedAt, String revisitOutcome, String revisitNote,
            String revisitedBy, OffsetDateTime revisitedAt, int reopened) {
    }

    private static InspectionRound round(ResultSet rs, int row) throws SQLException {
        return new InspectionRound(rs.getInt("year"), rs.getInt("quarter"), rs.getString("business_key"),
                rs.getString("process_instance_id"), RoundStatus.valueOf(rs.getString("status")), rs.getString("theme"),
                rs.getString("scope_kind"), rs.getString("scope_domain"), rs.getString("scope_organization_id"),
                (Integer) rs.getObject("sample_size"), (Long) rs.getObject("seed"), strings(rs.getArray("checklist")),
                strings(rs.getArray("inspector_pool")), rs.getObject("due_date", LocalDate.class), rs.getString("planned_by"),
                rs.getObject("planned_at", OffsetDateTime.class), rs.getString("started_by"), rs.getObject("started_at", OffsetDateTime.class),
                rs.getString("bulletin_number"), rs.getObject("bulletin_at", OffsetDateTime.class));
    }

    private static Target target(ResultSet rs, int row) throws SQLException {
        return new Target(rs.getString("organization_id"), rs.getString("inspector_id"), rs.getInt("position"), rs.getString("status"),
                rs.getString("summary"), rs.getObject("inspected_at", OffsetDateTime.class));
    }

    private static Finding finding(ResultSet rs, int row) throws SQLException {
        return new Finding(rs.getLong("id"), rs.getInt("year"), rs.getInt("quarter"), rs.getString("organization_id"),
                rs.getString("item_code"), rs.getString("description"), rs.getString("severity"), rs.getObject("due_date", LocalDate.class),
                rs.getLong("rectification_item_id"), rs.getString("item_status"), rs.getObject("closed_at", OffsetDateTime.class),
                rs.getString("revisit_outcome"), rs.getString("revisit_note"), rs.getString("revisited_by"),
                rs.getObject("revisited_at", OffsetDateTime.class), rs.getInt("reopened"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}
