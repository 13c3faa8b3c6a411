package org.partybuilding.assessment;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of a year's results written straight into the other capabilities' tables, as they would have written them. */
final class AssessmentTestData {

    /** The city's offset (Asia/Shanghai has no summer time). */
    static final ZoneOffset CITY = ZoneOffset.ofHours(8);

    private final JdbcClient jdbc;

    AssessmentTestData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A year no other test uses: far ahead, below the survey tables' limit of 2999. */
    /**
     * A year no other test of this JVM has used (a random draw could repeat one: a duplicate duty report), ten years
     * from the last one handed out: tests also write data in the year before and after theirs.
     */
    static int unusedYear() {
        return NEXT_UNUSED_YEAR.getAndAdd(10);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_UNUSED_YEAR =
            new java.util.concurrent.atomic.AtomicInteger(2100 + ThreadLocalRandom.current().nextInt(400));

    void dutyReport(int year, String half, String organizationId, String status, Double meanScore, String grade) {
        jdbc.sql("""
                insert into duty_report (year, half, organization_id, business_key, status, reviewer_ids, mean_score, grade, graded_at)
                values (?, ?, ?, ?, ?, '{}', ?, ?, now())""")
                .params(year, half, organizationId, year + "-" + half + "-" + organizationId, status, meanScore, grade).update();
    }

    long item(String organizationId, String source, String severity, LocalDate due, String status, OffsetDateTime createdAt,
            OffsetDateTime closedAt) {
        return jdbc.sql("""
                insert into rectification_item (organization_id, source, source_ref, title, severity, issuing_organization_id,
                                                due_date, status, created_at, closed_at)
                values (?, ?, 'assessment-test', ?, ?, 'city', ?, ?, ?, ?) returning id""")
                .params(organizationId, source, severity + " " + status, severity, due, status, timestamp(createdAt), timestamp(closedAt))
                .query(Long.class).single();
    }

    void event(long itemId, String type, OffsetDateTime at) {
        jdbc.sql("insert into rectification_event (item_id, type, at, actor, detail) values (?, ?, ?, 'zhao.min', 'test')")
                .params(itemId, type, timestamp(at)).update();
    }

    void inspectionFinding(int year, int quarter, String organizationId, String severity, long itemId) {
        jdbc.sql("""
                insert into inspection_round (year, quarter, business_key, status, started_at) values (?, ?, ?, 'DONE', now())
                on conflict do nothing""").params(year, quarter, year + "-Q" + quarter).update();
        jdbc.sql("""
                insert into inspection_target (year, quarter, organization_id, inspector_id, position, status)
                values (?, ?, ?, 'bai.xuefeng', 0, 'DONE') on conflict do nothing""").params(year, quarter, organizationId).update();
        jdbc.sql("""
                insert into inspection_finding (year, quarter, organization_id, item_code, description, severity, due_date, rectification_item_id)
                values (?, ?, ?, 'VILLAGE-01', 'test', ?, ?, ?)""")
                .params(year, quarter, organizationId, severity, LocalDate.of(year, 6, 30), itemId).update();
    }

    void survey(int year, String organizationId, double score) {
        jdbc.sql("insert into survey_year (year) values (?) on conflict do nothing").param(year).update();
        Long upload = jdbc.sql("select current_upload_id from survey_year where year = ?").param(year).query(Long.class).optional().orElse(null);
        if (upload == null) {
            upload = jdbc.sql("""
                    insert into survey_upload (year, sha256, format, item_names, threshold, row_count, uploaded_by, uploaded_at)
                    values (?, ?, 'CSV', '{}', 80, 0, 'zhao.min', now()) returning id""")
                    .params(year, "0".repeat(64)).query(Long.class).single();
            jdbc.sql("update survey_year set current_upload_id = ? where year = ?").params(upload, year).update();
        }
        jdbc.sql("insert into survey_result (year, organization_id, upload_id, line, overall_score) values (?, ?, ?, 2, ?)")
                .params(year, organizationId, upload, score).update();
    }

    void signature(int year, String organizationId, boolean late) {
        LocalDate due = LocalDate.of(year, 2, 27);
        OffsetDateTime signedAt = (late ? due.plusDays(3) : due.minusDays(3)).atTime(10, 0).atOffset(CITY);
        jdbc.sql("""
                insert into list_signature (year, organization_id, secretary_type, list_version, signed_by, signed_at, due_date, late)
                values (?, ?, 'VILLAGE', 1, 'li.changfu', ?, ?, ?)""")
                .params(year, organizationId, timestamp(signedAt), due, late).update();
    }

    static OffsetDateTime at(int year, int month, int day, int hour, int minute) {
        return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, CITY);
    }

    private static Timestamp timestamp(OffsetDateTime at) {
        return at == null ? null : Timestamp.from(Instant.from(at));
    }
}
