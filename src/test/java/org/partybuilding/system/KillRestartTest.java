package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.partybuilding.StandaloneApplication.freePort;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partybuilding.Http;
import org.partybuilding.StandaloneApplication;

/**
 * SIGKILL of the application (a JVM of its own, started as {@code mvn spring-boot:run} does) in the middle of a burst —
 * items being opened, secretaries submitting, reminder timers firing, mail going out — then a restart on the same
 * data: the default run with its embedded PostgreSQL keeping data in a folder (the server left behind by the killed
 * JVM is stopped and started again), and an application on an external PostgreSQL. Afterwards every item acknowledged
 * to a client is there with its process instance, every acknowledged submission is recorded once, no ledger event is
 * doubled, every mail in the outbox reaches the SMTP server, and mail sent twice (the README's at-least-once promise)
 * carries one Message-ID. Runs in the pom's {@code standalone-applications} execution.
 */
class KillRestartTest {

    private static final String ADMIN_PASSWORD = "Qinghe-Root-2026!";
    private static final String SUPERVISOR = "mao.jianjun";
    private static final List<String[]> SECRETARIES = List.of(new String[] {"village-lijia", "li.changfu"},
            new String[] {"village-wangzhuang", "wang.shoutian"}, new String[] {"village-hekou", "sun.guoqing"},
            new String[] {"village-liushuwan", "hu.chunsheng"}, new String[] {"village-donggang", "zhu.weidong"});

    @Test
    void aKilledDefaultRunRestartsOnItsDataWithNothingLostAndNothingDoubled(@TempDir Path dataDir) throws Exception {
        try {
            killInTheMiddleOfABurstAndRestart("default-run", user -> Http.DEMO_PASSWORD, () -> database(dataDir),
                    "--DATA_DIR=" + dataDir);
        } finally {
            LocalPostgres.stopLeftBehind(dataDir.resolve("postgres"));
        }
    }

    /**
     * The same on an external PostgreSQL ({@code DB_URL}, production mode): the server outlives the killed JVM, whose
     * connections it drops, rolling back what they had not committed. Production mode mails each user an initial
     * password; the test reads them from the SMTP server and sets the users' own, as the users would.
     */
    @Test
    void aKilledApplicationOnAnExternalDatabaseRestartsWithNothingLostAndNothingDoubled() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            Map<String, String> passwords = new ConcurrentHashMap<>();
            killInTheMiddleOfABurstAndRestart("external-database", user -> passwords.computeIfAbsent(user,
                    u -> MailedPasswords.changeInitialPassword(smtp::getReceivedMessages, http, u)),
                    () -> external.getPostgresDatabase().getConnection(),
                    "--DB_URL=" + external.getJdbcUrl("postgres", "postgres"), "--DB_USER=postgres", "--DB_PASSWORD=",
                    "--ADMIN_PASSWORD=" + ADMIN_PASSWORD);
        }
    }

    private GreenMail smtp;
    private Http http;

    private void killInTheMiddleOfABurstAndRestart(String run, Function<String, String> passwords, Database database,
            String... databaseArguments) throws Exception {
        smtp = new GreenMail(new ServerSetup(freePort(), "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int port = freePort();
        Path log = Path.of("target", "kill-restart-" + run + "-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        Process app = startApplication(port, smtp.getSmtp().getPort(), log, databaseArguments);
        try {
            http = new Http(port);
            StandaloneApplication.awaitReady(port, app, "target/kill-restart-*.log");
            Users users = new Users(passwords);
            SECRETARIES.forEach(secretary -> users.password(secretary[1]));
            users.password(SUPERVISOR);

            Map<Long, String> opened = new ConcurrentHashMap<>();
            Set<Long> submitted = ConcurrentHashMap.newKeySet();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(6);
            for (int thread = 0; thread < 6; thread++) {
                int t = thread;
                clients.execute(() -> burst(http, users, t, opened, submitted, killed));
            }
            await().atMost(Duration.ofSeconds(180)).until(() -> opened.size() >= 200 && submitted.size() >= 60);
            app.destroyForcibly(); // SIGKILL: no shutdown hook, nothing stopped, an embedded PostgreSQL left running
            killed.set(true);
            app.waitFor(30, TimeUnit.SECONDS);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            Files.writeString(log, "\n==== killed with " + opened.size() + " items and " + submitted.size()
                    + " submissions acknowledged ====\n", java.nio.file.StandardOpenOption.APPEND);

            app = startApplication(port, smtp.getSmtp().getPort(), log, databaseArguments);
            StandaloneApplication.awaitReady(port, app, "target/kill-restart-*.log");

            try (Connection db = database.connect()) {
                nothingLostAndNothingDoubled(run, db, opened, submitted, log);
            }
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
            smtp.stop();
        }
    }

    private void nothingLostAndNothingDoubled(String run, Connection db, Map<Long, String> opened, Set<Long> submitted, Path log)
            throws Exception {
        // the engine's jobs (reminders) and the outbox settle
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until && (count(db, DUE_JOBS) > 0 || count(db, "select count(*) from mail_outbox where status = 'PENDING'") > 0)) {
            Thread.sleep(1000);
        }
        assertThat(count(db, DUE_JOBS)).as("jobs still due: " + rows(db, "select handler_type_ || ' ' || coalesce(handler_cfg_, '') || ' due '"
                + " || duedate_ || ' retries ' || retries_ || ' ' || coalesce(exception_msg_, '') || ' lock ' || coalesce(lock_owner_, '-')"
                + " from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now()) limit 5")).isZero();
        assertThat(count(db, "select count(*) from mail_outbox where status = 'PENDING'")).as("mail pending: "
                + rows(db, "select dedup_key || ' ' || attempts || ' ' || coalesce(last_error, '') from mail_outbox where status = 'PENDING' limit 5"))
                .isZero();

        for (Map.Entry<Long, String> item : opened.entrySet()) {
            assertThat(count(db, "select count(*) from rectification_item where id = " + item.getKey()
                    + " and process_instance_id = '" + item.getValue() + "'")).as("acknowledged item " + item.getKey()).isEqualTo(1);
        }
        assertThat(count(db, """
                select count(*) from rectification_item i where not exists (
                    select 1 from act_hi_procinst p where p.id_ = i.process_instance_id)""")).as("items without an instance").isZero();
        assertThat(count(db, """
                select count(*) from act_ru_execution e where e.parent_id_ is null and e.proc_def_key_ = 'rectification'
                and not exists (select 1 from rectification_item i where i.process_instance_id = e.id_)""")).as("instances without an item").isZero();
        for (long id : submitted) {
            assertThat(count(db, "select count(*) from rectification_event where type = 'SUBMITTED' and item_id = " + id))
                    .as("acknowledged submission of " + id).isEqualTo(1);
            assertThat(count(db, "select count(*) from rectification_item where status = 'SUBMITTED' and id = " + id)).isEqualTo(1);
        }
        assertThat(count(db, "select count(*) from (select item_id, type from rectification_event where type in "
                + "('CREATED', 'SUBMITTED', 'REMINDED') group by item_id, type, detail having count(*) > 1) doubled")).as("doubled events").isZero();
        assertThat(count(db, "select count(*) from rectification_event where type = 'REMINDED'")).as("reminders fired").isPositive();

        List<Long> outbox = ids(db, "select id from mail_outbox where status = 'SENT'");
        assertThat(count(db, "select count(*) from mail_outbox where status <> 'SENT'")).as("mail not delivered").isZero();
        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            for (String recipient : new String[] {message.getHeader("Message-ID", null)}) {
                received.merge(recipient, 1, Integer::sum);
            }
        }
        int deliveredTwice = 0;
        for (long id : outbox) {
            String messageId = "<outbox-" + id + "@party-building-1248>";
            assertThat(received).as("mail " + id + " at the SMTP server").containsKey(messageId);
            deliveredTwice += received.get(messageId) > recipients(db, id) ? 1 : 0;
        }
        Files.writeString(log, "\n==== " + opened.size() + " items, " + submitted.size() + " submissions, " + outbox.size()
                + " mails, " + deliveredTwice + " delivered again after the kill ====\n", java.nio.file.StandardOpenOption.APPEND);
        System.out.printf("KillRestartTest (%s): %d items and %d submissions acknowledged before SIGKILL, %d reminder timers fired"
                + " (each once), %d mails, %d sent again (same Message-ID)%n", run, opened.size(), submitted.size(),
                count(db, "select count(*) from rectification_event where type = 'REMINDED'"), outbox.size(), deliveredTwice);
        assertThat(deliveredTwice).as("at most the mails in flight at the kill go out twice").isLessThanOrEqualTo(6);
    }

    /** Opens items and submits the secretaries' tasks until the application dies; remembers what was acknowledged. */
    private static void burst(Http http, Users users, int thread, Map<Long, String> opened, Set<Long> submitted, AtomicBoolean killed) {
        String[] organization = SECRETARIES.get(thread % SECRETARIES.size());
        LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);
        while (due.getDayOfWeek().getValue() > 5) {
            due = due.plusDays(1); // the next weekday: its reminder (working days before it) is due at once
        }
        List<Long> mine = new ArrayList<>();
        for (int i = 0; !killed.get() && i < 1000; i++) {
            try {
                if (i % 3 == 2 && !mine.isEmpty()) {
                    long id = mine.remove(0);
                    Http.Response task = http.get("/engine-rest/task?processInstanceId=" + opened.get(id) + "&maxResults=1", organization[1],
                            users.password(organization[1]));
                    if (task.status() == 200 && task.json().size() == 1) {
                        Http.Response done = http.post("/engine-rest/task/" + task.json().get(0).get("id").asText() + "/submit-form",
                                organization[1], users.password(organization[1]), "{\"variables\":{\"measures\":{\"value\":\"已整改 " + id + "\"},\"evidence\":{\"value\":\"照片\"}}}");
                        if (done.status() == 204) {
                            submitted.add(id);
                        }
                    }
                } else {
                    Http.Response created = http.post("/api/rectifications", SUPERVISOR, users.password(SUPERVISOR), "{\"organizationId\":\"" + organization[0]
                            + "\",\"source\":\"OTHER\",\"title\":\"突发 " + thread + "-" + i + "\",\"description\":\"\",\"severity\":\"LOW\","
                            + "\"dueDate\":\"" + due + "\"}");
                    if (created.status() == 201) {
                        opened.put(created.json().get("id").asLong(), created.json().get("processInstanceId").asText());
                        mine.add(created.json().get("id").asLong());
                    }
                }
            } catch (RuntimeException e) {
                return; // the connection broke: the application was killed; the outcome of this request is unknown
            }
        }
    }

    private static Process startApplication(int port, int smtpPort, Path log, String... databaseArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--app.base-url=http://localhost:" + port,
                "--spring.mail.port=" + smtpPort, "--app.demo-data.open-items=false", "--app.mail.retry-base=1s", "--app.mail.poll-interval=2s",
                "--JOB_LOCK_TIME_MILLIS=10000", "--logging.level.root=warn"));
        arguments.addAll(List.of(databaseArguments));
        return StandaloneApplication.inItsOwnJvm(false, "768m", log, arguments);
    }

    /** The embedded server, on the port its lock file names. */
    private static Connection database(Path dataDir) throws Exception {
        List<String> lock = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + lock.get(3).trim() + "/postgres", "postgres", "");
    }

    interface Database {
        Connection connect() throws Exception;
    }

    /** Each user's password: the demo's, or (production mode) one the user set after reading the mailed initial one. */
    private static final class Users {

        private final Function<String, String> passwords;

        Users(Function<String, String> passwords) {
            this.passwords = passwords;
        }

        String password(String user) {
            return passwords.apply(user);
        }
    }

    private static final String DUE_JOBS = "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now())";

    private static List<String> rows(Connection db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Long> ids(Connection db, String sql) throws Exception {
        return rows(db, sql).stream().map(Long::valueOf).toList();
    }

    /** GreenMail keeps one copy per recipient: a mail sent once to three people is three messages. */
    private static int recipients(Connection db, long outboxId) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery("select recipients from mail_outbox where id = " + outboxId)) {
            rs.next();
            return rs.getString(1).split(",").length;
        }
    }
}
