package org.partybuilding.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.partybuilding.StandaloneApplication.start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.dutyreport.DutyReportService;
import org.partybuilding.dutyreport.NewDutyReportRound;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Groups;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A round interrupted by stopping the application carries on when it starts again on the same data: every
 * organization ends up with exactly one instance. Small batches with a pause make sure the stop falls in the middle.
 */
class RoundRestartTest {

    @Test
    void aRoundInterruptedByARestartCompletesAfterItWithOneInstancePerOrganization(@TempDir Path dataDir) {
        String[] run = {"--app.database.ephemeral=false", "--DATA_DIR=" + dataDir, "--app.demo-data.open-items=false",
                "--ROUND_BATCH_SIZE=3", "--ROUND_BATCH_PAUSE=400ms", "--ROUND_POLL_INTERVAL=1s"};
        long roundId;
        Round interrupted;
        try (ConfigurableApplicationContext first = start(run)) {
            int year = first.getBean(Deadlines.class).today().getYear();
            var due = first.getBean(WorkingDays.class).plus(first.getBean(Deadlines.class).today(), 15);
            Round round = first.getBean(DutyReportService.class).startRound(new NewDutyReportRound(year, "MID_YEAR", due,
                    List.of("zhao.min", "kong.linghui", "bai.xuefeng"), null), new ApiUser("zhao.min", List.of(Groups.ORG_DEPT)));
            roundId = round.id();
            Rounds rounds = first.getBean(Rounds.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> rounds.find(roundId).orElseThrow().started() >= 3);
            interrupted = rounds.find(roundId).orElseThrow();
        }
        assertThat(interrupted.pending()).as("stopped in the middle").isPositive();
        assertThat(interrupted.finishedAt()).isNull();

        try (ConfigurableApplicationContext second = start(run)) {
            Rounds rounds = second.getBean(Rounds.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> rounds.find(roundId).orElseThrow().finishedAt() != null);
            Round done = rounds.find(roundId).orElseThrow();
            assertThat(done.started()).isEqualTo(done.total());
            assertThat(done.failed()).isZero();
            RuntimeService runtime = second.getBean(RuntimeService.class);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DutyReportProcess.PROCESS_ID).count())
                    .isEqualTo(done.total());
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(distinct business_key_) from act_hi_procinst where proc_def_key_ = ?")
                    .param(DutyReportProcess.PROCESS_ID).query(Long.class).single()).isEqualTo(done.total());
            assertThat(jdbc.sql("select count(*) from duty_report").query(Long.class).single()).isEqualTo(done.total());
        }
    }
}
