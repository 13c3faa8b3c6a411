package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.partybuilding.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Flyway's migrations ran after Camunda created its tables, on PostgreSQL 17 with UTF-8. */
@IntegrationTest
class SchemaTest {

    @Autowired JdbcClient jdbc;

    @Test
    void addsTheTaskIndexesCamundaLacks() {
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'act_ru_task'").query(String.class).list())
                .contains("act_idx_task_parent_task", "act_idx_task_due_date");
    }

    @Test
    void runsOnPostgres17WithUtf8() {
        assertThat(jdbc.sql("show server_version").query(String.class).single()).startsWith("17.");
        assertThat(jdbc.sql("show server_encoding").query(String.class).single()).isEqualTo("UTF8");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single()).isZero();
    }
}
