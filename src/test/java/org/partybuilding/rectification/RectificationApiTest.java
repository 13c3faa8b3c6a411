package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.rectification.RectificationProcess.Elements;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.WorkingDays;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/rectifications} over real HTTP with the demo city. qiu.hongmei is an inspector of 河西镇,
 * mao.jianjun its supervisor; li.changfu is the secretary of 李家村 (in 河西镇), lin.xiuying of 龙泉村.
 */
@IntegrationTest
class RectificationApiTest {

    @Autowired JdbcClient jdbc;
    @Autowired TaskService taskService;
    @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;
    @Autowired ProcessTestSupport process;
    @Autowired WorkingDays workingDays;
    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void opensAnItemAndStartsItsProcess() {
        Http.Response response = http.post("/api/rectifications", "mao.jianjun", body("village-lijia", "INSPECTION", "MEDIUM", due(7)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode created = response.json();
        assertThat(created.get("status").asText()).isEqualTo("OPEN");
        Task task = taskService.createTaskQuery().processInstanceId(created.get("processInstanceId").asText()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(Elements.SUBMIT);
        assertThat(task.getAssignee()).isEqualTo("li.changfu");

        JsonNode item = http.get("/api/rectifications/" + created.get("id").asLong(), "li.changfu").json();
        List<String> fields = new ArrayList<>();
        item.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "organizationId", "source", "sourceRef", "title", "description", "severity",
                "issuingOrganizationId", "dueDate", "status", "rejections", "processInstanceId", "history");
        assertThat(item.get("issuingOrganizationId").asText()).isEqualTo("town-hexi");
        assertThat(item.get("dueDate").asText()).isEqualTo(due(7));
        assertThat(item.get("history").get(0).get("type").asText()).isEqualTo("CREATED");
        assertThat(item.get("history").get(0).get("actor").asText()).isEqualTo("mao.jianjun");
        assertThat(item.get("history").get(0).get("actorName").asText()).as("the directory's name").isEqualTo("毛建军");
    }

    @Test
    void rejectsBadInputWithTheFieldNamedAndCreatesNothing() {
        long before = count();

        assertBad(body("no-such-org", "INSPECTION", "LOW", due(5)), "organizationId", "组织 no-such-org 不存在");
        assertBad(body("village-lijia", "INSPECTION", "LOW", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString()),
                "dueDate", "已过，不能早于今天");
        assertBad(body("village-lijia", "INSPECTION", "LOW", due(5)).replace("\"title\":\"台账不全\"", "\"title\":\" \""),
                "title", "请填写整改事项标题");
        assertBad(body("village-lijia", "GOSSIP", "LOW", due(5)), "source", "应为以下之一：INSPECTION、DUTY_REVIEW");
        assertBad(body("village-lijia", "INSPECTION", "URGENT", due(5)), "severity", "LOW、MEDIUM、HIGH");
        LocalDate sunday = process.today().plusDays(1);
        while (sunday.getDayOfWeek() != java.time.DayOfWeek.SUNDAY || workingDays.isWorkingDay(sunday)) {
            sunday = sunday.plusDays(1);
        }
        assertBad(body("village-lijia", "INSPECTION", "LOW", sunday.toString()), "dueDate", "是星期日，整改期限须为工作日");
        int next = process.today().getYear() + 1;
        assertBad(body("village-lijia", "INSPECTION", "LOW", next + "-10-01"), "dueDate", "国庆节");
        assertBad(body("village-lijia", "INSPECTION", "LOW", "2026/12/01"), "dueDate", "日期格式应为 YYYY-MM-DD");
        assertBad(body("village-lijia", "INSPECTION", "LOW", due(5)).replace("\"severity\":\"LOW\",", ""), "severity", "请填写严重程度");

        Http.Response notJson = http.post("/api/rectifications", "mao.jianjun", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("message").asText()).isEqualTo("请求内容不是有效的 JSON");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void onlyThoseOverseeingTheOrganizationMayOpenItems() {
        Http.Response secretary = http.post("/api/rectifications", "li.changfu", body("village-lijia", "OTHER", "LOW", due(5)));
        assertThat(secretary.status()).isEqualTo(403);
        assertThat(secretary.json().get("message").asText()).contains("只有组织部、督查组和上级党组织工作人员可以发起整改");

        // 河西镇's supervisor does not oversee 龙泉镇's villages
        Http.Response otherTown = http.post("/api/rectifications", "mao.jianjun", body("village-longquan", "OTHER", "LOW", due(5)));
        assertThat(otherTown.status()).isEqualTo(403);

        assertThat(http.postAnonymous("/api/rectifications", body("village-lijia", "OTHER", "LOW", due(5))).status()).isEqualTo(401);
    }

    @Test
    void listsWhatTheCallerMaySeeWithFilters() {
        long lijia = open("village-lijia", "SURVEY");
        long longquan = open("village-longquan", "SURVEY");

        assertThat(ids(http.get("/api/rectifications?source=SURVEY", "li.changfu"))).contains(lijia).doesNotContain(longquan);
        assertThat(ids(http.get("/api/rectifications?source=SURVEY", "lin.xiuying"))).contains(longquan).doesNotContain(lijia);
        assertThat(ids(http.get("/api/rectifications?source=SURVEY", "mao.jianjun"))).contains(lijia).doesNotContain(longquan);
        assertThat(ids(http.get("/api/rectifications?source=SURVEY&status=OPEN", "zhao.min"))).contains(lijia, longquan);
        assertThat(ids(http.get("/api/rectifications?organizationId=village-longquan", "zhao.min"))).contains(longquan)
                .doesNotContain(lijia);
        assertThat(ids(http.get("/api/rectifications?overdue=true", "zhao.min"))).doesNotContain(lijia, longquan);
        assertThat(ids(http.get("/api/rectifications?overdue=false", "zhao.min"))).contains(lijia, longquan);

        assertThat(http.get("/api/rectifications/" + longquan, "li.changfu").status()).isEqualTo(404);
        Http.Response badFilter = http.get("/api/rectifications?status=LATE", "zhao.min");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }

    @Test
    void aRejectionWithoutReasonIsRefusedOverEngineRestWithItsChineseMessage() {
        long id = open("village-lijia", "INSPECTION");
        String process = http.get("/api/rectifications/" + id, "zhao.min").json().get("processInstanceId").asText();
        String submit = taskService.createTaskQuery().processInstanceId(process).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + submit + "/complete", "li.changfu",
                "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"照片\"}}}").status()).isEqualTo(204);
        String verify = taskService.createTaskQuery().processInstanceId(process).singleResult().getId();

        Http.Response refused = http.post("/engine-rest/task/" + verify + "/complete", "qiu.hongmei",
                "{\"variables\":{\"verification\":{\"value\":\"REJECT\"}}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).isEqualTo("请填写“退回原因”");
        assertThat(taskService.createTaskQuery().taskId(verify).count()).isEqualTo(1);
    }

    @Test
    void whatAnAdministratorDoesToAnItemsInstanceIsRecordedInTheLedger() {
        long id = open("village-lijia", "OTHER");
        String process = http.get("/api/rectifications/" + id, "zhao.min").json().get("processInstanceId").asText();

        assertThat(http.sendAs("PUT", "/engine-rest/process-instance/" + process + "/suspended", "admin", "admin",
                "{\"suspended\":true}").status()).isEqualTo(204);
        assertThat(http.sendAs("PUT", "/engine-rest/process-instance/" + process + "/suspended", "admin", "admin",
                "{\"suspended\":false}").status()).isEqualTo(204);
        assertThat(http.sendAs("POST", "/engine-rest/process-instance/" + process + "/modification", "admin", "admin",
                "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + Elements.SUBMIT + "\"}],"
                        + "\"annotation\":\"书记更换，重新派发\"}").status()).isEqualTo(204);
        assertThat(http.sendAs("DELETE", "/engine-rest/process-instance/" + process, "admin", "admin", null).status()).isEqualTo(204);

        JsonNode item = http.get("/api/rectifications/" + id, "zhao.min").json();
        assertThat(item.get("status").asText()).isEqualTo("CANCELLED");
        List<String> lines = new ArrayList<>();
        item.get("history").forEach(e -> lines.add(e.get("type").asText() + " " + e.get("actor").asText("") + " " + e.get("detail").asText()));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("ADMINISTERED admin 管理员干预：挂起流程实例");
        assertThat(lines.get(2)).startsWith("ADMINISTERED admin 管理员干预：激活流程实例");
        assertThat(lines.get(3)).startsWith("ADMINISTERED admin 管理员干预：修改流程实例").contains("书记更换，重新派发");
        assertThat(lines.get(4)).startsWith("CANCELLED admin 流程实例被管理员删除");
    }

    /**
     * Overdue means past its due date and still to be done: a cancelled item is not, however old its due date. The
     * instance is deleted here as a batch or the system would, without a user (the engine calls that "internally
     * terminated"): the item is cancelled all the same.
     */
    @Test
    void anItemWhoseInstanceTheSystemDeletedIsCancelledAndNotOverdue() {
        long late = open("village-lijia", "OTHER");
        long cancelled = open("village-lijia", "OTHER");
        String instance = http.get("/api/rectifications/" + cancelled, "zhao.min").json().get("processInstanceId").asText();
        runtimeService.deleteProcessInstance(instance, "书记更换，事项合并");
        jdbc.sql("update rectification_item set due_date = current_date - 3 where id in (?, ?)").params(late, cancelled).update();
        assertThat(jdbc.sql("select status from rectification_item where id = ?").param(cancelled).query(String.class).single())
                .isEqualTo("CANCELLED");

        assertThat(ids(http.get("/api/rectifications?overdue=true", "zhao.min"))).contains(late).doesNotContain(cancelled);
        assertThat(ids(http.get("/api/rectifications?overdue=false", "zhao.min"))).contains(cancelled).doesNotContain(late);
        assertThat(http.get("/api/rectifications/" + cancelled, "zhao.min").body()).contains("流程实例被系统批量操作删除，整改事项撤销。原因：书记更换，事项合并");
    }

    private long open(String organizationId, String source) {
        Http.Response response = http.post("/api/rectifications", "zhao.min", body(organizationId, source, "LOW", due(30)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private void assertBad(String json, String field, String message) {
        Http.Response response = http.post("/api/rectifications", "qiu.hongmei", json);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("message").asText()).contains(message);
    }

    private long count() {
        return jdbc.sql("select count(*) from rectification_item").query(Long.class).single();
    }

    private static List<Long> ids(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private String due(int days) {
        return process.workingDay(days).toString();
    }

    private static String body(String organizationId, String source, String severity, String dueDate) {
        return "{\"organizationId\":\"" + organizationId + "\",\"source\":\"" + source + "\",\"sourceRef\":\"Q4-07\","
                + "\"title\":\"台账不全\",\"description\":\"三会一课记录缺失\",\"severity\":\"" + severity + "\","
                + "\"dueDate\":\"" + dueDate + "\"}";
    }
}
