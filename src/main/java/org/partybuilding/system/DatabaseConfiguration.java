package org.partybuilding.system;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One PostgreSQL for the engine and the product's own tables: embedded by default, external with {@code DB_URL}. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    LocalPostgres localPostgres(DatabaseProperties properties) {
        return properties.external() ? LocalPostgres.none() : LocalPostgres.start(properties);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseProperties properties, LocalPostgres localPostgres) {
        HikariDataSource dataSource = new HikariDataSource();
        if (localPostgres.running()) {
            dataSource.setJdbcUrl(localPostgres.jdbcUrl());
            dataSource.setUsername("postgres");
        } else {
            dataSource.setJdbcUrl(properties.url());
            dataSource.setUsername(properties.username());
            dataSource.setPassword(properties.password());
        }
        dataSource.setMaximumPoolSize(properties.maxPoolSize());
        // while the database is down a request waits this long at most, then gets a 503 (DatabaseOutage)
        dataSource.setConnectionTimeout(properties.connectionTimeout() == null ? 3000 : properties.connectionTimeout().toMillis());
        dataSource.setPoolName("party-building");
        return dataSource;
    }

    /** Built before the engine ({@link FlywayAfterEngine} makes the engine wait for it), released once the node is up. */
    @Bean(destroyMethod = "close")
    SchemaLock schemaLock(DataSource dataSource) throws java.sql.SQLException {
        return new SchemaLock(dataSource);
    }
}
