package org.partybuilding.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. With {@code url} blank the application runs its own embedded PostgreSQL
 * keeping its files under {@code dataDir}; otherwise it connects to the given server.
 *
 * @param url           JDBC URL of an external PostgreSQL ({@code DB_URL}); blank for embedded
 * @param username      user for the external server ({@code DB_USER})
 * @param password      password for the external server ({@code DB_PASSWORD})
 * @param dataDir       folder of the embedded server's files ({@code DATA_DIR}/postgres)
 * @param embeddedPort  port of the embedded server, 0 for any free port
 * @param ephemeral     embedded server in a temporary folder removed on shutdown (tests)
 * @param durable       fsync and synchronous commit on (off only for throw-away test data)
 * @param maxPoolSize   connection pool size
 * @param connectionTimeout how long a request waits for a connection before it is answered 503 (database down)
 * @param watchdogInterval how often the default run checks its embedded server answers; two misses and it starts it again
 */
@ConfigurationProperties("app.database")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        Path dataDir,
        int embeddedPort,
        boolean ephemeral,
        boolean durable,
        int maxPoolSize,
        java.time.Duration connectionTimeout,
        java.time.Duration watchdogInterval) {

    boolean external() {
        return url != null && !url.isBlank();
    }
}
