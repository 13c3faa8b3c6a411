package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.camunda.bpm.model.bpmn.Bpmn;
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
import static org.partybuilding.StandaloneApplication.freePort;
import static org.partybuilding.StandaloneApplication.port;
import static org.partybuilding.StandaloneApplication.start;
import org.partybuilding.Http;
import org.partybuilding.StandaloneApplication;
import org.partybuilding.workflow.WorkingDays;

/**
 * Two application nodes, two separate JVMs started at the same moment on one PostgreSQL: the start-up work happens once,
 * a webapp session opened on one node is valid on the other (sessions live in the database), the timers both job
 * executors share fire once, each reminder reaching the SMTP server exactly once, while both nodes import the directory
 * at the same moment; a submission sent to both nodes at once completes its task once and tells the other request so;
 * tasks meeting at a join on different nodes both succeed. Runs in the pom's {@code standalone-applications} execution.
 */
class TwoNodesTest {

    static final String ADMIN_PASSWORD = "Qinghe-Root-2026!";
    static final int ITEMS = 30;
    private static String databaseUrl;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(freePortUnchecked(), null, ServerSetup.PROTOCOL_SMTP));

    @Test
    void twoNodesOnOneDatabaseStartOnceShareSessionsFireEachTimerOnceImportAndCompleteTogether() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            databaseUrl = url;
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
                eachTimerFiresOnceAndEachMailIsSentOnceWhileBothNodesImportTheDirectory(portA, portB, database);
                aTaskCompletedOnBothNodesAtOnceIsDoneOnceAndNobodyGetsA500(portA, portB);
                tasksOfOneInstanceCompletedOnBothNodesAtOnceBothSucceed(portA, portB);
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

    /**
     * Items due the next working day: their reminders are due at once, and both nodes' job executors want them; both
     * outboxes drain; meanwhile both nodes import a changed directory at the same moment, three times over.
     */
    private void eachTimerFiresOnceAndEachMailIsSentOnceWhileBothNodesImportTheDirectory(int portA, int portB,
            EmbeddedPostgres database) throws Exception {
        Http http = new Http(portA);
        String due = WorkingDays.ofShippedArrangements().plus(LocalDate.now(ZoneId.of("Asia/Shanghai")), 1).toString();
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            Http.Response opened = http.post("/api/rectifications", "admin", ADMIN_PASSWORD, "{\"organizationId\":\"village-lijia\","
                    + "\"source\":\"OTHER\",\"title\":\"双节点提醒 " + i + "\",\"severity\":\"LOW\",\"dueDate\":\"" + due + "\"}");
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            items.add(opened.json().get("id").asLong());
        }
        bothNodesImportTheDirectoryAtOnce(portA, portB, database);
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

    /** The demo directory with one more village and its secretary, sent to both nodes at the same moment. */
    private void bothNodesImportTheDirectoryAtOnce(int portA, int portB, EmbeddedPostgres database) throws Exception {
        String demo;
        try (InputStream in = TwoNodesTest.class.getClassLoader().getResourceAsStream("directory/demo-directory.yml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = demo.replace("  - id: village-wangzhuang\n", """
                  - id: village-shuangjie
                    name: 中共青禾市河西镇双节村支部委员会
                    domain: VILLAGE
                    secretaryType: VILLAGE
                    parentId: town-hexi
                    email: village-shuangjie@qinghe.example
                    secretary:
                      userId: shuang.jie
                      name: 双杰
                      email: shuang.jie@qinghe.example
                      phone: "13800009999"
                  - id: village-wangzhuang
                """);
        assertThat(changed).contains("village-shuangjie");
        List<Http> nodes = List.of(new Http(portA), new Http(portB));
        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Http.Response answer : atOnce(nodes.stream().<Supplier<Http.Response>>map(node -> () -> node.upload("/api/directory",
                    "admin", ADMIN_PASSWORD, "file", "directory.yml", changed.getBytes(StandardCharsets.UTF_8))).toList())) {
                statuses.add(answer.status());
                bodies.add(answer.body());
            }
        }
        assertThat(statuses).as(String.join("\n", bodies)).hasSize(6).containsOnly(200);
        try (Connection connection = database.getPostgresDatabase().getConnection()) {
            assertThat(count(connection, "select count(*) from organization where id = 'village-shuangjie'")).isEqualTo(1);
            assertThat(count(connection, "select count(*) from act_id_user where id_ = 'shuang.jie'")).isEqualTo(1);
            assertThat(count(connection, "select count(*) from act_id_tenant where id_ = 'village-shuangjie'")).isEqualTo(1);
            assertThat(count(connection, "select count(*) from act_id_tenant_member where user_id_ = 'shuang.jie'"))
                    .as("her own organization's tenant, once").isEqualTo(1);
            assertThat(count(connection, "select count(*) from mail_outbox where dedup_key like 'account-shuang.jie-%'"))
                    .as("one account mail for the new secretary, though six imports saw her").isEqualTo(1);
            assertThat(count(connection, "select count(*) from organization")).isEqualTo(count(connection,
                    "select count(*) from act_id_tenant"));
        }
        for (Http node : nodes) {
            Http.Response organization = node.get("/api/organizations/village-shuangjie", "admin", ADMIN_PASSWORD);
            assertThat(organization.status()).as(organization.body()).isEqualTo(200);
            assertThat(organization.json().get("parentId").asText()).isEqualTo("town-hexi");
        }
    }

    /**
     * The same submission sent to both nodes at the same moment, as a double click behind a load balancer would: the
     * task is completed once; the other request is told so in Chinese (a 4xx), nobody gets a 500.
     */
    private void aTaskCompletedOnBothNodesAtOnceIsDoneOnceAndNobodyGetsA500(int portA, int portB) throws Exception {
        Http a = new Http(portA);
        Http b = new Http(portB);
        String password = MailedPasswords.changeInitialPassword(smtp::getReceivedMessages, a, "li.changfu");
        JsonNode tasks = a.get("/engine-rest/task?assignee=li.changfu&name=" + java.net.URLEncoder.encode("填报整改情况",
                StandardCharsets.UTF_8) + "&maxResults=" + ITEMS, "li.changfu", password).json();
        assertThat(tasks.size()).isEqualTo(ITEMS);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> refusals = new ArrayList<>();
        for (JsonNode task : tasks) {
            String submit = "/engine-rest/task/" + task.get("id").asText() + "/submit-form";
            String body = "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"会议记录照片\"}}}";
            int done = 0;
            for (Http.Response answer : atOnce(List.of(() -> a.post(submit, "li.changfu", password, body),
                    () -> b.post(submit, "li.changfu", password, body)))) {
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 204) {
                    done++;
                } else {
                    refusals.add(answer.status() + " " + answer.body());
                }
            }
            assertThat(done).as("task %s: completed by exactly one of the two requests; %s", task.get("id"), refusals).isEqualTo(1);
        }
        System.out.printf("TwoNodesTest: %d tasks submitted on both nodes at once: %s%n", ITEMS, statuses);
        assertThat(statuses.keySet()).as(String.join("\n", refusals)).allMatch(status -> status == 204 || (status >= 400 && status < 500));
        for (String refusal : refusals) {
            assertThat(refusal).as("a refusal the user can read").containsPattern("\\p{IsHan}");
        }
        try (Connection connection = java.sql.DriverManager.getConnection(databaseUrl, "postgres", "")) {
            assertThat(count(connection, "select count(*) from rectification_event where type = 'SUBMITTED'")).as("each submission once")
                    .isEqualTo(ITEMS);
        }
    }

    /** Two tasks of one instance meeting at a join, completed at the same moment on different nodes: both 204. */
    private void tasksOfOneInstanceCompletedOnBothNodesAtOnceBothSucceed(int portA, int portB) throws Exception {
        Http a = new Http(portA);
        Http b = new Http(portB);
        String model = Bpmn.convertToString(Bpmn.createExecutableProcess("two-nodes-join").camundaHistoryTimeToLive(1)
                .startEvent().parallelGateway("Fork")
                .userTask("Task_A").name("并行任务甲").camundaAssignee("admin")
                .parallelGateway("Join").endEvent()
                .moveToNode("Fork").userTask("Task_B").name("并行任务乙").camundaAssignee("admin").connectTo("Join")
                .done());
        Http.Response deployed = a.upload("/engine-rest/deployment/create", "admin", ADMIN_PASSWORD, "data", "two-nodes-join.bpmn",
                model.getBytes(StandardCharsets.UTF_8));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        int instances = 20;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Http.Response started = a.post("/engine-rest/process-definition/key/two-nodes-join/start", "admin", ADMIN_PASSWORD, "{}");
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            JsonNode tasks = a.get("/engine-rest/task?processInstanceId=" + started.json().get("id").asText() + "&maxResults=2",
                    "admin", ADMIN_PASSWORD).json();
            assertThat(tasks.size()).isEqualTo(2);
            for (Http.Response answer : atOnce(List.of(
                    () -> a.post("/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete", "admin", ADMIN_PASSWORD, "{}"),
                    () -> b.post("/engine-rest/task/" + tasks.get(1).get("id").asText() + "/complete", "admin", ADMIN_PASSWORD, "{}")))) {
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() != 204) {
                    bodies.add(answer.body());
                }
            }
        }
        System.out.printf("TwoNodesTest: %d pairs of tasks at one join, completed on both nodes at once: %s%n", instances, statuses);
        assertThat(statuses).as(String.join("\n", bodies)).containsOnlyKeys(204);
        assertThat(a.get("/engine-rest/process-instance/count?processDefinitionKey=two-nodes-join", "admin", ADMIN_PASSWORD)
                .json().get("count").asLong()).as("every instance passed its join and ended").isZero();
    }

    /** The requests sent at the same moment, one thread each; their answers, in the same order. */
    private static List<Http.Response> atOnce(List<Supplier<Http.Response>> requests) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (Supplier<Http.Response> request : requests) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return request.get();
                }));
            }
            go.countDown();
            List<Http.Response> answered = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                answered.add(answer.get(120, TimeUnit.SECONDS));
            }
            return answered;
        } finally {
            threads.shutdownNow();
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
        return StandaloneApplication.inItsOwnJvm(true, "512m", log, List.of(
                "--spring.profiles.active=test", "--server.port=" + port, "--DB_URL=" + databaseUrl, "--DB_USER=postgres",
                "--DB_PASSWORD=", "--ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--camunda.bpm.job-execution.enabled=true",
                "--spring.mail.port=" + smtp.getSmtp().getPort(), "--app.mail.poll-interval=1s",
                "--logging.level.org.partybuilding=info"));
    }

    private static void awaitReady(int port, Process node) {
        StandaloneApplication.awaitReady(port, node, "target/two-nodes");
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
