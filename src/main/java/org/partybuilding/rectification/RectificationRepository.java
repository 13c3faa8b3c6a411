package org.partybuilding.rectification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger tables. Runs in the caller's transaction: the engine's when called from a process step. */
@Repository
class RectificationRepository {

    private static final String COLUMNS = """
            id, organization_id, source, source_ref, title, description, severity, issuing_organization_id,
            due_date, status, rejections, process_instance_id""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    RectificationRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** New items and their CREATED events, in three statements however many there are; their ids in order. */
    List<Long> insertAll(List<NewItem> items, String createdBy, Date now) {
        List<Long> ids = jdbc.sql("select nextval('rectification_item_id_seq') from generate_series(1, ?)")
                .param(items.size()).query(Long.class).list();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NewRectification item = items.get(i).request();
            rows.add(new Object[] {ids.get(i), item.organizationId(), item.source().name(), item.sourceRef(), item.title(),
                    item.description() == null ? "" : item.description(), item.severity().name(), items.get(i).issuing(),
                    item.dueDate(), Status.OPEN.name(), createdBy, timestamp(now)});
            events.add(new Object[] {ids.get(i), EventType.CREATED.name(), timestamp(now), createdBy, items.get(i).createdDetail()});
        }
        jdbcTemplate.batchUpdate("""
                insert into rectification_item (id, organization_id, source, source_ref, title, description, severity,
                    issuing_organization_id, due_date, status, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        jdbcTemplate.batchUpdate("insert into rectification_event (item_id, type, at, actor, detail) values (?, ?, ?, ?, ?)", events);
        return ids;
    }

    /** Rows of (process instance id, item id). */
    void setProcessInstances(List<Object[]> instances) {
        jdbcTemplate.batchUpdate("update rectification_item set process_instance_id = ? where id = ?", instances);
    }

    record NewItem(NewRectification request, String issuing, String createdDetail) {
    }

    Optional<RectificationItem> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from rectification_item where id = ?").param(id)
                .query(RectificationRepository::item).optional();
    }

    /**
     * The items matching the filter, newest first, each with its organization's name and town (the directory's
     * {@code organization_town} view, V20) in the same statement.
     *
     * @param visibleOrganizationIds the caller's organizations, null for all
     * @param townOrganizationIds    the organizations of the filter's town, null for no town filter
     * @param limit                  at most this many rows
     */
    List<RectificationListItem> search(RectificationFilter filter, LocalDate today, List<String> visibleOrganizationIds,
            List<String> townOrganizationIds, int limit) {
        StringBuilder sql = new StringBuilder("""
                select i.id, i.organization_id, i.source, i.source_ref, i.title, i.description, i.severity,
                       i.issuing_organization_id, i.due_date, i.status, i.rejections, i.process_instance_id,
                       i.created_at, i.closed_at, o.name as organization_name, t.town_id, town.name as town_name
                  from rectification_item i
                  join organization o on o.id = i.organization_id
                  left join organization_town t on t.organization_id = i.organization_id
                  left join organization town on town.id = t.town_id
                 where true""");
        List<Object> params = new ArrayList<>();
        if (filter.organizationId() != null) {
            sql.append(" and i.organization_id = ?");
            params.add(filter.organizationId());
        }
        if (filter.source() != null) {
            sql.append(" and i.source = ?");
            params.add(filter.source().name());
        }
        if (filter.status() != null) {
            sql.append(" and i.status = ?");
            params.add(filter.status().name());
        }
        if (filter.overdue() != null) {
            sql.append(filter.overdue() ? " and i.status not in ('CLOSED', 'CANCELLED') and i.due_date < ?"
                    : " and (i.status in ('CLOSED', 'CANCELLED') or i.due_date >= ?)");
            params.add(today);
        }
        if (filter.domain() != null) {
            sql.append(" and o.domain = ?");
            params.add(filter.domain().name());
        }
        if (townOrganizationIds != null) {
            sql.append(" and i.organization_id = any (?)");
            params.add(townOrganizationIds.toArray(String[]::new));
        }
        if (visibleOrganizationIds != null) {
            sql.append(" and i.organization_id = any (?)");
            params.add(visibleOrganizationIds.toArray(String[]::new));
        }
        sql.append(" order by i.id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new RectificationListItem(item(rs, n),
                rs.getString("organization_name"), rs.getString("town_id"), rs.getString("town_name"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class))).list();
    }

    List<RectificationEvent> history(long id) {
        return jdbc.sql("select type, at, actor, detail from rectification_event where item_id = ? order by id").param(id)
                .query((rs, n) -> new RectificationEvent(EventType.valueOf(rs.getString("type")),
                        rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("detail"), null))
                .list();
    }

    void record(long id, EventType type, String actor, String detail, Date at) {
        jdbc.sql("insert into rectification_event (item_id, type, at, actor, detail) values (?, ?, ?, ?, ?)")
                .params(id, type.name(), timestamp(at), actor, detail).update();
    }

    /** Names of the item's evidence files (V19), oldest first. */
    List<String> evidenceFileNames(long id) {
        return jdbc.sql("select file_name from rectification_evidence where item_id = ? order by id").param(id).query(String.class).list();
    }

    void setStatus(long id, Status status) {
        jdbc.sql("update rectification_item set status = ? where id = ?").params(status.name(), id).update();
    }

    void submitted(long id, String measures, String evidence) {
        jdbc.sql("update rectification_item set status = 'SUBMITTED', measures = ?, evidence = ? where id = ?")
                .params(measures, evidence, id).update();
    }

    void rejected(long id) {
        jdbc.sql("update rectification_item set status = 'REJECTED', rejections = rejections + 1 where id = ?").param(id).update();
    }

    void extended(long id, LocalDate dueDate) {
        jdbc.sql("update rectification_item set due_date = ? where id = ?").params(dueDate, id).update();
    }

    void restarted(long id, LocalDate dueDate) {
        jdbc.sql("update rectification_item set status = 'OPEN', due_date = ? where id = ?").params(dueDate, id).update();
    }

    /** @return false when the item was already cancelled (the engine can report one deletion more than once) */
    boolean cancelled(long id, Date at) {
        return jdbc.sql("update rectification_item set status = 'CANCELLED', closed_at = ? where id = ? and status <> 'CANCELLED'")
                .params(timestamp(at), id).update() == 1;
    }

    Optional<Long> findIdByProcessInstance(String processInstanceId) {
        return jdbc.sql("select id from rectification_item where process_instance_id = ?").param(processInstanceId)
                .query(Long.class).optional();
    }

    /** An administrator's operation, once however many log entries it made. */
    void recordOperation(long id, String operationId, String actor, String detail, Date at) {
        jdbc.sql("""
                insert into rectification_event (item_id, type, at, actor, detail, operation_id) values (?, ?, ?, ?, ?, ?)
                on conflict (item_id, operation_id) where operation_id is not null do nothing""")
                .params(id, EventType.ADMINISTERED.name(), timestamp(at), actor, detail, operationId).update();
    }

    Optional<RectificationItem> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from rectification_item where id = ? for update").param(id).query(RectificationRepository::item).optional();
    }

    void reopened(long id, LocalDate dueDate) {
        jdbc.sql("update rectification_item set status = 'OPEN', due_date = ?, rejections = 0, closed_at = null where id = ?")
                .params(dueDate, id).update();
    }

    void closed(long id, Date at) {
        jdbc.sql("update rectification_item set status = 'CLOSED', closed_at = ? where id = ?").params(timestamp(at), id).update();
    }

    private static OffsetDateTime timestamp(Date date) {
        return date.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static RectificationItem item(ResultSet rs, int row) throws SQLException {
        return new RectificationItem(rs.getLong("id"), rs.getString("organization_id"), Source.valueOf(rs.getString("source")),
                rs.getString("source_ref"), rs.getString("title"), rs.getString("description"),
                Severity.valueOf(rs.getString("severity")), rs.getString("issuing_organization_id"),
                rs.getObject("due_date", LocalDate.class), Status.valueOf(rs.getString("status")),
                rs.getInt("rejections"), rs.getString("process_instance_id"), null);
    }
}
