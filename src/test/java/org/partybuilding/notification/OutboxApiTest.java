package org.partybuilding.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.partybuilding.notification.OutboxTestSupport.inEngineTransaction;
import static org.partybuilding.notification.OutboxTestSupport.inbox;
import static org.partybuilding.notification.OutboxTestSupport.mail;
import static org.partybuilding.notification.OutboxTestSupport.row;

import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.partybuilding.system.ApiError;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The organization department's view of the outbox over real HTTP, and the health contributor. */
class OutboxApiTest extends OutboxIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    HealthContributorRegistry health;

    @Test
    void listsAMailThatKeepsFailingAsFailedAndSendsItWhenTheOrganizationDepartmentRetriesIt() {
        String key = token + ":failing";
        String address = token + "@qinghe.example";
        smtp.stop();
        inEngineTransaction(engine, () -> outbox.enqueue(mail(key, address)));
        await().atMost(PATIENCE).untilAsserted(() -> {
            sender.sendDue();
            assertThat(row(jdbc, key).status()).isEqualTo(MailStatus.FAILED);
        });

        ResponseEntity<OutboxEntry[]> failed = admin().getForEntity("/api/mail-outbox?status=FAILED&limit=1000", OutboxEntry[].class);

        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(failed.getBody()).filteredOn(e -> e.dedupKey().equals(key)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(MailStatus.FAILED);
            assertThat(e.recipients()).containsExactly(address);
            assertThat(e.subject()).isEqualTo("测试邮件 " + key);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.lastError()).startsWith("无法连接邮件服务器");
            assertThat(e.createdAt()).isNotNull();
            assertThat(e.sentAt()).isNull();
            assertThat(e.nextAttemptAt()).isNull();
        });
        assertThat(failed.getBody()).allSatisfy(e -> assertThat(e.status()).isEqualTo(MailStatus.FAILED));

        smtp.start();
        long id = row(jdbc, key).id();
        ResponseEntity<OutboxEntry> retried = admin().postForEntity("/api/mail-outbox/" + id + "/retry", null, OutboxEntry.class);

        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().status()).isEqualTo(MailStatus.PENDING);
        assertThat(retried.getBody().attempts()).isZero();
        await().atMost(PATIENCE).until(() -> inbox(smtp, address).size() == 1);
        await().atMost(PATIENCE).until(() -> row(jdbc, key).status() == MailStatus.SENT);
        assertThat(row(jdbc, key).attempts()).isEqualTo(1);
    }

    @Test
    void refusesTheOutboxToASecretaryOutsideTheOrganizationDepartment() {
        ResponseEntity<ApiError> list = secretary().getForEntity("/api/mail-outbox?status=FAILED", ApiError.class);
        ResponseEntity<ApiError> retry = secretary().postForEntity("/api/mail-outbox/1/retry", null, ApiError.class);

        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(list.getBody().message()).isEqualTo("只有组织部可以查看和重发发件箱中的邮件");
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void answersNotFoundForAnUnknownMailAndConflictForOneThatHasNotFailed() {
        String key = token + ":sent";
        inEngineTransaction(engine, () -> outbox.enqueue(mail(key, token + "@qinghe.example")));
        await().atMost(PATIENCE).until(() -> row(jdbc, key).status() == MailStatus.SENT);

        ResponseEntity<ApiError> unknown = admin().postForEntity("/api/mail-outbox/" + Long.MAX_VALUE + "/retry", null, ApiError.class);
        ResponseEntity<ApiError> notFailed = admin().postForEntity("/api/mail-outbox/" + row(jdbc, key).id() + "/retry", null,
                ApiError.class);

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().message()).isEqualTo("邮件 " + Long.MAX_VALUE + " 不存在");
        assertThat(notFailed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(notFailed.getBody().message()).contains("已发送", "只有发送失败的邮件可以重新发送");
        assertThat(row(jdbc, key).status()).isEqualTo(MailStatus.SENT);
    }

    @Test
    void rejectsAnUnknownStatusWithAChineseMessage() {
        ResponseEntity<ApiError> answer = admin().getForEntity("/api/mail-outbox?status=LOST", ApiError.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().message()).contains("参数 status 的值 “LOST” 无效", "FAILED");
    }

    @Test
    void reportsPendingAndFailedCountsAndStaysUpWhileTheSmtpServerIsDown() {
        smtp.stop();
        String key = token + ":waiting";
        inEngineTransaction(engine, () -> outbox.enqueue(mail(key, token + "@qinghe.example")));

        Health mailOutbox = ((HealthIndicator) health.getContributor("mailOutbox")).health();

        assertThat(mailOutbox.getStatus()).isEqualTo(Status.UP);
        assertThat(mailOutbox.getDetails()).containsOnlyKeys("pending", "failed");
        assertThat((Long) mailOutbox.getDetails().get("pending")).isPositive();
        assertThat(row(jdbc, key).status()).isEqualTo(MailStatus.PENDING);
    }

    @Test
    void keepsTheCountsOutOfThePublicHealthEndpoint() {
        ResponseEntity<String> answer = http.getForEntity("/actuator/health", String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("\"UP\"").doesNotContain("mailOutbox", "pending");
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth("admin", "admin");
    }

    private TestRestTemplate secretary() {
        return http.withBasicAuth("li.changfu", "demo");
    }
}
