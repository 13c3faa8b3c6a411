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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * application itself. Both happen under load: clients keep opening and listing items through the outage, and every
 * answer they get is the item, the list or that 503 within seconds; every item acknowledged to them survives. Runs in
 * the pom's {@code standalone-applications} execution.
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

            Load load = Load.start(http, "admin", ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= 5);
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
                assertThat(item.get("title").asText()).as("nothing of the refused request was written").doesNotContain("停电中", "崩溃中");
            }
            assertThat(ids).containsAll(before).contains(after.get("id").asLong());
            assertThat(app.getBean(TaskService.class).createTaskQuery()
                    .processInstanceId(after.get("processInstanceId").asText()).count()).as("the engine works again").isEqualTo(1);
            load.stop();
            load.check(ids(http, "admin", ADMIN_PASSWORD));
        } finally {
            database.close();
        }
    }

    @Test
    void theDefaultRunStartsItsEmbeddedDatabaseAgainWhenItsProcessDies(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext app = start("--app.database.ephemeral=false", "--DATA_DIR=" + dataDir,
                "--app.database.durable=true", "--app.demo-data.enabled=true", "--app.demo-data.open-items=false",
                "--DB_CONNECTION_TIMEOUT=2s", "--app.database.watchdog-interval=6s")) { // durable as the default run: fsync and synchronous commit on
            Http http = new Http(port(app));
            List<Long> before = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                before.add(open(http, "mao.jianjun", Http.DEMO_PASSWORD, "崩溃前 " + i).get("id").asLong());
            }
            Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
            long crashed = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim());
            Load load = Load.start(http, "mao.jianjun", Http.DEMO_PASSWORD);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() >= 5);

            // SIGQUIT: PostgreSQL's immediate shutdown, as after a crash (no checkpoint; recovery from the log at start)
            assertThat(new ProcessBuilder("kill", "-QUIT", String.valueOf(crashed)).start().waitFor()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(crashed).map(p -> !p.isAlive()).orElse(true));
            // the watchdog (every 6 s here) starts it again after two missed checks: at least 6 s of outage, answered 503
            assertOutage(timed(() -> http.get("/api/rectifications", "mao.jianjun", Http.DEMO_PASSWORD)));
            assertOutage(timed(() -> http.post("/api/rectifications", "mao.jianjun", Http.DEMO_PASSWORD, body("崩溃中"))));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.get("/api/rectifications", "mao.jianjun", Http.DEMO_PASSWORD).status() == 200);
            long restarted = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim());
            assertThat(restarted).as("a new server process").isNotEqualTo(crashed);
            List<Long> ids = ids(http, "mao.jianjun", Http.DEMO_PASSWORD);
            assertThat(ids).containsAll(before);
            assertThat(http.get("/api/rectifications", "mao.jianjun", Http.DEMO_PASSWORD).body())
                    .as("nothing of the refused request was written").doesNotContain("崩溃中");
            JsonNode after = open(http, "mao.jianjun", Http.DEMO_PASSWORD, "恢复后");
            assertThat(app.getBean(TaskService.class).createTaskQuery()
                    .processInstanceId(after.get("processInstanceId").asText()).count()).isEqualTo(1);
            load.stop();
            load.check(ids(http, "mao.jianjun", Http.DEMO_PASSWORD));
        }
    }

    /**
     * Clients that open an item and list the items, over and over, from before the outage until after it: every answer
     * must be the item, the list or the outage's 503, within {@link #PROMPT}; every item acknowledged with 201 must be
     * in the ledger afterwards.
     */
    static final class Load {

        final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<Integer, Integer> answers = new ConcurrentHashMap<>();
        final List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService clients = Executors.newFixedThreadPool(3);

        static Load start(Http http, String user, String password) {
            Load load = new Load();
            for (int thread = 0; thread < 3; thread++) {
                int t = thread;
                load.clients.execute(() -> load.run(http, user, password, t));
            }
            return load;
        }

        private void run(Http http, String user, String password, int thread) {
            for (int i = 0; !stop.get(); i++) {
                long start = System.nanoTime();
                Http.Response answer = i % 2 == 0 ? http.post("/api/rectifications", user, password, body("负载 " + thread + "-" + i))
                        : http.get("/api/rectifications", user, password);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                answers.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 201) {
                    acknowledged.add(answer.json().get("id").asLong());
                } else if (answer.status() == 503) {
                    if (!answer.body().contains("数据库暂时不可用")) {
                        wrong.add("503 without the outage's message: " + answer.body());
                    }
                    sleep(200); // as a client told Retry-After would, if sooner
                } else if (answer.status() != 200) {
                    wrong.add(answer.status() + " " + answer.body());
                }
                if (took.compareTo(PROMPT) > 0) {
                    wrong.add("answered after " + took.toMillis() + " ms: " + answer.status());
                }
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        void check(List<Long> ledger) {
            System.out.printf("DatabaseRestartTest: answers under load %s, %d items acknowledged%n", answers, acknowledged.size());
            assertThat(wrong).as("answers under load other than the item, the list or a prompt 503").isEmpty();
            assertThat(answers).as("the load saw the outage").containsKey(503);
            assertThat(ledger).as("every acknowledged item survives").containsAll(acknowledged);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<Long> ids(Http http, String user, String password) {
        List<Long> ids = new ArrayList<>();
        http.get("/api/rectifications", user, password).json().forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
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
