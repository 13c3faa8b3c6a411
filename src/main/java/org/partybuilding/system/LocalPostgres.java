package org.partybuilding.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server of the default run; absent when {@code DB_URL} is set. With its data in a folder (the
 * default run), a watchdog starts it again on the same port and files if its process goes away (killed, crashed):
 * PostgreSQL recovers from its write-ahead log, the connection pool reconnects, and meanwhile requests get a 503
 * ({@link DatabaseOutage}).
 */
final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    private final DatabaseProperties properties;
    private volatile EmbeddedPostgres server;
    private volatile boolean closing;
    private ScheduledExecutorService watchdog;
    private int missedChecks;

    private LocalPostgres(DatabaseProperties properties, EmbeddedPostgres server) {
        this.properties = properties;
        this.server = server;
    }

    static LocalPostgres none() {
        return new LocalPostgres(null, null);
    }

    static LocalPostgres start(DatabaseProperties properties) {
        EmbeddedPostgres server = startServer(properties, properties.embeddedPort());
        log.info("Embedded PostgreSQL on port {} ({})", server.getPort(),
                properties.ephemeral() ? "temporary data" : "data in " + properties.dataDir().toAbsolutePath());
        LocalPostgres local = new LocalPostgres(properties, server);
        if (!properties.ephemeral()) {
            local.watch();
        }
        return local;
    }

    private static EmbeddedPostgres startServer(DatabaseProperties properties, int port) {
        String durability = properties.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setRegisterShutdownHook(false) // Spring stops it after the engine and the pool are closed
                .setServerConfig("fsync", durability)
                .setServerConfig("synchronous_commit", durability)
                .setServerConfig("full_page_writes", durability)
                .setLocaleConfig("encoding", "UTF8")
                .setLocaleConfig("locale", "C.UTF-8");
        try {
            if (!properties.ephemeral()) {
                Files.createDirectories(properties.dataDir());
                stopLeftBehind(properties.dataDir().toAbsolutePath());
                builder.setDataDirectory(properties.dataDir().toAbsolutePath()).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    /**
     * A server that an earlier run left behind (its JVM was killed: nothing stopped the server) still holds the data
     * folder, and a new one would refuse to start on it. Its clients died with that JVM, so it is stopped (fast
     * shutdown, a checkpoint, nothing committed lost) and this run starts its own.
     */
    static void stopLeftBehind(java.nio.file.Path dataDir) {
        java.nio.file.Path pidFile = dataDir.resolve("postmaster.pid");
        long pid;
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return; // unreadable or half-written: PostgreSQL judges it itself
        }
        java.util.Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(command -> command.contains("postgres")).orElse(false));
        if (server.isEmpty()) {
            return; // a stale file: PostgreSQL removes it when it starts
        }
        log.warn("An embedded PostgreSQL (pid {}) left behind by a run that did not stop cleanly holds {}; stopping it", pid, dataDir);
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            server.get().destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("PostgreSQL {} did not stop within 60 s; killing it", pid);
            server.get().destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks every {@code app.database.watchdog-interval} (2 s) that the server accepts connections; two misses in a row and it is started again. */
    private void watch() {
        long interval = properties.watchdogInterval() == null ? 2000 : properties.watchdogInterval().toMillis();
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (closing) {
            return;
        }
        int port = server.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            missedChecks = 0;
            return;
        } catch (IOException e) {
            missedChecks++;
        }
        if (missedChecks < 2 || closing) {
            return;
        }
        log.warn("Embedded PostgreSQL on port {} stopped answering; starting it again on its data", port);
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Stopping the gone server: {}", e.toString());
        }
        try {
            server = startServer(properties, port);
            missedChecks = 0;
            log.warn("Embedded PostgreSQL started again on port {}", port);
        } catch (RuntimeException e) {
            log.error("Embedded PostgreSQL could not be started again; the next check tries again", e);
        }
    }

    String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    boolean running() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        closing = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
            try {
                watchdog.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            server.close();
        }
    }
}
