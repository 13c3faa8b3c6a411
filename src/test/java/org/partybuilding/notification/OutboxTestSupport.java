package org.partybuilding.notification;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the outbox tests share: unique names, the stored rows, the engine's transaction and GreenMail's mailboxes. */
final class OutboxTestSupport {

    private OutboxTestSupport() {
    }

    /** A prefix no other test (or earlier run against the same database) uses, for dedup keys, subjects and addresses. */
    static String uniqueToken() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static Mail mail(String key, String address) {
        return new Mail(key, List.of(address), "测试邮件 " + key, "正文 " + key);
    }

    /** Runs the work the way a delegate runs: inside a command of the engine, in its Spring-managed transaction. */
    static <T> T inEngineTransaction(ProcessEngine engine, Supplier<T> work) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired().execute(commandContext -> work.get());
    }

    static List<StoredMail> rows(JdbcClient jdbc, String dedupKeyPrefix) {
        return jdbc.sql("""
                select id, dedup_key, recipients, status, attempts, sent_at is not null as sent, last_error
                from mail_outbox where dedup_key like ? order by id""")
                .param(dedupKeyPrefix + "%")
                .query((rs, n) -> new StoredMail(rs.getLong("id"), rs.getString("dedup_key"), rs.getString("recipients"),
                        MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getBoolean("sent"),
                        rs.getString("last_error")))
                .list();
    }

    static StoredMail row(JdbcClient jdbc, String dedupKey) {
        return rows(jdbc, dedupKey).stream().filter(r -> r.dedupKey().equals(dedupKey)).findFirst()
                .orElseThrow(() -> new AssertionError("no outbox row " + dedupKey));
    }

    /** The messages in one recipient's mailbox (GreenMail keeps a copy per recipient). */
    static List<MimeMessage> inbox(GreenMailOperations smtp, String address) {
        return smtp.findReceivedMessages(user -> address.equalsIgnoreCase(user.getEmail()), message -> true).toList();
    }

    record StoredMail(long id, String dedupKey, String recipients, MailStatus status, int attempts, boolean sent,
            String lastError) {
    }
}
