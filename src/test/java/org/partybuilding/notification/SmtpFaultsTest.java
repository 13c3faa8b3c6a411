package org.partybuilding.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.partybuilding.notification.OutboxTestSupport.inEngineTransaction;
import static org.partybuilding.notification.OutboxTestSupport.row;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.notification.OutboxTestSupport.StoredMail;
import org.partybuilding.notification.ScriptedSmtpServer.Behaviour;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox against an SMTP server that misbehaves (a real server on the test SMTP port, see
 * {@link ScriptedSmtpServer}), as README "Emails" promises: a temporary refusal (4xx) is retried and delivered once; a
 * permanent refusal (5xx) is not retried, the mail is FAILED at once and listed for the organization department; a
 * server that takes the message in but never answers (drops the connection, or answers after 30 s while the client
 * waits 10 s) gets the mail again on the retry, with the same Message-ID (at-least-once; the duplicate is counted).
 */
@IntegrationTest
class SmtpFaultsTest {

    /** The tests' SMTP port (spring.mail.port in application-test.yml). */
    private static final int SMTP_PORT = 3025;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

    private static ScriptedSmtpServer smtp;

    @Autowired MailOutbox outbox;
    @Autowired OutboxSender sender;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private String token;

    @BeforeAll
    static void startServer() throws Exception {
        smtp = new ScriptedSmtpServer(SMTP_PORT);
    }

    @AfterAll
    static void stopServer() throws Exception {
        smtp.close();
    }

    @BeforeEach
    void freshToken() {
        token = OutboxTestSupport.uniqueToken();
    }

    @AfterEach
    void cleanUp() {
        smtp.behave("\u0000", Behaviour.ACCEPT, Duration.ZERO);
        sender.sendDue(); // the sender may have paused on an "unreachable" server: leave it delivering
        jdbc.sql("delete from mail_outbox where dedup_key like ?").param(token + "%").update();
    }

    @Test
    void aTemporaryRefusalIsRetriedAndTheMailDeliveredOnce() {
        smtp.behave(token, Behaviour.TEMPORARY_FAILURE, Duration.ZERO);
        String key = enqueue("temporary");

        StoredMail refused = awaitAttempts(key, 1);
        assertThat(refused.status()).isEqualTo(MailStatus.PENDING);
        assertThat(refused.lastError()).contains("451");

        smtp.behave(token, Behaviour.ACCEPT, Duration.ZERO);
        awaitSent(key);
        assertThat(smtp.received(token)).hasSize(1);
        assertThat(row(jdbc, key).attempts()).isEqualTo(2);
    }

    @Test
    void aPermanentRefusalFailsAtOnceIsNotRetriedAndIsListed() {
        smtp.behave(token, Behaviour.PERMANENT_FAILURE, Duration.ZERO);
        String key = enqueue("permanent");

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sender.sendDue();
            return row(jdbc, key).status() == MailStatus.FAILED;
        });
        StoredMail failed = row(jdbc, key);
        assertThat(failed.attempts()).as("not retried").isEqualTo(1);
        assertThat(failed.lastError()).contains("永久拒收", "550", "不再重试");
        sender.sendDue();
        assertThat(row(jdbc, key).attempts()).isEqualTo(1);
        assertThat(smtp.received(token)).isEmpty();

        Http.Response listed = new Http(port).get("/api/mail-outbox?status=FAILED&limit=1000", "zhao.min");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(key).contains("永久拒收");
    }

    @Test
    void aConnectionDroppedAfterDataSendsTheMailAgainWithTheSameMessageId() {
        smtp.behave(token, Behaviour.DROP_AFTER_DATA, Duration.ZERO);
        String key = enqueue("dropped");
        assertThat(awaitAttempts(key, 1).status()).isEqualTo(MailStatus.PENDING);

        smtp.behave(token, Behaviour.ACCEPT, Duration.ZERO);
        awaitSent(key);
        assertDeliveredTwiceWithOneMessageId();
    }

    @Test
    void aServerThatAnswersAfter30SecondsGetsTheMailAgainWithTheSameMessageId() {
        smtp.behave(token, Behaviour.SLOW_ACCEPT, Duration.ofSeconds(30));
        long start = System.nanoTime();
        String key = enqueue("slow");
        StoredMail timedOut = awaitAttempts(key, 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the client stops waiting (mail.smtp.timeout 10 s)")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(timedOut.status()).isEqualTo(MailStatus.PENDING);
        assertThat(timedOut.lastError()).containsIgnoringCase("timed out");

        smtp.behave(token, Behaviour.ACCEPT, Duration.ZERO);
        awaitSent(key);
        assertDeliveredTwiceWithOneMessageId();
    }

    private void assertDeliveredTwiceWithOneMessageId() {
        List<String> copies = smtp.received(token);
        assertThat(copies).as("at-least-once: the server kept the first copy although the client saw no answer").hasSize(2);
        assertThat(copies.stream().map(SmtpFaultsTest::messageId).distinct().toList()).hasSize(1);
    }

    private static String messageId(String message) {
        Matcher m = MESSAGE_ID.matcher(message);
        assertThat(m.find()).as("Message-ID header in " + message).isTrue();
        return m.group(1);
    }

    private String enqueue(String name) {
        String key = token + ":" + name;
        boolean added = inEngineTransaction(engine, () -> outbox.enqueue(new Mail(key, List.of(token + "@example.org"),
                "【测试】" + name + " " + token, "正文 " + token)));
        assertThat(added).isTrue();
        return key;
    }

    /** Waits (running the sender, as its poll would) until the mail was tried this often. */
    private StoredMail awaitAttempts(String key, int attempts) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> row(jdbc, key).attempts() >= attempts);
        return row(jdbc, key);
    }

    private void awaitSent(String key) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> {
            sender.sendDue();
            return row(jdbc, key).status() == MailStatus.SENT;
        });
    }
}
