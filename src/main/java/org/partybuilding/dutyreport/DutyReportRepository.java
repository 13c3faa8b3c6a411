package org.partybuilding.dutyreport;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code duty_report}, {@code duty_report_score} and {@code duty_report_event} (V12). */
@Repository
class DutyReportRepository {

    private static final String COLUMNS = """
            r.id, r.year, r.half, r.organization_id, o.name as organization_name, r.status, r.submitted_at, r.returns,
            r.reviewer_ids, r.mean_score, r.grade, r.graded_at, r.process_instance_id, r.business_key""";

    private final JdbcClient jdbc;

    DutyReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(int year, Half half, String organizationId, String businessKey, long roundId, String processInstanceId,
            List<String> reviewerIds) {
        return jdbc.sql("""
                insert into duty_report (year, half, organization_id, business_key, round_id, process_instance_id, status, reviewer_ids)
                values (?, ?, ?, ?, ?, ?, 'WRITING', ?) returning id""")
                .params(year, half.name(), organizationId, businessKey, roundId, processInstanceId, reviewerIds.toArray(String[]::new))
                .query(Long.class).single();
    }

    Optional<DutyReport> findByBusinessKey(String businessKey) {
        return jdbc.sql("select " + COLUMNS + " from duty_report r join organization o on o.id = r.organization_id where r.business_key = ?")
                .param(businessKey).query(DutyReportRepository::report).optional();
    }

    Optional<DutyReport> findByProcessInstance(String processInstanceId) {
        return jdbc.sql("select " + COLUMNS + " from duty_report r join organization o on o.id = r.organization_id where r.process_instance_id = ?")
                .param(processInstanceId).query(DutyReportRepository::report).optional();
    }

    /** @param visible the organizations the caller may see; null: all */
    List<DutyReport> search(Integer year, Half half, String organizationId, List<String> visible, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from duty_report r join organization o on o.id = r.organization_id
                where (cast(:year as int) is null or r.year = :year)
                  and (cast(:half as varchar) is null or r.half = :half)
                  and (cast(:organization as varchar) is null or r.organization_id = :organization)
                  and (cast(:all as boolean) or r.organization_id = any(:visible))
                order by r.year desc, r.half desc, o.position limit :limit""")
                .param("year", year).param("half", half == null ? null : half.name()).param("organization", organizationId)
                .param("all", visible == null).param("visible", visible == null ? new String[0] : visible.toArray(String[]::new))
                .param("limit", limit)
                .query(DutyReportRepository::report).list();
    }

    void submitted(long id, String workDone, String problems, String nextSteps, Date at) {
        jdbc.sql("""
                update duty_report set status = 'REVIEWING', work_done = ?, problems = ?, next_steps = ?, submitted_at = ? where id = ?""")
                .params(workDone, problems, nextSteps, new Timestamp(at.getTime()), id).update();
    }

    void returned(long id) {
        jdbc.sql("update duty_report set status = 'RETURNED', returns = returns + 1 where id = ?").param(id).update();
    }

    void setStatus(long id, ReportStatus status) {
        jdbc.sql("update duty_report set status = ? where id = ?").params(status.name(), id).update();
    }

    void scored(long id, String reviewerId, int score, String comment, String problems, Date at) {
        jdbc.sql("""
                insert into duty_report_score (report_id, reviewer_id, score, comment, problems, scored_at) values (?, ?, ?, ?, ?, ?)
                on conflict (report_id, reviewer_id) do update set score = excluded.score, comment = excluded.comment,
                    problems = excluded.problems, scored_at = excluded.scored_at""")
                .params(id, reviewerId, score, comment, problems, new Timestamp(at.getTime())).update();
    }

    List<Score> scores(long id) {
        return jdbc.sql("select reviewer_id, score, comment, problems from duty_report_score where report_id = ? order by scored_at, reviewer_id")
                .param(id).query((rs, n) -> new Score(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4))).list();
    }

    void graded(long id, BigDecimal mean, String grade, Date at) {
        jdbc.sql("update duty_report set status = 'GRADED', mean_score = ?, grade = ?, graded_at = ? where id = ?")
                .params(mean, grade, new Timestamp(at.getTime()), id).update();
    }

    /** @return false when already cancelled */
    boolean cancelled(String processInstanceId) {
        return jdbc.sql("update duty_report set status = 'CANCELLED' where process_instance_id = ? and status <> 'CANCELLED'")
                .param(processInstanceId).update() == 1;
    }

    void record(long id, String type, String actor, String detail, Date at) {
        jdbc.sql("insert into duty_report_event (report_id, type, actor, detail, at) values (?, ?, ?, ?, ?)")
                .params(id, type, actor, detail, new Timestamp(at.getTime())).update();
    }

    List<Event> events(long id) {
        return jdbc.sql("select type, actor, detail, at from duty_report_event where report_id = ? order by id").param(id)
                .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class))).list();
    }

    private static DutyReport report(ResultSet rs, int row) throws SQLException {
        Array reviewers = rs.getArray("reviewer_ids");
        return new DutyReport(rs.getLong("id"), rs.getInt("year"), Half.valueOf(rs.getString("half")), rs.getString("organization_id"),
                rs.getString("organization_name"), ReportStatus.valueOf(rs.getString("status")),
                rs.getObject("submitted_at", OffsetDateTime.class), rs.getInt("returns"),
                reviewers == null ? List.of() : Arrays.asList((String[]) reviewers.getArray()), rs.getBigDecimal("mean_score"),
                rs.getString("grade"), rs.getObject("graded_at", OffsetDateTime.class), rs.getString("process_instance_id"),
                rs.getString("business_key"));
    }

    record Score(String reviewerId, int score, String comment, String problems) {
    }

    record Event(String type, String actor, String detail, OffsetDateTime at) {
    }
}
