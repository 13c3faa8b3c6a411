package org.partybuilding.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.partybuilding.notification.OutboxTestSupport.inEngineTransaction;
import static org.partybuilding.notification.OutboxTestSupport.inbox;
import static org.partybuilding.notification.OutboxTestSupport.mail;
import static org.partybuilding.notification.OutboxTestSupport.row;
import static org.partybuilding.notification.OutboxTestSupport.rows;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.partybuilding.notification.OutboxTestSupport.StoredMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.FixedDelayTask;

class MailOutboxTest extends OutboxIntegrationTest {

    @Autowired
    ScheduledAnnotationBeanPostProcessor scheduler;

    @Test
    void deliversAMailEnqueuedInACommittedTransactionOnceRightAfterCommit() throws Exception {
        String first = token + ".first@qinghe.example";
        String second = token + ".second@qinghe.example";
        Mail mail = new Mail(token + ":notice", List.of(first, " " + second, first.toUpperCase()),
                "【整改通知】请于 5 日内提交整改报告", "李书记：\n贵支部的整改事项已逾期，请尽快处理。\n—— 中共青禾市委组织部");

        boolean added = inEngineTransaction(engine, () -> outbox.enqueue(mail));

        assertThat(added).isTrue();
        await().atMost(PATIENCE).until(() -> inbox(smtp, first).size() == 1 && inbox(smtp, second).size() == 1);
        StoredMail stored = row(jdbc, token + ":notice");
        MimeMessage received = inbox(smtp, first).get(0);
        assertThat(received.getSubject()).isEqualTo("【整改通知】请于 5 日内提交整改报告");
        assertThat(((String) received.getContent()).replace("\r\n", "\n"))
                .isEqualTo("李书记：\n贵支部的整改事项已逾期，请尽快处理。\n—— 中共青禾市委组织部");
        assertThat(received.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(Arrays.stream(received.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(first, second);
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("1248-noreply@qinghe.example");
        assertThat(received.getMessageID()).isEqualTo("<outbox-" + stored.id() + "@party-building-1248>");
        assertThat(stored.status()).isEqualTo(MailStatus.SENT);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.sent()).isTrue();

        sender.sendDue();

        assertThat(inbox(smtp, first)).hasSize(1);
        assertThat(inbox(smtp, second)).hasSize(1);
    }

    @Test
    void neverSendsAMailEnqueuedInATransactionThatRollsBack() {
        String address = token + "@qinghe.example";

        assertThatThrownBy(() -> inEngineTransaction(engine, () -> {
            outbox.enqueue(mail(token + ":rolled-back", address));
            throw new IllegalStateException("the step fails after queuing its mail");
        })).hasMessageContaining("the step fails");
        sender.sendDue();

        assertThat(rows(jdbc, token)).isEmpty();
        assertThat(inbox(smtp, address)).isEmpty();
    }

    @Test
    void queuesOnlyTheFirstOfTwoMailsWithTheSameDedupKey() {
        String address = token + "@qinghe.example";
        String key = token + ":reminder";

        boolean first = inEngineTransaction(engine, () -> outbox.enqueue(new Mail(key, List.of(address), "第一次提醒", "正文一")));
        boolean second = inEngineTransaction(engine, () -> outbox.enqueue(new Mail(key, List.of(address), "第二次提醒", "正文二")));
        await().atMost(PATIENCE).until(() -> row(jdbc, key).status() == MailStatus.SENT);
        sender.sendDue();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(rows(jdbc, token)).hasSize(1);
        assertThat(inbox(smtp, address)).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("第一次提醒"));
    }

    static Stream<Arguments> mailsWithoutAValidRecipient() {
        return Stream.of(
                Arguments.of("no recipient", List.of(), "没有收件人"),
                Arguments.of("an address without domain", List.of("li.changfu"), "没有有效的收件人：li.changfu"),
                Arguments.of("two addresses in one", List.of("a@qinghe.example, b@qinghe.example"),
                        "没有有效的收件人：a@qinghe.example, b@qinghe.example"),
                Arguments.of("a display name", List.of("李长福 <li.changfu@qinghe.example>"), "没有有效的收件人"));
    }

    @ParameterizedTest(name = "keeps a mail with {0} as FAILED with the reason, without failing the step")
    @MethodSource("mailsWithoutAValidRecipient")
    void keepsAMailWithoutValidRecipientAsFailedWithoutFailingTheStep(String what, List<String> to, String reason) {
        String key = token + ":no-recipient";

        boolean added = inEngineTransaction(engine, () -> outbox.enqueue(new Mail(key, to, "测试", "正文")));
        sender.sendDue();

        assertThat(added).isTrue();
        StoredMail stored = row(jdbc, key);
        assertThat(stored.status()).isEqualTo(MailStatus.FAILED);
        assertThat(stored.lastError()).contains(reason);
        assertThat(stored.sent()).isFalse();
    }

    @Test
    void leavesOutInvalidRecipientsAndSendsToTheOthers() {
        String address = token + "@qinghe.example";

        inEngineTransaction(engine, () -> outbox.enqueue(new Mail(token + ":partly", List.of("li.changfu", address), "测试", "正文")));
        await().atMost(PATIENCE).until(() -> row(jdbc, token + ":partly").status() == MailStatus.SENT);

        assertThat(row(jdbc, token + ":partly").recipients()).isEqualTo(address);
        assertThat(inbox(smtp, address)).hasSize(1);
    }

    @Test
    void turnsLineBreaksAndControlCharactersOfTheSubjectIntoSpacesAndFillsAnEmptyMail() throws Exception {
        String address = token + "@qinghe.example";

        inEngineTransaction(engine, () -> outbox.enqueue(new Mail(token + ":crlf", List.of(address),
                "测试\r\nBcc: x@evil.example\u0007", " ")));
        await().atMost(PATIENCE).until(() -> row(jdbc, token + ":crlf").status() == MailStatus.SENT);

        MimeMessage received = inbox(smtp, address).get(0);
        assertThat(received.getSubject()).isEqualTo("测试 Bcc: x@evil.example");
        assertThat(received.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(received.getContent().toString()).contains("（无正文）");
    }

    @Test
    void rejectsAMailWithoutDedupKey() {
        assertThatThrownBy(() -> outbox.enqueue(new Mail(" ", List.of("ok@qinghe.example"), "测试", "正文")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("邮件去重键 dedupKey 不能为空");
    }

    @Test
    void rollsBackTheWholeStepWhenADelegateQueuesAMailWithABadKey() {
        String address = token + "@qinghe.example";

        assertThatThrownBy(() -> inEngineTransaction(engine, () -> {
            outbox.enqueue(mail(token + ":valid", address));
            return outbox.enqueue(new Mail("x".repeat(201), List.of(address), "测试", "正文"));
        })).isInstanceOf(IllegalArgumentException.class);
        sender.sendDue();

        assertThat(rows(jdbc, token)).isEmpty();
        assertThat(inbox(smtp, address)).isEmpty();
    }

    @Test
    void sendsEachMailOnceWhenSeveralSendersRunAtTheSameTime() {
        List<String> addresses = IntStream.range(0, 12).mapToObj(i -> token + ".n" + i + "@qinghe.example").toList();

        inEngineTransaction(engine, () -> addresses.stream()
                .map(address -> outbox.enqueue(mail(token + ":" + address, address))).toList());
        CompletableFuture.allOf(
                CompletableFuture.runAsync(sender::sendDue),
                CompletableFuture.runAsync(sender::sendDue),
                CompletableFuture.runAsync(sender::sendDue)).join();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(rows(jdbc, token)).extracting(StoredMail::status).hasSize(12).containsOnly(MailStatus.SENT));

        for (String address : addresses) {
            assertThat(inbox(smtp, address)).as(address).hasSize(1);
        }
    }

    @Test
    void keepsEveryMailThroughAnSmtpOutageAndDeliversEachExactlyOnceWhenItIsBack() {
        List<String> addresses = List.of(token + ".a@qinghe.example", token + ".b@qinghe.example", token + ".c@qinghe.example");
        smtp.stop();

        inEngineTransaction(engine, () -> addresses.stream()
                .map(address -> outbox.enqueue(mail(token + ":" + address, address))).toList());
        await().atMost(PATIENCE).untilAsserted(() -> {
            sender.sendDue();
            assertThat(rows(jdbc, token)).hasSize(3).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(MailStatus.PENDING);
                assertThat(r.attempts()).isPositive();
                assertThat(r.lastError()).startsWith("无法连接邮件服务器");
            });
        });

        smtp.start();
        await().atMost(PATIENCE).untilAsserted(() -> {
            sender.sendDue();
            assertThat(rows(jdbc, token)).extracting(StoredMail::status).containsOnly(MailStatus.SENT);
        });
        sender.sendDue();

        for (String address : addresses) {
            assertThat(inbox(smtp, address)).as(address).hasSize(1);
        }
    }

    @Test
    void pollsTheOutboxAtTheConfiguredInterval() {
        assertThat(scheduler.getScheduledTasks()).filteredOn(t -> t.toString().contains("OutboxSender.poll"))
                .singleElement().satisfies(t -> assertThat(((FixedDelayTask) t.getTask()).getIntervalDuration())
                        .isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void stopsARunAtTheFirstConnectionFailureInsteadOfSpendingAnAttemptOfEveryMail() {
        smtp.stop();
        inEngineTransaction(engine, () -> Stream.of("a", "b", "c", "d")
                .map(name -> outbox.enqueue(mail(token + ":" + name, token + "." + name + "@qinghe.example"))).toList());
        await().atMost(PATIENCE).until(() -> totalAttempts() >= 1);
        int before = totalAttempts();

        sender.sendDue();

        assertThat(totalAttempts() - before).isLessThanOrEqualTo(1);
        assertThat(rows(jdbc, token)).extracting(StoredMail::status).containsOnly(MailStatus.PENDING);
    }

    private int totalAttempts() {
        return rows(jdbc, token).stream().mapToInt(StoredMail::attempts).sum();
    }
}
