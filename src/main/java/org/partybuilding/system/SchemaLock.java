package org.partybuilding.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Held from before the process engine is built until the application context is refreshed: Camunda creating or
 * updating its tables and deploying the models, then Flyway's migrations, happen on one node at a time when several
 * start together on an empty database (Camunda's schema creation is not safe to run twice at once). A PostgreSQL
 * advisory lock on a connection of its own, released when the node is up or when it fails (the connection closes).
 */
final class SchemaLock implements ApplicationListener<ContextRefreshedEvent>, AutoCloseable {

    static final long KEY = 1_248_000_002L;
    private static final Logger log = LoggerFactory.getLogger(SchemaLock.class);

    private Connection connection;

    SchemaLock(DataSource dataSource) throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute("select pg_advisory_lock(" + KEY + ")");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            if (waitedMillis > 1000) {
                log.info("Waited {} ms for another node to finish creating or updating the schema", waitedMillis);
            }
        }
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        close();
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try (Connection held = connection; Statement statement = held.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            log.warn("Schema lock released with its connection: {}", e.getMessage());
        } finally {
            connection = null;
        }
    }
}
