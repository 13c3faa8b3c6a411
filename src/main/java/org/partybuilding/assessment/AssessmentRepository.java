package org.partybuilding.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the year's duty reports (V12), rectification items and their history (V3), inspection findings (V15) and list
 * signatures (V16); writes {@code assessment_run} and {@code assessment_result} (V17).
 */
@Repository
class AssessmentRepository {

    /** First key of the year's advisory lock (the second is the year): one assessment of a year at a time, on any node. */
    private static final int LOCK_KEY = 1248_17;

    private static final String RESULT_COLUMNS = """
            year, organization_id, organization_name, secretary_name, position, duty_report_score, rectification_score,
            survey_score, list_score, duty_report_weight, rectification_weight, survey_weight, list_weight, cup_score, stars,
            rank, accountability_items, breakdown""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper json;

    AssessmentRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    record DutyReportRow(String organizationId, String half, BigDecimal meanScore, String grade) {
    }

    record ItemRow(long id, String organizationId, String source, String title, String severity, LocalDate dueDate, String status,
            OffsetDateTime closedAt, boolean accountabilityEvent) {
    }

    record SignatureRow(String organizationId, OffsetDateTime signedAt, LocalDate dueDate, boolean late) {
    }

    void lockYear(int year) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(LOCK_KEY, year).query().singleRow();
    }

    List<DutyReportRow> gradedDutyReports(int year) {
        return jdbc.sql("""
                select organization_id, half, mean_score, grade from duty_report
                 where year = ? and status = 'GRADED' and mean_score is not null order by organization_id, half""")
                .param(year).query(DutyReportRow.class).list();
    }

    /** Items created in [from, to), cancelled ones left out, each with whether its history has an ACCOUNTABILITY line. */
    List<ItemRow> rectificationItems(Instant from, Instant to) {
        return jdbc.sql("""
                select i.id, i.organization_id, i.source, i.title, i.severity, i.due_date, i.status, i.closed_at,
                       exists (select 1 from rectification_event e where e.item_id = i.id and e.type = 'ACCOUNTABILITY') as accountability_event
                  from rectification_item i
                 where i.created_at >= ? and i.created_at < ? and i.status <> 'CANCELLED'
                 order by i.organization_id, i.id""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new ItemRow(rs.getLong("id"), rs.getString("organization_id"), rs.getString("source"),
                        rs.getString("title"), rs.getString("severity"), rs.getObject("due_date", LocalDate.class),
                        rs.getString("status"), rs.getObject("closed_at", OffsetDateTime.class), rs.getBoolean("accountability_event")))
                .list();
    }

    /** The year's inspection findings: organization → severity → count. */
    Map<String, Map<String, Integer>> inspectionFindings(int year) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        jdbc.sql("select organization_id, severity, count(*) from inspection_finding where year = ? group by organization_id, severity")
                .param(year)
                .query((rs, n) -> counts.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getString(2), rs.getInt(3)))
                .list();
        return counts;
    }

    Map<String, SignatureRow> signatures(int year) {
        Map<String, SignatureRow> signatures = new HashMap<>();
        jdbc.sql("select organization_id, signed_at, due_date, late from list_signature where year = ?").param(year)
                .query((rs, n) -> signatures.put(rs.getString(1), new SignatureRow(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class), rs.getObject(3, LocalDate.class), rs.getBoolean(4))))
                .list();
        return signatures;
    }

    /** Replaces the year's run and results. */
    void replace(AssessmentRun run, Map<ScoreComponent, BigDecimal> configuredWeights, List<AssessmentResult> results) {
        jdbc.sql("delete from assessment_result where year = ?").param(run.year()).update();
        jdbc.sql("delete from assessment_run where year = ?").param(run.year()).update();
        jdbc.sql("""
                insert into assessment_run (year, assessed_at, organizations, three_stars_or_more, share_three_stars, target,
                                            target_met, weights, talks)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")
                .params(run.year(), Timestamp.from(run.assessedAt().toInstant()), run.organizations(), run.threeStarsOrMore(),
                        run.shareThreeStars(), run.target(), run.targetMet(), write(configuredWeights), run.talks())
                .update();
        jdbcTemplate.batchUpdate("insert into assessment_result (" + RESULT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))",
                results.stream().map(r -> new Object[] {r.year(), r.organizationId(), r.organizationName(), r.secretaryName(),
                        r.position(), r.scores().dutyReport(), r.scores().rectification(), r.scores().survey(), r.scores().list(),
                        r.weights().dutyReport(), r.weights().rectification(), r.weights().survey(), r.weights().list(),
                        r.cupScore(), r.stars(), r.rank(), r.accountabilityItems(), write(r.breakdown())}).toList());
    }

    Optional<AssessmentRun> findRun(int year) {
        return jdbc.sql("""
                select year, assessed_at, organizations, three_stars_or_more, share_three_stars, target, target_met, talks
                  from assessment_run where year = ?""")
                .param(year).query(AssessmentRun.class).optional();
    }

    /** The year's results in rank order (directory order within a rank). */
    List<AssessmentResult> findResults(int year) {
        return jdbc.sql("select " + RESULT_COLUMNS + " from assessment_result where year = ? order by rank, position")
                .param(year).query(this::result).list();
    }

    /** The year's results of these organizations (all when null), in rank order. */
    List<AssessmentResult> findResults(int year, List<String> organizationIds) {
        if (organizationIds == null) {
            return findResults(year);
        }
        return jdbc.sql("select " + RESULT_COLUMNS + " from assessment_result where year = ? and organization_id = any(?) order by rank, position")
                .params(year, organizationIds.toArray(String[]::new)).query(this::result).list();
    }

    /** A result with its organization's town (所属镇街, the directory's {@code organization_town} view, V20). */
    record ResultInTown(AssessmentResult result, String townId, String townName) {
    }

    /**
     * The year's results in rank order with their towns, in one statement.
     *
     * @param organizationIds the organizations asked for (visible and in the filter's town), null for all
     * @param domain          the domain of the organizations (its name), null for any
     */
    List<ResultInTown> findResultsInTowns(int year, List<String> organizationIds, String domain) {
        StringBuilder sql = new StringBuilder("""
                select r.year, r.organization_id, r.organization_name, r.secretary_name, r.position, r.duty_report_score,
                       r.rectification_score, r.survey_score, r.list_score, r.duty_report_weight, r.rectification_weight,
                       r.survey_weight, r.list_weight, r.cup_score, r.stars, r.rank, r.accountability_items, r.breakdown,
                       t.town_id, town.name as town_name
                  from assessment_result r
                  left join organization o on o.id = r.organization_id
                  left join organization_town t on t.organization_id = r.organization_id
                  left join organization town on town.id = t.town_id
                 where r.year = ?""");
        List<Object> params = new ArrayList<>(List.of(year));
        if (organizationIds != null) {
            sql.append(" and r.organization_id = any (?)");
            params.add(organizationIds.toArray(String[]::new));
        }
        if (domain != null) {
            sql.append(" and o.domain = ?");
            params.add(domain);
        }
        sql.append(" order by r.rank, r.position");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new ResultInTown(result(rs, n), rs.getString("town_id"), rs.getString("town_name"))).list();
    }

    Optional<AssessmentResult> findResult(int year, String organizationId) {
        return jdbc.sql("select " + RESULT_COLUMNS + " from assessment_result where year = ? and organization_id = ?")
                .params(year, organizationId).query(this::result).optional();
    }

    private AssessmentResult result(ResultSet rs, int row) throws SQLException {
        return new AssessmentResult(rs.getInt("year"), rs.getString("organization_id"), rs.getString("organization_name"),
                rs.getString("secretary_name"), rs.getInt("position"),
                new Components(rs.getBigDecimal("duty_report_score"), rs.getBigDecimal("rectification_score"),
                        rs.getBigDecimal("survey_score"), rs.getBigDecimal("list_score")),
                new Components(rs.getBigDecimal("duty_report_weight"), rs.getBigDecimal("rectification_weight"),
                        rs.getBigDecimal("survey_weight"), rs.getBigDecimal("list_weight")),
                rs.getBigDecimal("cup_score"), rs.getInt("stars"), rs.getInt("rank"), rs.getInt("accountability_items"),
                read(rs.getString("breakdown")));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private Breakdown read(String breakdown) {
        try {
            return json.readValue(breakdown, Breakdown.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored breakdown is not readable", e);
        }
    }
}
