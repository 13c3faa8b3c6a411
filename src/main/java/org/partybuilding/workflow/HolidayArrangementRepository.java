package org.partybuilding.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code holiday_arrangement} table: one checked arrangement per year, shipped or loaded by the organization department. */
@Repository
class HolidayArrangementRepository {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final JdbcClient jdbc;

    HolidayArrangementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Stored> findAll() {
        return jdbc.sql("select arrangement, shipped, loaded_by, loaded_at from holiday_arrangement order by year")
                .query((rs, n) -> new Stored(read(rs.getString("arrangement")), rs.getBoolean("shipped"),
                        rs.getString("loaded_by"), rs.getObject("loaded_at", OffsetDateTime.class)))
                .list();
    }

    /** Changes with every write and every removed row: what other nodes compare to see that they must reload. */
    String version() {
        return jdbc.sql("select coalesce(max(revision), 0) || ':' || count(*) from holiday_arrangement").query(String.class).single();
    }

    /**
     * Stores a shipped file's arrangement for a year not in the table, or in place of an earlier shipped one that differs
     * (a newer release corrected it); a year the organization department loaded stays as it is. True when written.
     */
    boolean storeShipped(HolidayArrangement arrangement) {
        return jdbc.sql("""
                insert into holiday_arrangement (year, arrangement, source, shipped) values (?, ?::jsonb, ?, true)
                on conflict (year) do update set arrangement = excluded.arrangement, source = excluded.source,
                    loaded_at = now(), revision = nextval('holiday_arrangement_revision')
                where holiday_arrangement.shipped and holiday_arrangement.arrangement <> excluded.arrangement""")
                .params(arrangement.year(), write(arrangement), arrangement.source()).update() == 1;
    }

    /** Adds or replaces a year's arrangement as loaded by a user. */
    void storeUploaded(HolidayArrangement arrangement, String userId) {
        jdbc.sql("""
                insert into holiday_arrangement (year, arrangement, source, shipped, loaded_by) values (?, ?::jsonb, ?, false, ?)
                on conflict (year) do update set arrangement = excluded.arrangement, source = excluded.source, shipped = false,
                    loaded_by = excluded.loaded_by, loaded_at = now(), revision = nextval('holiday_arrangement_revision')""")
                .params(arrangement.year(), write(arrangement), arrangement.source(), userId).update();
    }

    private static String write(HolidayArrangement arrangement) {
        try {
            return JSON.writeValueAsString(arrangement);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HolidayArrangement read(String json) {
        try {
            return JSON.readValue(json, HolidayArrangement.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored holiday arrangement not readable: " + json, e);
        }
    }

    /**
     * One stored year.
     *
     * @param loadedBy the user who loaded it; null for a shipped file
     */
    record Stored(HolidayArrangement arrangement, boolean shipped, String loadedBy, OffsetDateTime loadedAt) {
    }
}
