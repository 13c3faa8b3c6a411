package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.partybuilding.StandaloneApplication.freePort;
import static org.partybuilding.StandaloneApplication.port;
import static org.partybuilding.StandaloneApplication.start;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partybuilding.Http;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database restarts under the running application (an external PostgreSQL, {@code DB_URL}, stopped and started
 * again on the same files and port): while it is down every kind of request — the product's API, the engine's REST
 * API, a login — gets a 503 with a Chinese message within seconds, not a hang or a 500; readiness says DOWN; once it
 * is back the application serves again without anyone touching it, with every item committed before the outage and
 * none of the refused ones. The default run's embedded server, when its process dies, is started again by the
 * application itself. Runs in the pom's {@code standalone-applications} execution.
 */
class DatabaseRestartTest {

    private static final String ADMIN_PASSWORD = "Qinghe-Root-2026!";
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithNothingLost(@TempDir Path files) throws Exception {
        int databasePort = freePort();
        EmbeddedPostgres database = database(files, databasePort);
        String url = database.getJdbcUrl("postgres", "postgres");
        try (ConfigurableApplicationContext app = start("--DB_URL=" + url, "--DB_USER=postgres", "--DB_PASSWORD=",
                "--ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--DB_CONNECTION_TIMEOUT=2s")) {
            Http http = new Http(port(app));
            List<Long> before = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                before.add(open(http, "停电前 " + i).get("id").asLong());
            }

            database.close(); // stopped; its files stay
            try {
                Http.Response list = timed(() -> http.get("/api/rectifications", "admin", ADMIN_PASSWORD));
                assertOutage(list);
                assertOutage(timed(() -> http.post("/api/rectifications", "admin", ADMIN_PASSWORD, body("停电中"))));
                Http.Response engine = timed(() -> http.get("/engine-rest/task?maxResults=5", "admin", ADMIN_PASSWORD));
                assertThat(engine.status()).as(engine.body()).isEqualTo(503);
                assertThat(engine.body()).contains("数据库暂时不可用");
                Http.Response readiness = timed(() -> http.getAnonymous("/actuator/health/readiness"));
                assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
            } finally {
                database = database(files, databasePort);
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.get("/api/rectifications", "admin", ADMIN_PASSWORD).status() == 200);
            assertThat(http.getAnonymous("/actuator/health/readiness").status()).isEqualTo(200);
            JsonNode after = open(http, "恢复后");
            List<Long> ids = new ArrayList<>();
            for (JsonNode item : http.get("/api/rectifications", "admin", ADMIN_PASSWORD).json()) {
                ids.add(item.get("id").asLong());
                assertThat(item.get("title").asText()).as("nothing of the refused request was written").doesNotContain("停电中");
            }
            assertThat(ids).containsAll(before).contains(after.get("id").asLong());
            assertThat(app.getBean(TaskService.class).createTaskQuery()
                    .processInstanceId(after.get("processInstanceId").asText()).count()).as("the engine works again").isEqualTo(1);
        } finally {
            database.close();
        }
    }

    @Test
    void theDefaultRunStartsItsEmbeddedDatabaseAgainWhenItsProcessDies(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext app = start("--app.database.ephemeral=false", "--DATA_DIR=" + dataDir,
                "--app.database.durable=true", "--app.demo-data.enabled=true", "--app.demo-data.open-items=false",
                "--DB_CONNECTION_TIMEOUT=2s")) { // durable as the default run: fsync and synchronous commit on
            Http http = new Http(port(app));
            List<Long> before = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                before.add(open(http, "mao.jianjun", Http.DEMO_PASSWORD, "崩溃前 " + i).get("id").asLong());
            }
            Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
            long crashed = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim());

            // SIGQUIT: PostgreSQL's immediate shutdown, as after a crash (no checkpoint; recovery from the log at start)
            assertThat(new ProcessBuilder("kill", "-QUIT", String.valueOf(crashed)).start().waitFor()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(crashed).map(p -> !p.isAlive()).orElse(true));
            // the watchdog may already have started it again (it checks every two seconds): a 503 or the answer, promptly
            Http.Response meanwhile = timed(() -> http.get("/api/rectifications", "mao.jianjun", Http.DEMO_PASSWORD));
            if (meanwhile.status() != 200) {
                assertOutage(meanwhile);
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.get("/api/rectifications", "mao.jianjun", Http.DEMO_PASSWORD).status() == 200);
            long restarted = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim());
            assertThat(restarted).as("a new server process").isNotEqualTo(crashed);
            List<Long> ids = new ArrayList<>();
            http.get("/api/rectifications", "mao.jianjun", Http.DEMO_PASSWORD).json().forEach(item -> ids.add(item.get("id").asLong()));
            assertThat(ids).containsAll(before);
            JsonNode after = open(http, "mao.jianjun", Http.DEMO_PASSWORD, "恢复后");
            assertThat(app.getBean(TaskService.class).createTaskQuery()
                    .processInstanceId(after.get("processInstanceId").asText()).count()).isEqualTo(1);
        }
    }

    private static EmbeddedPostgres database(Path files, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(files).setCleanDataDirectory(false).setPort(port).start();
    }

    private static void assertOutage(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("数据库暂时不可用");
    }

    /** The answer, which must come within {@link #PROMPT}: an outage is answered, not waited out. */
    private static Http.Response timed(java.util.function.Supplier<Http.Response> request) {
        long start = System.nanoTime();
        Http.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered promptly").isLessThan(PROMPT);
        return response;
    }

    private static JsonNode open(Http http, String title) {
        return open(http, "admin", ADMIN_PASSWORD, title);
    }

    private static JsonNode open(Http http, String user, String password, String title) {
        Http.Response created = http.post("/api/rectifications", user, password, body(title));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static String body(String title) {
        return "{\"organizationId\":\"village-lijia\",\"source\":\"OTHER\",\"title\":\"" + title + "\",\"description\":\"\","
                + "\"severity\":\"LOW\",\"dueDate\":\"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(20)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.WEDNESDAY)) + "\"}";
    }
}
