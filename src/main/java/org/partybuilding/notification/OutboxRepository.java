package org.partybuilding.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_outbox} table. Times come from the database clock, the one every application instance shares. */
@Repository
class OutboxRepository {

    private static final String ENTRY_COLUMNS = """
            id, dedup_key, recipients, subject, status, attempts, created_at, sent_at, next_attempt_at, last_error""";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a PENDING mail, due now; false when the dedup key is already taken. */
    boolean insert(String dedupKey, List<String> recipients, String subject, String body) {
        return jdbc.sql("""
                insert into mail_outbox (dedup_key, recipients, subject, body) values (?, ?, ?, ?)
                on conflict (dedup_key) do nothing""")
                .params(dedupKey, String.join(",", recipients), subject, body).update() == 1;
    }

    /** Stores a mail that cannot be sent as FAILED, with the reason, so a person sees it; false when the key is taken. */
    boolean insertFailed(String dedupKey, List<String> recipients, String subject, String body, String reason) {
        return jdbc.sql("""
                insert into mail_outbox (dedup_key, recipients, subject, body, status, next_attempt_at, last_error)
                values (?, ?, ?, ?, 'FAILED', null, ?)
                on conflict (dedup_key) do nothing""")
                .params(dedupKey, String.join(",", recipients), subject, body, reason).update() == 1;
    }

    /**
     * Adds a PENDING mail to one user's own address in one statement: the address and the name are read from the
     * engine's user table, and nothing is added when the user has no usable address, switched task mails off, or
     * (with a limit) has {@code openTaskLimit} or more tasks assigned (counted on the assignee index, at most the
     * limit's rows). False when nothing was added.
     */
    boolean insertTaskMail(String userId, String dedupKey, String subject, String salutationSuffix, String body,
            Integer openTaskLimit) {
        String limit = openTaskLimit == null ? "" : """
                  and (select count(*) from (select 1 from act_ru_task t where t.assignee_ = u.id_ limit :limit) open)
                      < :limit
                """;
        return jdbc.sql("""
                insert into mail_outbox (dedup_key, recipients, subject, body)
                select :key, u.email_, :subject,
                       coalesce(nullif(trim(coalesce(u.first_, '') || coalesce(u.last_, '')), ''), u.id_) || :salutation || :body
                from act_id_user u
                where u.id_ = :user
                  and u.email_ ~ '^[^@\\s,<>]+@[^@\\s,<>]+$'
                  and not exists (select 1 from mail_preference p where p.user_id = u.id_ and not p.assignment_mails)
                """ + limit + "on conflict (dedup_key) do nothing")
                .param("key", dedupKey).param("subject", subject).param("salutation", salutationSuffix)
                .param("body", body).param("user", userId).param("limit", openTaskLimit == null ? 0 : openTaskLimit)
                .update() == 1;
    }

    OffsetDateTime now() {
        return jdbc.sql("select clock_timestamp()").query(OffsetDateTime.class).single();
    }

    /**
     * Locks the oldest PENDING mail due by the given time for the caller's transaction. Rows another transaction
     * holds are skipped, so concurrent senders never take the same mail.
     */
    Optional<DueMail> claimNextDue(OffsetDateTime dueBy) {
        return jdbc.sql("""
                select id, dedup_key, recipients, subject, body, attempts from mail_outbox
                where status = 'PENDING' and next_attempt_at <= ?
                order by next_attempt_at, id
                limit 1
                for update skip locked""")
                .param(dueBy)
                .query((rs, n) -> new DueMail(rs.getLong("id"), rs.getString("dedup_key"), recipients(rs.getString("recipients")),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
                .optional();
    }

    void markSent(long id) {
        jdbc.sql("""
                update mail_outbox set status = 'SENT', attempts = attempts + 1, sent_at = clock_timestamp(),
                    next_attempt_at = null where id = ?""")
                .param(id).update();
    }

    void markForRetry(long id, int attempts, String error, Duration wait) {
        jdbc.sql("""
                update mail_outbox set attempts = ?, last_error = ?,
                    next_attempt_at = clock_timestamp() + ? * interval '1 millisecond' where id = ?""")
                .params(attempts, error, wait.toMillis(), id).update();
    }

    void markFailed(long id, int attempts, String error) {
        jdbc.sql("update mail_outbox set status = 'FAILED', attempts = ?, last_error = ?, next_attempt_at = null where id = ?")
                .params(attempts, error, id).update();
    }

    /** Puts a FAILED mail back in the queue, due now, with a fresh count of attempts; false if it is not FAILED. */
    boolean requeueFailed(long id) {
        return jdbc.sql("""
                update mail_outbox set status = 'PENDING', attempts = 0, next_attempt_at = now()
                where id = ? and status = 'FAILED'""")
                .param(id).update() == 1;
    }

    /** The newest mail first, of one status or of all. */
    List<OutboxEntry> find(MailStatus status, int limit) {
        if (status == null) {
            return jdbc.sql("select " + ENTRY_COLUMNS + " from mail_outbox order by id desc limit ?")
                    .param(limit).query(OutboxRepository::entry).list();
        }
        return jdbc.sql("select " + ENTRY_COLUMNS + " from mail_outbox where status = ? order by id desc limit ?")
                .params(status.name(), limit).query(OutboxRepository::entry).list();
    }

    Optional<OutboxEntry> findById(long id) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from mail_outbox where id = ?")
                .param(id).query(OutboxRepository::entry).optional();
    }

    /** One query over the partial index of unsent rows: cheap enough for every health check. */
    UnsentCounts countUnsent() {
        return jdbc.sql("""
                select count(*) filter (where status = 'PENDING') as pending,
                       count(*) filter (where status = 'FAILED') as failed
                from mail_outbox where status <> 'SENT'""")
                .query((rs, n) -> new UnsentCounts(rs.getLong("pending"), rs.getLong("failed"))).single();
    }

    private static OutboxEntry entry(ResultSet rs, int rowNum) throws SQLException {
        return new OutboxEntry(rs.getLong("id"), rs.getString("dedup_key"), recipients(rs.getString("recipients")),
                rs.getString("subject"), MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"));
    }

    private static List<String> recipients(String csv) {
        return Arrays.asList(csv.split(","));
    }

    /** A mail the sender has locked for one attempt. */
    record DueMail(long id, String dedupKey, List<String> recipients, String subject, String body, int attempts) {
    }

    record UnsentCounts(long pending, long failed) {
    }
}
