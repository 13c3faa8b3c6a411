package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.partybuilding.StandaloneApplication.freePort;
import static org.partybuilding.StandaloneApplication.port;
import static org.partybuilding.StandaloneApplication.start;
import org.partybuilding.OrganizationTaskProcess;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The application on an external PostgreSQL ({@code DB_URL}) and on its own embedded one that keeps data across restarts. */
class DatabaseModesTest {

    @Test
    void runsOnTheExternalPostgresGivenByDbUrl() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext app = start("--DB_URL=" + url, "--DB_USER=postgres", "--DB_PASSWORD=", "--ADMIN_PASSWORD=Qinghe-Root-2026!")) {
                assertThat(app.getBean(LocalPostgres.class).running()).isFalse();
                assertThat(app.getBean(IdentityService.class).createUserQuery().userId("li.changfu").count()).isEqualTo(1);
            }
            try (Connection connection = external.getPostgresDatabase().getConnection()) {
                assertThat(count(connection, "select count(*) from organization where active")).isGreaterThan(40);
                assertThat(count(connection, "select count(*) from act_id_user where id_ = 'li.changfu'")).isEqualTo(1);
                assertThat(count(connection, "select count(*) from flyway_schema_history where success")).isGreaterThan(0);
            }
        }
    }

    @Test
    void keepsItsDataAcrossRestartsOfTheDefaultRunWithDemoDataLoadedOnce(@TempDir Path dataDir) {
        String[] defaultRun = {"--app.database.ephemeral=false", "--DATA_DIR=" + dataDir, "--app.demo-data.enabled=true", "--app.demo-data.open-items=true"};
        String instanceId;
        try (ConfigurableApplicationContext first = start(defaultRun)) {
            assertThat(first.getBean(LocalPostgres.class).running()).isTrue();
            OrganizationTaskProcess.deploy(first.getBean(RepositoryService.class));
            instanceId = OrganizationTaskProcess.start(first.getBean(RuntimeService.class), "village-lijia", "li.changfu");
            assertThat(demoItems(first)).isEqualTo(6);
            assertThat(first.getBean(TaskService.class).createTaskQuery().taskAssignee("li.changfu")
                    .processDefinitionKey("rectification").count()).isEqualTo(1);
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

        try (ConfigurableApplicationContext second = start(defaultRun)) {
            RuntimeService runtime = second.getBean(RuntimeService.class);
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).count()).isEqualTo(1);
            assertThat(runtime.getVariables(instanceId)).containsAllEntriesOf(Map.of("organizationId", "village-lijia"));
            assertThat(demoItems(second)).isEqualTo(6);
        }
    }

    private static long demoItems(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class).sql("select count(*) from rectification_item").query(Long.class).single();
    }


    private static long count(Connection connection, String sql) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
