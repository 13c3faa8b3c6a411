package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partybuilding.Application;
import static org.partybuilding.StandaloneApplication.freePort;
import static org.partybuilding.StandaloneApplication.port;
import static org.partybuilding.StandaloneApplication.start;
import org.partybuilding.Http;
import org.partybuilding.workflow.WorkingDays;

/**
 * Two application nodes, two separate JVMs started at the same moment on one PostgreSQL: the start-up work happens once,
 * a webapp session opened on one node is valid on the other (sessions live in the database), and the timers both job
 * executors share fire once, each reminder reaching the SMTP server exactly once. Runs in the pom's
 * {@code standalone-applications} execution.
 */
class TwoNodesTest {

    static final String ADMIN_PASSWORD = "Qinghe-Root-2026!";
    static final int ITEMS = 30;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(freePortUnchecked(), null, ServerSetup.PROTOCOL_SMTP));

    @Test
    void twoNodesOnOneDatabaseStartOnceShareSessionsAndFireEachTimerOnce() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            int portA = freePort();
            int portB = freePort();
            Path logs = Files.createDirectories(Path.of("target", "two-nodes"));
            Process nodeA = node(url, portA, logs.resolve("node-a.log"));
            Process nodeB = node(url, portB, logs.resolve("node-b.log"));
            try {
                awaitReady(portA, nodeA);
                awaitReady(portB, nodeB);
                try (Connection connection = database.getPostgresDatabase().getConnection()) {
                    assertThat(count(connection, "select count(*) from act_id_user where id_ = 'admin'")).isEqualTo(1);
                    assertThat(count(connection, "select count(*) from act_id_user where id_ = 'li.changfu'")).isEqualTo(1);
                    assertThat(count(connection, "select count(*) from mail_outbox where dedup_key like 'account-li.changfu-%'"))
                            .as("one account mail for one user, whichever node imported first").isEqualTo(1);
                    assertThat(count(connection, "select count(*) from act_ru_filter")).isEqualTo(3);
                }

                aSessionOpenedOnOneNodeIsValidOnTheOther(portA, portB);
                eachTimerFiresOnceAndEachMailIsSentOnce(portA);
            } finally {
                stop(nodeA);
                stop(nodeB);
            }
        }
    }

    private void aSessionOpenedOnOneNodeIsValidOnTheOther(int portA, int portB) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA
                + "/camunda/app/tasklist/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("X-XSRF-TOKEN", token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + java.net.URLEncoder.encode(ADMIN_PASSWORD,
                        java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        // the same cookies, sent to the other node: a load balancer without sticky sessions
        HttpResponse<String> onB = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portB
                + "/camunda/api/admin/auth/user/default")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains("\"userId\":\"admin\"");
        HttpResponse<String> filtersOnB = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portB
                + "/camunda/api/engine/engine/default/filter?resourceType=Task&maxResults=10")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(filtersOnB.statusCode()).isEqualTo(200);
        assertThat(filtersOnB.body()).contains("我的待办");
    }

    /** Items due the next working day: their reminders are due at once, and both nodes' job executors want them. */
    private void eachTimerFiresOnceAndEachMailIsSentOnce(int portA) {
        Http http = new Http(portA);
        String due = WorkingDays.ofShippedArrangements().plus(LocalDate.now(ZoneId.of("Asia/Shanghai")), 1).toString();
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            Http.Response opened = http.post("/api/rectifications", "admin", ADMIN_PASSWORD, "{\"organizationId\":\"village-lijia\","
                    + "\"source\":\"OTHER\",\"title\":\"双节点提醒 " + i + "\",\"severity\":\"LOW\",\"dueDate\":\"" + due + "\"}");
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            items.add(opened.json().get("id").asLong());
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> reminders().size() >= ITEMS);
        // a little longer: a second firing or a second delivery would arrive now
        await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
        Map<String, Integer> perSubject = new HashMap<>();
        reminders().forEach(m -> perSubject.merge(subject(m), 1, Integer::sum));
        assertThat(perSubject).hasSize(ITEMS);
        assertThat(perSubject.values()).containsOnly(1);
        for (long id : items) {
            JsonNode item = http.get("/api/rectifications/" + id, "admin", ADMIN_PASSWORD).json();
            long reminded = 0;
            for (JsonNode event : item.get("history")) {
                if (event.get("type").asText().equals("REMINDED")) {
                    reminded++;
                }
            }
            assertThat(reminded).as("item %d", id).isEqualTo(1);
        }
    }

    private static List<MimeMessage> reminders() {
        List<MimeMessage> reminders = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (subject(message).startsWith("【整改提醒】") && subject(message).contains("双节点提醒")) {
                reminders.add(message);
            }
        }
        return reminders;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process node(String databaseUrl, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire's own class path, not its booter jar's
        String classPath = String.join(File.pathSeparator, new java.util.LinkedHashSet<>(List.of(
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator))));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classPath,
                Application.class.getName(),
                "--spring.profiles.active=test", "--server.port=" + port, "--DB_URL=" + databaseUrl, "--DB_USER=postgres",
                "--DB_PASSWORD=", "--ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--camunda.bpm.job-execution.enabled=true",
                "--spring.mail.port=" + smtp.getSmtp().getPort(), "--app.mail.poll-interval=1s",
                "--logging.level.org.partybuilding=info"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady(int port, Process node) {
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(node.isAlive()).as("node on port %d died; see target/two-nodes", port).isTrue();
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    private static void stop(Process node) throws InterruptedException {
        node.destroy();
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }


    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
