package org.partybuilding.annual;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The year's record, the list signatures and the performance talks. Runs in the caller's transaction. */
@Repository
class AnnualCycleRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    AnnualCycleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the year already has its cycle */
    boolean insert(int year, String startedBy, Date at, Map<String, OffsetDateTime> schedule, List<String> reviewers) {
        return jdbc.sql("""
                insert into annual_cycle (year, started_by, started_at, schedule, duty_report_reviewers) values (?, ?, ?, cast(? as jsonb), ?)
                on conflict do nothing""")
                .params(year, startedBy, new Timestamp(at.getTime()), json(schedule), reviewers.toArray(String[]::new)).update() == 1;
    }

    void setProcessInstance(int year, String processInstanceId) {
        jdbc.sql("update annual_cycle set process_instance_id = ? where year = ?").params(processInstanceId, year).update();
    }

    Optional<Cycle> find(int year) {
        return jdbc.sql("select * from annual_cycle where year = ?").param(year).query(AnnualCycleRepository::cycle).optional();
    }

    void conference(int year, LocalDate date, String decisions, String targets, String tenProjects, String by) {
        jdbc.sql("""
                update annual_cycle set conference_date = ?, conference_decisions = ?, conference_targets = ?, ten_projects = ?, conference_by = ?
                where year = ?""").params(date, decisions, targets, tenProjects, by, year).update();
    }

    void listsPublished(int year, long signingRoundId, Date at) {
        jdbc.sql("update annual_cycle set lists_published_at = ?, signing_round_id = ? where year = ?")
                .params(new Timestamp(at.getTime()), signingRoundId, year).update();
    }

    void surveyConfirmed(int year, Date at) {
        jdbc.sql("update annual_cycle set survey_confirmed_at = ? where year = ?").params(new Timestamp(at.getTime()), year).update();
    }

    void assessed(int year, Date at) {
        jdbc.sql("update annual_cycle set assessed_at = ? where year = ?").params(new Timestamp(at.getTime()), year).update();
    }

    void listsConfirmed(int year, String by, String note, Date at) {
        jdbc.sql("update annual_cycle set lists_confirmed_at = ?, lists_confirmed_by = ?, lists_note = ? where year = ?")
                .params(new Timestamp(at.getTime()), by, note, year).update();
    }

    void finished(int year, Date at) {
        jdbc.sql("update annual_cycle set finished_at = ? where year = ?").params(new Timestamp(at.getTime()), year).update();
    }

    void sign(int year, String organizationId, String type, int version, String by, Date at, LocalDate dueDate, boolean late) {
        jdbc.sql("""
                insert into list_signature (year, organization_id, secretary_type, list_version, signed_by, signed_at, due_date, late)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(year, organizationId, type, version, by, new Timestamp(at.getTime()), dueDate, late).update();
    }

    int signatures(int year) {
        return jdbc.sql("select count(*) from list_signature where year = ?").param(year).query(Integer.class).single();
    }

    int lateSignatures(int year) {
        return jdbc.sql("select count(*) from list_signature where year = ? and late").param(year).query(Integer.class).single();
    }

    void talkDue(int year, String organizationId, String kind) {
        jdbc.sql("insert into performance_talk (year, organization_id, kind) values (?, ?, ?) on conflict do nothing")
                .params(year, organizationId, kind).update();
    }

    void talked(int year, String organizationId, LocalDate date, String by, String notes) {
        jdbc.sql("update performance_talk set talked_at = ?, talked_by = ?, notes = ? where year = ? and organization_id = ?")
                .params(date, by, notes, year, organizationId).update();
    }

    List<Talk> talks(int year) {
        return jdbc.sql("select * from performance_talk where year = ? order by kind desc, organization_id").param(year)
                .query((rs, n) -> new Talk(rs.getString("organization_id"), rs.getString("kind"), rs.getObject("talked_at", LocalDate.class),
                        rs.getString("talked_by"), rs.getString("notes"))).list();
    }

    Optional<String> talkKind(int year, String organizationId) {
        return jdbc.sql("select kind from performance_talk where year = ? and organization_id = ?").params(year, organizationId)
                .query(String.class).optional();
    }

    /** The year's row. */
    record Cycle(int year, String processInstanceId, String startedBy, OffsetDateTime startedAt, Map<String, OffsetDateTime> schedule,
            LocalDate conferenceDate, String decisions, String targets, String tenProjects, String conferenceBy,
            OffsetDateTime listsPublishedAt, Long signingRoundId, OffsetDateTime surveyConfirmedAt, OffsetDateTime assessedAt,
            OffsetDateTime listsConfirmedAt, String listsConfirmedBy, String listsNote, OffsetDateTime finishedAt,
            List<String> dutyReportReviewers) {
    }

    /** A performance talk (谈优谈差) and what was said. */
    record Talk(String organizationId, String kind, LocalDate talkedAt, String talkedBy, String notes) {
    }

    private static Cycle cycle(ResultSet rs, int row) throws SQLException {
        return new Cycle(rs.getInt("year"), rs.getString("process_instance_id"), rs.getString("started_by"),
                rs.getObject("started_at", OffsetDateTime.class), schedule(rs.getString("schedule")), rs.getObject("conference_date", LocalDate.class),
                rs.getString("conference_decisions"), rs.getString("conference_targets"), rs.getString("ten_projects"), rs.getString("conference_by"),
                rs.getObject("lists_published_at", OffsetDateTime.class), (Long) rs.getObject("signing_round_id"),
                rs.getObject("survey_confirmed_at", OffsetDateTime.class), rs.getObject("assessed_at", OffsetDateTime.class),
                rs.getObject("lists_confirmed_at", OffsetDateTime.class), rs.getString("lists_confirmed_by"), rs.getString("lists_note"),
                rs.getObject("finished_at", OffsetDateTime.class), List.of((String[]) rs.getArray("duty_report_reviewers").getArray()));
    }

    private static String json(Map<String, OffsetDateTime> schedule) {
        Map<String, String> texts = new LinkedHashMap<>();
        schedule.forEach((key, at) -> texts.put(key, at.toString()));
        try {
            return JSON.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, OffsetDateTime> schedule(String json) {
        try {
            Map<String, String> texts = JSON.readValue(json, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class));
            Map<String, OffsetDateTime> schedule = new LinkedHashMap<>();
            texts.forEach((key, text) -> schedule.put(key, OffsetDateTime.parse(text)));
            return schedule;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
