package org.partybuilding.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded PostgreSQL server of the default run; absent when {@code DB_URL} is set. */
final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static LocalPostgres none() {
        return new LocalPostgres(null);
    }

    static LocalPostgres start(DatabaseProperties properties) {
        String durability = properties.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(properties.embeddedPort())
                .setRegisterShutdownHook(false) // Spring stops it after the engine and the pool are closed
                .setServerConfig("fsync", durability)
                .setServerConfig("synchronous_commit", durability)
                .setServerConfig("full_page_writes", durability)
                .setLocaleConfig("encoding", "UTF8")
                .setLocaleConfig("locale", "C.UTF-8");
        try {
            if (!properties.ephemeral()) {
                Files.createDirectories(properties.dataDir());
                builder.setDataDirectory(properties.dataDir().toAbsolutePath()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres server = builder.start();
            log.info("Embedded PostgreSQL on port {} ({})", server.getPort(),
                    properties.ephemeral() ? "temporary data" : "data in " + properties.dataDir().toAbsolutePath());
            return new LocalPostgres(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
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
        if (server != null) {
            server.close();
        }
    }
}
