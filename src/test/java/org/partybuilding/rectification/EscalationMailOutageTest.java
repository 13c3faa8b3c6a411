package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partybuilding.IntegrationTest;
import org.partybuilding.notification.OutboxDelivery;
import org.partybuilding.rectification.RectificationProcess.Elements;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Escalations fire while the SMTP server is down: the process goes on, no mail is lost, none is sent twice. */
@IntegrationTest
class EscalationMailOutageTest {

    static final List<String> TOWN_STAFF = List.of("mao.jianjun@qinghe.example", "qiu.hongmei@qinghe.example");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

    @Autowired RectificationService rectifications;
    @Autowired ManagementService managementService;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;
    @Autowired ProcessTestSupport process;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void escalationMailsWaitForTheSmtpServerAndArriveExactlyOnce() throws Exception {
        smtp.stop();
        String title = "SMTP 中断期间的督办 " + System.nanoTime();
        List<RectificationItem> opened = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            opened.add(rectifications.open(new NewRectification("village-lijia", Source.DUTY_REVIEW, null,
                    title + " #" + i, "", Severity.LOW, process.workingDay(3), null), "mao.jianjun"));
        }
        List<Long> items = opened.stream().map(RectificationItem::id).toList();
        opened.forEach(item -> fireDeadline(item.processInstanceId()));

        for (long id : items) {
            assertThat(rectifications.item(id).status()).isEqualTo(Status.OVERDUE);
            assertThat(statuses(id)).containsExactly("PENDING");
        }
        assertThat(sentCount(items)).isZero();

        smtp.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            OutboxDelivery.sendDue(context); // as the outbox's poll would, once each mail's retry delay has passed
            for (long id : items) {
                assertThat(statuses(id)).containsExactly("SENT");
            }
        });
        OutboxDelivery.sendDue(context);

        for (String address : TOWN_STAFF) {
            List<String> subjects = smtp.findReceivedMessages(u -> address.equals(u.getEmail()), m -> true)
                    .map(EscalationMailOutageTest::subject).filter(s -> s.contains(title)).sorted().toList();
            assertThat(subjects).hasSize(3).doesNotHaveDuplicates();
        }
    }

    private void fireDeadline(String processInstanceId) {
        Job timer = managementService.createJobQuery().processInstanceId(processInstanceId)
                .activityId(Elements.SUBMIT_DEADLINE_TIMER).singleResult();
        ClockUtil.setCurrentTime(timer.getDuedate());
        managementService.executeJob(timer.getId()); // the escalation step runs in the timer's own transaction
    }

    private List<String> statuses(long itemId) {
        return jdbc.sql("select status from mail_outbox where dedup_key like ? order by id")
                .param("rectification-" + itemId + "-submit-escalation-1-%").query(String.class).list();
    }

    private long sentCount(List<Long> items) {
        return items.stream().mapToLong(id -> statuses(id).stream().filter("SENT"::equals).count()).sum();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
