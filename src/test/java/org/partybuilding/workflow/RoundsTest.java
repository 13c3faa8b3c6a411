package org.partybuilding.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.organization.DirectoryService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A round's progress names each organization it could not start and why, and starts the others: here 李家村 already
 * has its instance for the round (started by hand before it), so the round leaves it alone.
 */
@IntegrationTest
class RoundsTest {

    @Autowired Rounds rounds;
    @Autowired RuntimeService runtimeService;
    @Autowired DirectoryService directory;
    @Autowired ProcessTestSupport process;
    @LocalServerPort int port;
    @Autowired RoundWorker worker;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anOrganizationThatCannotBeStartedIsListedWithItsReasonAndTheOthersAreStarted() {
        int year = 5000 + (int) (System.nanoTime() % 1000);
        String key = year + "-MID_YEAR";
        Map<String, Object> variables = new HashMap<>(Map.of(DirectoryService.ORGANIZATION_ID_VARIABLE, "village-lijia",
                DirectoryService.SECRETARY_USER_ID_VARIABLE, "li.changfu", TaskDescriptionListener.TITLE, "手工发起",
                DutyReportProcess.Variables.REPORT_DUE_DATE, new java.util.Date(), DutyReportProcess.Variables.LAST_RETURN_REASON, "",
                DutyReportProcess.Variables.YEAR, year));
        runtimeService.startProcessInstanceByKey(DutyReportProcess.PROCESS_ID, key + "-village-lijia", variables);

        Round round = rounds.start(DutyReportProcess.PROCESS_ID, key, year + "年年中书记述职",
                new RoundScope(RoundScope.Kind.UNDER, null, "town-hexi", null, null),
                Map.of("year", year, "half", "MID_YEAR", "dueDate", process.workingDay(10).toString(),
                        "reviewerIds", List.of("zhao.min", "kong.linghui", "mao.jianjun")), "zhao.min");
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);

        var progress = new Http(port).get("/api/rounds/" + round.id(), "zhao.min").json();
        long under = directory.overseenOrganizationIds("town-hexi").stream()
                .filter(id -> directory.organization(id).orElseThrow().domain().isGrassroots()).count();
        assertThat(progress.get("total").asLong()).isEqualTo(under);
        assertThat(progress.get("failed").asInt()).isEqualTo(1);
        assertThat(progress.get("started").asLong()).isEqualTo(under - 1);
        assertThat(progress.get("failures").get(0).get("organizationId").asText()).isEqualTo("village-lijia");
        assertThat(progress.get("failures").get(0).get("reason").asText()).contains("该组织本轮的流程已存在", "未重复发起");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key + "-village-lijia").count()).isEqualTo(1);
    }

    /**
     * Two workers that start a round's last members at the same time each see the other's members still pending when
     * they look, so neither finishes the round (seen once in the benchmark: every instance started, the round never
     * finished). Left in that state, the round is finished by the next poll.
     */
    @Test
    void aRoundWhoseLastMembersStartedTogetherIsFinishedByTheNextPoll() {
        int year = 6000 + (int) (System.nanoTime() % 1000);
        Round round = rounds.start(DutyReportProcess.PROCESS_ID, year + "-MID_YEAR", year + "年年中书记述职",
                new RoundScope(RoundScope.Kind.UNDER, null, "town-longquan", null, null),
                Map.of("year", year, "half", "MID_YEAR", "dueDate", process.workingDay(10).toString(),
                        "reviewerIds", List.of("zhao.min", "kong.linghui", "bai.xuefeng")), "zhao.min");
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        // the state the race leaves: nothing pending, the round not finished
        jdbc.sql("update process_round set finished_at = null where id = ?").param(round.id()).update();
        assertThat(rounds.find(round.id()).orElseThrow().finishedAt()).isNull();

        worker.poll();
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        assertThat(rounds.find(round.id()).orElseThrow().pending()).isZero();
    }
}
