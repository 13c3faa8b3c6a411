package org.partybuilding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Groups;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationProcess;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The attacks of the trustworthy-state issue, tried as its reporter did: the demo accounts and plain HTTP against
 * the running application. Each is refused, and the ledger and the process are as they were. 李家村 (village-lijia,
 * secretary li.changfu) lies in 河西镇 (town-hexi, supervisor mao.jianjun); zhao.min is in the organization
 * department; attack 7 (defaults in production) is {@code ProductionModeTest}.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AttackRegressionTest {

    static final String SECRETARY = "li.changfu";
    static final String SUPERVISOR = "mao.jianjun";

    @Autowired RectificationService rectifications;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired FilterService filterService;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessTestSupport process;
    @Autowired Rounds rounds;
    @LocalServerPort int port;

    private Http http;
    private RectificationItem item;

    @BeforeEach
    void openAnItemForLijia() {
        http = new Http(port);
        item = rectifications.open(new NewRectification("village-lijia", Source.DUTY_REVIEW, "攻击测试",
                "党员发展程序不规范 " + System.nanoTime(), "", Severity.MEDIUM, process.workingDay(10), null), SUPERVISOR);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void attack0_anExpressionInsideOrQueriesIsRefusedAndGrantsNothing() {
        String createMembership = "${identityService.createMembership('li.changfu','camunda-admin')}";
        Task submit = task();
        Map<String, Object> before = runtimeService.getVariables(item.processInstanceId());
        long filters = filterService.createFilterQuery().count();
        for (String body : List.of(
                "{\"orQueries\":[{\"dueAfterExpression\":\"" + createMembership + "\"}]}",
                "{\"orQueries\":[{\"dueAfter\\u0045xpression\":\"" + createMembership + "\"}]}",
                "{\"orQueries\":[{\"assignee\":\"x\"}],\"orQueries\":[{\"taskCandidateUserExpression\":\"" + createMembership + "\"}]}",
                "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\",\"parameters\":{\"xExpression\":\"" + createMembership + "\"}}]}")) {
            Http.Response refused = http.post("/engine-rest/task?maxResults=5", SECRETARY, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).startsWith("不允许在查询中使用表达式");
        }
        // the same through a path written differently: path parameters, doubled slashes, another case
        for (String path : List.of("/engine-rest;x=1/task", "/engine-rest//task", "/engine-rest/task;x=1", "//engine-rest/task")) {
            Http.Response refused = http.post(path + "?maxResults=5", SECRETARY,
                    "{\"orQueries\":[{\"dueAfterExpression\":\"" + createMembership + "\"}]}");
            assertThat(refused.status()).as(path).isEqualTo(400);
        }
        assertThat(http.get("/engine-rest/task?maxResults=5&dueAfterExpression=" + encode(createMembership), SECRETARY).status())
                .isEqualTo(400);
        Http.Webapp tasklist = http.webapp(SECRETARY, Http.DEMO_PASSWORD);
        assertThat(tasklist.post("/camunda/api/engine/engine/default/task?maxResults=5",
                "{\"orQueries\":[{\"dueAfterExpression\":\"" + createMembership + "\"}]}").status()).isEqualTo(400);
        // not even an administrator stores a filter carrying an expression: only the shipped filters do
        assertThat(http.sendAs("POST", "/engine-rest/filter/create", "admin", "admin", "{\"resourceType\":\"Task\",\"name\":\"x\","
                + "\"query\":{\"assigneeExpression\":\"" + createMembership + "\"}}").status())
                .isEqualTo(400);

        assertThat(identityService.createGroupQuery().groupMember(SECRETARY).list())
                .extracting(g -> g.getId()).containsExactly(Groups.SECRETARIES);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
        assertThat(status()).isEqualTo("OPEN");
        assertThat(rectifications.find(item.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT))).history()).hasSize(1);
        assertThat(task().getId()).isEqualTo(submit.getId());
        assertThat(task().getAssignee()).isEqualTo(SECRETARY);
        assertThat(runtimeService.getVariables(item.processInstanceId())).isEqualTo(before);
    }

    @Test
    void attack1_theSecretaryCannotNameVerifiersNorVerifyHerOwnItem() {
        String submit = task().getId();
        Http.Response extra = http.post("/engine-rest/task/" + submit + "/complete", SECRETARY,
                "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"照片\"},"
                        + "\"verifierGroups\":{\"value\":\"secretaries\"}}}");
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.json().get("message").asText()).contains("verifierGroups", "不是任务“填报整改情况”表单中的字段");
        assertThat(status()).isEqualTo("OPEN");
        assertThat(task().getId()).isEqualTo(submit);

        assertThat(http.post("/engine-rest/task/" + submit + "/complete", SECRETARY,
                "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"照片\"}}}").status()).isEqualTo(204);
        String verify = task().getId();
        Map<String, Object> before = runtimeService.getVariables(item.processInstanceId());
        assertThat(http.post("/engine-rest/task/" + verify + "/claim", SECRETARY, "{\"userId\":\"li.changfu\"}").status()).isEqualTo(403);
        assertThat(http.post("/engine-rest/task/" + verify + "/complete", SECRETARY,
                "{\"variables\":{\"verification\":{\"value\":\"ACCEPT\"}}}").status()).isEqualTo(403);
        assertThat(http.post("/engine-rest/task/" + verify + "/submit-form", SECRETARY,
                "{\"variables\":{\"verification\":{\"value\":\"ACCEPT\"}}}").status()).isEqualTo(403);

        assertThat(status()).isEqualTo("SUBMITTED");
        assertThat(task().getId()).isEqualTo(verify);
        assertThat(task().getAssignee()).isNull();
        assertThat(runtimeService.getVariables(item.processInstanceId())).isEqualTo(before);
    }

    @Test
    void attack2_theAssigneeCannotWriteOrDeleteTheProcessVariables() {
        String submit = task().getId();
        RectificationItem other = rectifications.open(new NewRectification("village-longquan", Source.DUTY_REVIEW, null,
                "他村事项", "", Severity.LOW, process.workingDay(5), null), "zhao.min");
        Map<String, Object> before = runtimeService.getVariables(item.processInstanceId());

        List<Http.Response> answers = List.of(
                http.send("DELETE", "/engine-rest/task/" + submit + "/variables/secretaryUserId", SECRETARY, null),
                http.send("DELETE", "/engine-rest/task/" + submit + "/localVariables/dueDate", SECRETARY, null),
                http.send("PUT", "/engine-rest/task/" + submit + "/variables/maxRejections", SECRETARY, "{\"value\":99}"),
                http.send("PUT", "/engine-rest/task/" + submit + "/variables/itemId", SECRETARY, "{\"value\":" + other.id() + "}"),
                http.post("/engine-rest/task/" + submit + "/variables", SECRETARY,
                        "{\"modifications\":{\"roundRejections\":{\"value\":0}},\"deletions\":[\"escalationAt\"]}"),
                http.post("/engine-rest/task/" + submit + "/bpmnError", SECRETARY, "{\"errorCode\":\"REJECTION_LIMIT_REACHED\"}"),
                http.post("/engine-rest/process-instance/" + item.processInstanceId() + "/variables", SECRETARY,
                        "{\"modifications\":{\"escalationAt\":{\"value\":\"2099-01-01T00:00:00.000+0000\",\"type\":\"Date\"}}}"));

        assertThat(answers).extracting(Http.Response::status).allMatch(s -> s == 400 || s == 403);
        assertThat(answers.get(0).json().get("message").asText()).isEqualTo("任务的流程变量只能通过提交任务表单填写，不能单独修改或删除");
        assertThat(runtimeService.getVariables(item.processInstanceId())).isEqualTo(before);
        assertThat(task().getId()).isEqualTo(submit);
        assertThat(rectifications.find(other.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT))).history()).hasSize(1);
        // the deadline still escalates: the timer fires and its mail step runs without an incident
        Job deadline = managementService.createJobQuery().processInstanceId(item.processInstanceId()).timers()
                .activityId(RectificationProcess.Elements.SUBMIT_DEADLINE_TIMER).singleResult();
        ClockUtil.setCurrentTime(deadline.getDuedate());
        managementService.executeJob(deadline.getId());
        assertThat(status()).isEqualTo("OVERDUE");
        assertThat(runtimeService.createIncidentQuery().processInstanceId(item.processInstanceId()).count()).isZero();
    }

    @Test
    void attack3_theAssigneeCannotRenameDescribeOrHandOverHerTask() {
        Task submit = task();

        assertThat(http.send("PUT", "/engine-rest/task/" + submit.getId(), SECRETARY,
                "{\"name\":\"已完成\",\"description\":\"无需整改\"}").status()).isEqualTo(403);
        assertThat(http.post("/engine-rest/task/" + submit.getId() + "/assignee", SECRETARY, "{\"userId\":\"lin.xiuying\"}").status())
                .isEqualTo(403);
        assertThat(http.post("/engine-rest/task/" + submit.getId() + "/delegate", SECRETARY, "{\"userId\":\"lin.xiuying\"}").status())
                .isEqualTo(403);
        assertThat(http.post("/engine-rest/task/" + submit.getId() + "/unclaim", SECRETARY, null).status()).isEqualTo(403);
        assertThat(http.post("/engine-rest/task/" + submit.getId() + "/identity-links", SECRETARY,
                "{\"groupId\":\"secretaries\",\"type\":\"candidate\"}").status()).isEqualTo(403);

        Task after = task();
        assertThat(after.getName()).isEqualTo(submit.getName());
        assertThat(after.getDescription()).isEqualTo(submit.getDescription());
        assertThat(after.getAssignee()).isEqualTo(SECRETARY);
        assertThat(taskService.getIdentityLinksForTask(after.getId())).noneMatch(l -> "candidate".equals(l.getType()));
    }

    @Test
    void attack4_aTitleWithALineBreakIsRefusedAndADeactivatedOrganizationStillGetsItsMail() {
        long items = count("select count(*) from rectification_item");
        Http.Response refused = http.post("/api/rectifications", SUPERVISOR, "{\"organizationId\":\"village-lijia\",\"source\":\"INSPECTION\","
                + "\"title\":\"标题\\r\\nBcc: x@evil.example\",\"severity\":\"LOW\",\"dueDate\":\"" + process.workingDay(5) + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("title");
        assertThat(count("select count(*) from rectification_item")).isEqualTo(items);

        jdbc.sql("update organization set active = false where id = 'village-lijia'").update();
        try {
            Job reminder = managementService.createJobQuery().processInstanceId(item.processInstanceId()).timers()
                    .activityId(RectificationProcess.Elements.SUBMIT_REMINDER_TIMER).singleResult();
            ClockUtil.setCurrentTime(reminder.getDuedate());
            managementService.executeJob(reminder.getId());
        } finally {
            jdbc.sql("update organization set active = true where id = 'village-lijia'").update();
        }
        assertThat(runtimeService.createIncidentQuery().processInstanceId(item.processInstanceId()).count()).isZero();
        assertThat(jdbc.sql("select recipients from mail_outbox where dedup_key like ?")
                .param("rectification-" + item.id() + "-submit-reminder-%").query(String.class).single()).isEqualTo("li.changfu@qinghe.example");
    }

    @Test
    void attack5_theIssuerCannotNameAForeignVerifier() {
        long items = count("select count(*) from rectification_item");
        for (String issuing : List.of("town-longquan", "village-longquan", "no-such-org", "village-lijia")) {
            Http.Response refused = http.post("/api/rectifications", SUPERVISOR, "{\"organizationId\":\"village-lijia\",\"source\":\"OTHER\","
                    + "\"title\":\"核验组外移\",\"severity\":\"LOW\",\"dueDate\":\"" + process.workingDay(5) + "\",\"issuingOrganizationId\":\""
                    + issuing + "\"}");
            assertThat(refused.status()).as(issuing).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("issuingOrganizationId");
        }
        assertThat(count("select count(*) from rectification_item")).isEqualTo(items);
        Http.Response byTheCity = http.post("/api/rectifications", SUPERVISOR, "{\"organizationId\":\"village-lijia\",\"source\":\"OTHER\","
                + "\"title\":\"市委核验\",\"severity\":\"LOW\",\"dueDate\":\"" + process.workingDay(5) + "\",\"issuingOrganizationId\":\"city\"}");
        assertThat(byTheCity.status()).isEqualTo(201);
    }

    @Test
    void attack6_theOrganizationDepartmentCannotDeployOrStartAModelNorReachBeansThroughOne() {
        String evil = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
                  <bpmn:process id="attack-evil" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:extensionElements><camunda:executionListener expression="${identityService.createMembership('zhao.min','camunda-admin')}" event="start" /></bpmn:extensionElements>
                    <bpmn:startEvent id="s"/>
                  </bpmn:process>
                </bpmn:definitions>""";
        Http.Response deploy = http.upload("/engine-rest/deployment/create", "zhao.min", Http.DEMO_PASSWORD, "data", "evil.bpmn",
                evil.getBytes(StandardCharsets.UTF_8));
        assertThat(deploy.status()).isEqualTo(403);
        assertThat(http.post("/engine-rest/process-definition/key/rectification/start", "zhao.min", "{}").status()).isEqualTo(403);
        assertThat(http.send("DELETE", "/engine-rest/process-instance/" + item.processInstanceId(), "zhao.min", null).status()).isEqualTo(403);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("attack-evil").count()).isZero();

        // even a model an administrator deploys reaches only the beans the shipped models name
        String deployment = repositoryService.createDeployment().addString("evil.bpmn", evil).deploy().getId();
        try {
            assertThat(http.post("/engine-rest/process-definition/key/attack-evil/start", "admin", "admin", "{}").status()).isNotIn(200, 204);
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
        assertThat(identityService.createGroupQuery().groupMember("zhao.min").list()).extracting(g -> g.getId())
                .doesNotContain(Groups.CAMUNDA_ADMIN);
        assertThat(status()).isEqualTo("OPEN");
    }

    @Test
    void attack8_wrongPasswordsLockForAWhileOnlyAreLoggedAndAnAdministratorUnlocks(CapturedOutput output) {
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/organizations", "cui.zhihua", "wrong").status()).isEqualTo(401);
        }
        assertThat(http.get("/api/organizations", "cui.zhihua").status()).as("locked for a moment").isEqualTo(401);
        assertThat(output.getOut()).contains("Login failed for user 'cui.zhihua'", "locked until");

        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 10 * 60_000));
        assertThat(http.get("/api/organizations", "cui.zhihua").status()).as("the lock ends by itself").isEqualTo(200);
        ClockUtil.reset();

        assertThat(http.get("/api/organizations", "cui.zhihua", "wrong").status()).isEqualTo(401);
        assertThat(http.sendAs("POST", "/engine-rest/user/cui.zhihua/unlock", "admin", "admin", null).status())
                .isEqualTo(204);
        assertThat(http.get("/api/organizations", "cui.zhihua").status()).as("unlocked by the administrator").isEqualTo(200);
        assertThat(http.send("POST", "/engine-rest/user/admin/unlock", SECRETARY, null).status()).isEqualTo(403);
    }

    @Test
    void attack9_bodiesAreBoundedAndNoBrowserIsAskedForCredentialsNorAllowedCrossSiteWrites() {
        String huge = "{\"assignee\":\"" + "x".repeat(1_100_000) + "\"}";
        Http.Response tooLarge = http.post("/engine-rest/task?maxResults=1", SECRETARY, huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("message").asText()).startsWith("请求内容过大");
        assertThat(http.upload("/engine-rest/deployment/create", "admin", "admin", "data", "big.bpmn", new byte[6 * 1024 * 1024]).status())
                .isEqualTo(413);
        // the directory's own limit: 8 MB in the test profile (a province's 64 MB by default)
        assertThat(http.upload("/api/directory", "zhao.min", Http.DEMO_PASSWORD, "file", "big.yml", new byte[9 * 1024 * 1024]).status())
                .isEqualTo(413);

        for (String path : List.of("/api/organizations", "/engine-rest/task")) {
            Http.Response anonymous = http.getAnonymous(path);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.challenges()).as(path).isEmpty();
        }

        long items = count("select count(*) from rectification_item");
        String body = "{\"organizationId\":\"village-lijia\",\"source\":\"OTHER\",\"title\":\"跨站\",\"severity\":\"LOW\",\"dueDate\":\""
                + process.workingDay(5) + "\"}";
        assertThat(http.send("POST", "/api/rectifications", SUPERVISOR, body, "Origin", "https://evil.example").status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/rectifications", SUPERVISOR, body, "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);
        assertThat(http.send("POST", "/engine-rest/task/" + task().getId() + "/complete", SECRETARY,
                "{\"variables\":{\"measures\":{\"value\":\"x\"},\"evidence\":{\"value\":\"y\"}}}", "Origin", "https://evil.example").status())
                .isEqualTo(403);
        assertThat(count("select count(*) from rectification_item")).isEqualTo(items);
        assertThat(status()).isEqualTo("OPEN");
        assertThat(http.send("POST", "/api/rectifications", SUPERVISOR, body, "Origin", "http://localhost:" + port,
                "Sec-Fetch-Site", "same-origin").status()).isEqualTo(201);
    }

    @Test
    void attack11_countsAndStatisticsCoverOnlyWhatTheUserMayRead() {
        for (String user : List.of(SECRETARY, "lin.xiuying", SUPERVISOR, "shi.xiaohong", "zhao.min")) {
            int visible = http.get("/engine-rest/process-instance/count?processDefinitionKey=" + RectificationProcess.PROCESS_ID, user)
                    .json().get("count").asInt();
            int counted = 0;
            for (var definition : http.get("/engine-rest/process-definition/statistics", user).json()) {
                if (definition.get("definition").get("key").asText().equals(RectificationProcess.PROCESS_ID)) {
                    counted += definition.get("instances").asInt();
                }
            }
            assertThat(counted).as(user).isEqualTo(visible);
        }
        int all = (int) runtimeService.createProcessInstanceQuery().processDefinitionKey(RectificationProcess.PROCESS_ID).count();
        assertThat(http.get("/engine-rest/process-instance/count?processDefinitionKey=rectification", SECRETARY).json().get("count").asInt())
                .isEqualTo((int) runtimeService.createProcessInstanceQuery().processDefinitionKey("rectification")
                        .variableValueEquals("organizationId", "village-lijia").count())
                .isLessThan(all);
        assertThat(http.get("/engine-rest/process-instance/count?processDefinitionKey=rectification", "shi.xiaohong").json()
                .get("count").asInt()).isLessThan(all);
        assertThat(http.get("/engine-rest/process-instance/count?processDefinitionKey=rectification", "zhao.min").json()
                .get("count").asInt()).isEqualTo(all);
    }

    @Test
    void attack12_closedAndOperatorEndpointsStayClosedHoweverThePathIsWritten() {
        for (String path : List.of("/engine-rest/identity/verify", "/engine-rest/identity/verify;x=1",
                "/engine-rest;x=1/identity/verify", "/engine-rest/identity/./verify")) {
            Http.Response closed = http.post(path, SECRETARY, "{\"username\":\"admin\",\"password\":\"admin\"}");
            assertThat(closed.status()).as(path).isEqualTo(403);
            assertThat(closed.json().get("message").asText()).as(path).isEqualTo("此接口未开放");
        }
        for (String path : List.of("/camunda/api/admin/setup/default/user/create", "/camunda/api/admin/setup;x=1/default/user/create")) {
            assertThat(http.postAnonymous(path, "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}")
                    .status()).as(path).isEqualTo(403);
        }
        for (String path : List.of("/api/mail-outbox", "/api/mail-outbox;x=1", "/api/mail-outbox/;x=1", "/api/./mail-outbox",
                "/actuator/metrics", "/actuator;x=1/metrics")) {
            assertThat(http.get(path, SECRETARY).status()).as(path).isEqualTo(403);
        }
        assertThat(identityService.createUserQuery().userId("mallory").count()).isZero();
        assertThat(http.get("/api/mail-outbox;x=1", "zhao.min").status()).isEqualTo(200);
    }

    @Test
    void attack13_dutyReportTasksTakeTheirFormsFieldsOnlyAndReportsStayWithinTheirOrganizations() {
        int year = 6000 + (int) (System.nanoTime() % 1000);
        var round = rounds.start(DutyReportProcess.PROCESS_ID, year + "-MID_YEAR", year + "年年中书记述职",
                new RoundScope(RoundScope.Kind.UNDER, null, "village-lijia", null, null),
                Map.of("year", year, "half", "MID_YEAR", "dueDate", process.workingDay(10).toString(),
                        "reviewerIds", List.of("zhao.min", "kong.linghui", "mao.jianjun")), "zhao.min");
        org.awaitility.Awaitility.await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        String businessKey = year + "-MID_YEAR-village-lijia";
        Task write = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult();
        String report = "\"workDone\":{\"value\":\"x\"},\"problems\":{\"value\":\"y\"},\"nextSteps\":{\"value\":\"z\"}";

        // the secretary cannot approve her own report, name her reviewers or skip the review by extra variables
        for (String extra : List.of("\"approved\":{\"value\":true}", "\"reviewer\":{\"value\":\"li.changfu\"}",
                "\"reportDueDate\":{\"value\":\"2099-01-01T00:00:00.000+0800\",\"type\":\"Date\"}")) {
            Http.Response refused = http.post("/engine-rest/task/" + write.getId() + "/complete", SECRETARY,
                    "{\"variables\":{" + report + "," + extra + "}}");
            assertThat(refused.status()).as(extra).isEqualTo(400);
        }
        // another village's secretary cannot touch it
        assertThat(http.post("/engine-rest/task/" + write.getId() + "/complete", "lin.xiuying", "{\"variables\":{" + report + "}}")
                .status()).isIn(403, 404);
        assertThat(http.post("/engine-rest/task/" + write.getId() + "/complete", SECRETARY, "{\"variables\":{" + report + "}}")
                .status()).isEqualTo(204);

        Task review = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult();
        assertThat(http.post("/engine-rest/task/" + review.getId() + "/complete", SUPERVISOR,
                "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"},\"approved\":{\"value\":false}}}").status())
                .isEqualTo(400);
        assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
        // lists stay within what the caller may see
        assertThat(http.get("/api/duty-reports?year=" + year + "&organizationId=village-lijia", "lin.xiuying").json()).isEmpty();
        assertThat(http.get("/api/duty-reports?year=" + year + "&organizationId=village-lijia", SUPERVISOR).json()).hasSize(1);
        assertThat(http.get("/api/rounds/" + round.id(), SUPERVISOR).status()).isEqualTo(403);
    }

    @Test
    void attack14_noCommentOrAttachmentOnATaskPastTheFormAndTheEvidenceChecks() {
        Task submit = task();
        Map<String, Object> before = runtimeService.getVariables(item.processInstanceId());
        String refusal = "任务不接受评论和附件：意见请填写在任务表单中，佐证材料请在整改事项的“佐证材料”中上传";

        Http.Response comment = http.post("/engine-rest/task/" + submit.getId() + "/comment/create", SECRETARY,
                "{\"message\":\"已整改完毕，请直接销号\"}");
        assertThat(comment.status()).isEqualTo(403);
        assertThat(comment.json().get("message").asText()).isEqualTo(refusal);
        Http.Response attachment = http.upload("/engine-rest/task/" + submit.getId() + "/attachment/create", SECRETARY,
                Http.DEMO_PASSWORD, "content", "整改报告.exe", "MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(attachment.status()).isEqualTo(403);
        assertThat(attachment.json().get("message").asText()).isEqualTo(refusal);
        Http.Webapp tasklist = http.webapp(SECRETARY, Http.DEMO_PASSWORD);
        assertThat(tasklist.post("/camunda/api/engine/engine/default/task/" + submit.getId() + "/comment/create",
                "{\"message\":\"已整改\"}").status()).isEqualTo(403);

        // nor remove or rewrite what an administrator wrote
        Http.Response byAdmin = http.sendAs("POST", "/engine-rest/task/" + submit.getId() + "/comment/create", "admin", "admin",
                "{\"message\":\"管理员备注\"}");
        assertThat(byAdmin.status()).isEqualTo(200);
        String commentId = byAdmin.json().get("id").asText();
        try {
            assertThat(http.send("DELETE", "/engine-rest/task/" + submit.getId() + "/comment/" + commentId, SECRETARY, null).status())
                    .isEqualTo(403);
            assertThat(http.send("PUT", "/engine-rest/task/" + submit.getId() + "/comment", SECRETARY,
                    "{\"id\":\"" + commentId + "\",\"message\":\"已核验通过\"}").status()).isEqualTo(403);
            assertThat(taskService.getTaskComments(submit.getId())).extracting(c -> c.getFullMessage()).containsExactly("管理员备注");
        } finally {
            taskService.deleteTaskComment(submit.getId(), commentId);
        }

        assertThat(taskService.getTaskComments(submit.getId())).isEmpty();
        assertThat(taskService.getTaskAttachments(submit.getId())).isEmpty();
        assertThat(runtimeService.getVariables(item.processInstanceId())).isEqualTo(before);
        assertThat(task().getId()).isEqualTo(submit.getId());
        assertThat(status()).isEqualTo("OPEN");
        assertThat(rectifications.find(item.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT))).history()).hasSize(1);
    }

    private Task task() {
        return taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult();
    }

    private String status() {
        return rectifications.find(item.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT))).status().name();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
