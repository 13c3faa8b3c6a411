package org.partybuilding.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code process_round} and {@code process_round_member} (V11). */
@Repository
class RoundRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ObjectMapper json;

    RoundRepository(JdbcClient jdbc, JdbcTemplate template, ObjectMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** The new round's id, or empty when a round with this process and key exists. */
    Optional<Long> insert(String processId, String key, String name, RoundScope scope, Map<String, Object> parameters, String startedBy) {
        return jdbc.sql("""
                insert into process_round (process_id, round_key, name, scope, parameters, started_by)
                values (?, ?, ?, ?::jsonb, ?::jsonb, ?) on conflict (process_id, round_key) do nothing returning id""")
                .params(processId, key, name, write(scope), write(parameters), startedBy).query(Long.class).optional();
    }

    Optional<Long> findId(String processId, String key) {
        return jdbc.sql("select id from process_round where process_id = ? and round_key = ?").params(processId, key)
                .query(Long.class).optional();
    }

    void insertMembers(long roundId, List<String> organizationIds, String key) {
        List<Object[]> rows = new java.util.ArrayList<>(organizationIds.size());
        for (int i = 0; i < organizationIds.size(); i++) {
            rows.add(new Object[] {roundId, organizationIds.get(i), i, key + "-" + organizationIds.get(i)});
        }
        template.batchUpdate("""
                insert into process_round_member (round_id, organization_id, position, business_key, status) values (?, ?, ?, ?, 'PENDING')""",
                rows);
    }

    Optional<Round> find(long id) {
        return jdbc.sql("""
                select r.*,
                       (select count(*) from process_round_member m where m.round_id = r.id) as total,
                       (select count(*) from process_round_member m where m.round_id = r.id and m.status = 'STARTED') as started,
                       (select count(*) from process_round_member m where m.round_id = r.id and m.status = 'FAILED') as failed,
                       (select count(*) from process_round_member m where m.round_id = r.id and m.status = 'PENDING') as pending
                from process_round r where r.id = ?""").param(id).query(this::round).optional()
                .map(round -> new Round(round.id(), round.processId(), round.key(), round.name(), round.scope(), round.parameters(),
                        round.startedBy(), round.createdAt(), round.finishedAt(), round.total(), round.started(), round.failed(),
                        round.pending(), failures(id), null, null));
    }

    List<Round> findAll(String processId) {
        return jdbc.sql("select id from process_round where ? is null or process_id = ? order by id desc limit 100")
                .params(processId, processId).query(Long.class).list().stream().map(id -> find(id).orElseThrow()).toList();
    }

    private List<Round.Failure> failures(long roundId) {
        return jdbc.sql("select organization_id, error from process_round_member where round_id = ? and status = 'FAILED' order by position")
                .param(roundId).query((rs, n) -> new Round.Failure(rs.getString(1), rs.getString(2))).list();
    }

    /** Up to {@code limit} members waiting to be started, locked for this transaction; other nodes skip them. */
    List<Member> lockPending(int limit) {
        return jdbc.sql("""
                select m.round_id, m.organization_id, m.business_key from process_round_member m
                where m.status = 'PENDING' order by m.round_id, m.position limit ? for update skip locked""")
                .param(limit).query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Whether a member is still waiting, locked for this transaction. */
    boolean lockIfPending(Member member) {
        return jdbc.sql("""
                select 1 from process_round_member where round_id = ? and organization_id = ? and status = 'PENDING'
                for update skip locked""").params(member.roundId(), member.organizationId()).query(Integer.class).optional().isPresent();
    }

    void started(Member member, String processInstanceId) {
        jdbc.sql("""
                update process_round_member set status = 'STARTED', process_instance_id = ?, error = null, updated_at = now()
                where round_id = ? and organization_id = ?""").params(processInstanceId, member.roundId(), member.organizationId()).update();
    }

    void failed(Member member, String reason) {
        jdbc.sql("""
                update process_round_member set status = 'FAILED', error = ?, updated_at = now()
                where round_id = ? and organization_id = ? and status = 'PENDING'""")
                .params(reason, member.roundId(), member.organizationId()).update();
    }

    void finishRoundsWithNothingPending() {
        jdbc.sql("""
                update process_round r set finished_at = now() where finished_at is null
                and not exists (select 1 from process_round_member m where m.round_id = r.id and m.status = 'PENDING')""").update();
    }

    /** The business keys among these that already have an instance of the process (running or ended). */
    List<String> existingBusinessKeys(String processId, List<String> businessKeys) {
        if (businessKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select business_key_ from act_hi_procinst where proc_def_key_ = ? and business_key_ = any(?)")
                .params(processId, businessKeys.toArray(String[]::new)).query(String.class).list();
    }

    Round roundOf(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("Round " + id + " is missing"));
    }

    private Round round(ResultSet rs, int row) throws SQLException {
        return new Round(rs.getLong("id"), rs.getString("process_id"), rs.getString("round_key"), rs.getString("name"),
                read(rs.getString("scope"), new TypeReference<RoundScope>() { }),
                read(rs.getString("parameters"), new TypeReference<Map<String, Object>>() { }), rs.getString("started_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                rs.getInt("total"), rs.getInt("started"), rs.getInt("failed"), rs.getInt("pending"), List.of(), null, null);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Member(long roundId, String organizationId, String businessKey) {
    }
}
