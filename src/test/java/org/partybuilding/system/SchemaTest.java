package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.partybuilding.OrganizationTaskProcess;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.partybuilding.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Flyway's migrations ran after Camunda created its tables, on PostgreSQL 17 with UTF-8. */
@IntegrationTest
class SchemaTest {

    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;

    @Test
    void addsTheTaskIndexesCamundaLacks() {
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'act_ru_task'").query(String.class).list())
                .contains("act_idx_task_parent_task", "act_idx_task_due_date");
    }

    @Test
    void movesAnEarlierInstallationsPerInstanceGrantsToTenants() throws Exception {
        OrganizationTaskProcess.deploy(repositoryService);
        String instance = OrganizationTaskProcess.start(runtimeService, "village-lijia", "li.changfu");
        String task = jdbc.sql("select id_ from act_ru_task where proc_inst_id_ = ?").param(instance).query(String.class).single();
        // what the earlier design left: no tenant, read grants per instance and historic task, UPDATE for task users
        for (String table : List.of("act_ru_execution", "act_ru_task", "act_ru_variable", "act_hi_procinst", "act_hi_taskinst",
                "act_hi_varinst", "act_hi_actinst")) {
            jdbc.sql("update " + table + " set tenant_id_ = null where proc_inst_id_ = ?").param(instance).update();
        }
        jdbc.sql("delete from act_ru_authorization where resource_id_ = ?").param(task).update();
        grant("staff-town-hexi", null, 8, instance, 2);
        grant("staff-town-hexi", null, 20, instance, 2);
        grant(null, "li.changfu", 19, task, 2);
        grant("staff-town-hexi", null, 7, task, 2);
        grant(null, "li.changfu", 7, task, 2 | 4);
        grant("inspectors", null, 7, task, 2 | 4);

        String migration = new String(new ClassPathResource("db/migration/V7__organization_tenants.sql").getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        new TransactionTemplate(transactions).executeWithoutResult(status -> new JdbcTemplate(dataSource).execute(migration));

        assertThat(jdbc.sql("select distinct tenant_id_ from act_ru_task where proc_inst_id_ = ?").param(instance).query(String.class).list())
                .containsExactly("village-lijia");
        assertThat(jdbc.sql("select distinct tenant_id_ from act_hi_procinst where proc_inst_id_ = ?").param(instance)
                .query(String.class).list()).containsExactly("village-lijia");
        assertThat(jdbc.sql("select count(*) from act_ru_authorization where resource_id_ = ? and resource_type_ in (8, 20)")
                .param(instance).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select coalesce(user_id_, group_id_) || ':' || perms_ from act_ru_authorization where resource_id_ = ? "
                + "order by 1").param(task).query(String.class).list()).containsExactly("inspectors:16384", "li.changfu:16450");
    }

    private void grant(String group, String user, int type, String resource, int perms) {
        jdbc.sql("insert into act_ru_authorization (id_, rev_, type_, group_id_, user_id_, resource_type_, resource_id_, perms_) "
                + "values (?, 1, 1, ?, ?, ?, ?, ?)").params(UUID.randomUUID().toString(), group, user, type, resource, perms).update();
    }

    @Test
    void runsOnPostgres17WithUtf8() {
        assertThat(jdbc.sql("show server_version").query(String.class).single()).startsWith("17.");
        assertThat(jdbc.sql("show server_encoding").query(String.class).single()).isEqualTo("UTF8");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single()).isZero();
    }
}
