package org.partybuilding.responsibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code responsibility_list} table: every version of every year's list of each secretary type. */
@Repository
class ResponsibilityListRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ResponsibilityItem>> ITEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ResponsibilityListRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For each type, the current version of the latest year's list up to {@code year} (that year's own, or earlier). */
    List<Stored> currentUpTo(int year) {
        return jdbc.sql("""
                select distinct on (type) year, type, version, items, updated_by, updated_at from responsibility_list
                where year <= ? order by type, year desc, version desc""")
                .param(year).query(ResponsibilityListRepository::stored).list();
    }

    /** The current version number of the year's own list of the type, if it has one. */
    Optional<Integer> currentVersion(int year, String type) {
        return jdbc.sql("select max(version) from responsibility_list where year = ? and type = ?")
                .params(year, type).query(Integer.class).optional();
    }

    /** One version of the year's own list of the type. */
    Optional<Stored> version(int year, String type, int version) {
        return jdbc.sql("""
                select year, type, version, items, updated_by, updated_at from responsibility_list
                where year = ? and type = ? and version = ?""")
                .params(year, type, version).query(ResponsibilityListRepository::stored).optional();
    }

    /** Every version of the year's own list of the type, oldest first. */
    List<Version> versions(int year, String type) {
        return jdbc.sql("""
                select version, updated_by, updated_at, jsonb_array_length(items) as item_count from responsibility_list
                where year = ? and type = ? order by version""")
                .params(year, type)
                .query((rs, n) -> new Version(rs.getInt("version"), rs.getString("updated_by"), instant(rs),
                        rs.getInt("item_count")))
                .list();
    }

    /**
     * Stores a version; nothing when the (year, type, version) is there already: a shipped list for a (year, type)
     * already stored, by this node or another starting at the same moment, or a version another user stored first.
     * True when written.
     */
    boolean store(int year, String type, int version, List<ResponsibilityItem> items, String updatedBy) {
        return jdbc.sql("""
                insert into responsibility_list (year, type, version, items, updated_by) values (?, ?, ?, ?::jsonb, ?)
                on conflict (year, type, version) do nothing""")
                .params(year, type, version, write(items), updatedBy).update() == 1;
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getInt("year"), rs.getString("type"), rs.getInt("version"), read(rs.getString("items")),
                rs.getString("updated_by"), instant(rs));
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("updated_at", OffsetDateTime.class).toInstant();
    }

    private static String write(List<ResponsibilityItem> items) {
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ResponsibilityItem> read(String json) {
        try {
            return JSON.readValue(json, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored responsibility list not readable: " + json, e);
        }
    }

    /** One stored version of a year's list. */
    record Stored(int year, String type, int version, List<ResponsibilityItem> items, String updatedBy, Instant updatedAt) {
    }

    /**
     * One entry of a list's history.
     *
     * @param updatedBy null for the shipped list
     */
    record Version(int version, String updatedBy, Instant updatedAt, int itemCount) {
    }
}
