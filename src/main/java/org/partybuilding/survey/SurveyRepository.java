package org.partybuilding.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code survey_year}, {@code survey_upload}, {@code survey_result} and {@code survey_rectification} (V14). */
@Repository
class SurveyRepository {

    private static final String UPLOAD_COLUMNS = """
            u.id, u.year, u.sha256, u.file_name, u.format, u.item_names, u.threshold, u.row_count, u.uploaded_by, u.uploaded_at""";
    private static final TypeReference<Map<String, BigDecimal>> SCORES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ObjectMapper json;

    SurveyRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper json) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
    }

    /** Creates the year's row if needed and locks it until the transaction ends: one upload per year at a time. */
    void lockYear(int year) {
        jdbc.sql("insert into survey_year (year) values (?) on conflict do nothing").param(year).update();
        jdbc.sql("select year from survey_year where year = ? for update").param(year).query(Integer.class).single();
    }

    Optional<SurveyUpload> currentUpload(int year) {
        return jdbc.sql("select " + UPLOAD_COLUMNS + " from survey_year y join survey_upload u on u.id = y.current_upload_id where y.year = ?")
                .param(year).query(SurveyRepository::upload).optional();
    }

    long insertUpload(int year, String sha256, String fileName, String format, List<String> itemNames, BigDecimal threshold,
            int rows, String uploadedBy, Date at) {
        long id = jdbc.sql("""
                insert into survey_upload (year, sha256, file_name, format, item_names, threshold, row_count, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(year, sha256, fileName, format, itemNames.toArray(String[]::new), threshold, rows, uploadedBy,
                        new Timestamp(at.getTime()))
                .query(Long.class).single();
        jdbc.sql("update survey_year set current_upload_id = ? where year = ?").params(id, year).update();
        return id;
    }

    /** The items earlier uploads of the year opened, by organization. */
    Map<String, Long> rectifications(int year) {
        Map<String, Long> items = new HashMap<>();
        jdbc.sql("select organization_id, rectification_item_id from survey_rectification where year = ?").param(year)
                .query((rs, n) -> items.put(rs.getString(1), rs.getLong(2))).list();
        return items;
    }

    void insertRectifications(int year, long uploadId, Map<String, Long> items) {
        jdbcTemplate.batchUpdate("""
                insert into survey_rectification (year, organization_id, rectification_item_id, opened_by_upload_id) values (?, ?, ?, ?)""",
                items.entrySet().stream().map(e -> new Object[] {year, e.getKey(), e.getValue(), uploadId}).toList());
    }

    /** The year's results become these (a corrected file replaces the earlier one's), each with its organization's item. */
    void replaceResults(int year, long uploadId, List<SurveyEntry> entries, Map<String, Long> items) {
        jdbc.sql("delete from survey_result where year = ?").param(year).update();
        jdbcTemplate.batchUpdate("""
                insert into survey_result (year, organization_id, upload_id, line, overall_score, item_scores, comment, rectification_item_id)
                values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)""",
                entries.stream().map(e -> new Object[] {year, e.organization().id(), uploadId, e.line(), e.overallScore(),
                        write(e.itemScores()), e.comment(), items.get(e.organization().id())}).toList());
    }

    /** A year's results with their organizations' names and their items' status, in directory order. */
    List<ResultRow> results(int year, List<String> visible) {
        return jdbc.sql("""
                select r.organization_id, o.name, r.overall_score, r.item_scores, r.comment, r.rectification_item_id, i.status
                  from survey_result r
                  join organization o on o.id = r.organization_id
                  left join rectification_item i on i.id = r.rectification_item_id
                 where r.year = :year and (cast(:all as boolean) or r.organization_id = any(:visible))
                 order by o.position, r.organization_id""")
                .param("year", year).param("all", visible == null)
                .param("visible", visible == null ? new String[0] : visible.toArray(String[]::new))
                .query((rs, n) -> new ResultRow(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), read(rs.getString(4)),
                        rs.getString(5), (Long) rs.getObject(6), rs.getString(7)))
                .list();
    }

    /** Overall scores of the year's current results, in directory order. */
    Map<String, BigDecimal> overallScores(int year) {
        Map<String, BigDecimal> scores = new LinkedHashMap<>();
        jdbc.sql("""
                select r.organization_id, r.overall_score from survey_result r join organization o on o.id = r.organization_id
                 where r.year = ? order by o.position, r.organization_id""")
                .param(year).query((rs, n) -> scores.put(rs.getString(1), rs.getBigDecimal(2))).list();
        return scores;
    }

    record ResultRow(String organizationId, String organizationName, BigDecimal overallScore, Map<String, BigDecimal> itemScores,
            String comment, Long rectificationItemId, String rectificationStatus) {
    }

    private String write(Map<String, BigDecimal> scores) {
        try {
            return json.writeValueAsString(scores);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, BigDecimal> read(String scores) {
        try {
            return json.readValue(scores, SCORES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable item scores " + scores, e);
        }
    }

    private static SurveyUpload upload(ResultSet rs, int n) throws SQLException {
        Array items = rs.getArray("item_names");
        return new SurveyUpload(rs.getLong("id"), rs.getInt("year"), rs.getString("sha256"), rs.getString("file_name"),
                rs.getString("format"), Arrays.asList((String[]) items.getArray()), rs.getBigDecimal("threshold"),
                rs.getInt("row_count"), rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class));
    }
}
