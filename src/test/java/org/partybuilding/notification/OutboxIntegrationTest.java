package org.partybuilding.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partybuilding.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the outbox's integration tests share: GreenMail as SMTP, the outbox and its sender, a unique token per test. */
@IntegrationTest
abstract class OutboxIntegrationTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    MailOutbox outbox;
    @Autowired
    OutboxSender sender;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    String token;

    @BeforeEach
    void freshSmtpServer() throws Exception {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        smtp.purgeEmailFromAllMailboxes();
        token = OutboxTestSupport.uniqueToken();
    }

    /** Leaves neither a stopped server nor queued test mail behind for the next test or test class. */
    @AfterEach
    void cleanUp() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        jdbc.sql("delete from mail_outbox where dedup_key like ?").param(token + "%").update();
    }
}
