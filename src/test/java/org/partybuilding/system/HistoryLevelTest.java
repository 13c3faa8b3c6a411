package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.partybuilding.IntegrationTest;
import org.partybuilding.OrganizationTaskProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** History is "full" but for variable-update details and job-creation logs. */
@IntegrationTest
class HistoryLevelTest {

    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcClient jdbc;

    @Test
    void keepsInstancesVariablesAndActivitiesButNoVariableDetails() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel())
                .isInstanceOf(AuditHistoryLevel.class).extracting(l -> l.getName(), l -> l.getId()).containsExactly("full", 3);
        OrganizationTaskProcess.deploy(repositoryService);
        String instance = OrganizationTaskProcess.start(runtimeService, "village-lijia", "li.changfu");

        for (String table : List.of("act_hi_procinst", "act_hi_varinst", "act_hi_actinst", "act_hi_taskinst")) {
            assertThat(count(table, instance)).as(table).isPositive();
        }
        assertThat(count("act_hi_detail", instance)).isZero();
    }

    private long count(String table, String instance) {
        return jdbc.sql("select count(*) from " + table + " where proc_inst_id_ = ?").param(instance).query(Long.class).single();
    }
}
