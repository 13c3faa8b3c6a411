package org.partybuilding.taskmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.partybuilding.workflow.ProcessTestSupport.body;
import static org.partybuilding.workflow.ProcessTestSupport.subject;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 【新任务】 mail, the daily 【待办汇总】 and each user's switch, over real SMTP (GreenMail) and HTTP. Every test
 * works with users of its own (created here, removed afterwards), so other test classes' open tasks do not count:
 * a user's open tasks decide between single mails and the digest.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentMailTest {

    static final String PROCESS_ID = "test-assignment-mail";
    static final String PROCESS_NAME = "测试派发流程";
    static final String MANY_PROCESS_ID = "test-assignment-mail-many";
    static final String QUIET_PROCESS_ID = "test-assignment-mail-quiet";
    static final String TASK_NAME = "测试办理任务";
    static final String ASSIGNEE = "assignee";
    static final String DUE = "due";
    static final String FAIL = "fail";
    static final String ORGANIZATION = "village-lijia";
    static final String ORGANIZATION_NAME = "中共青禾市河西镇李家村委员会";
    static final String PASSWORD = "Qinghe-Test-2026!";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired ProcessTestSupport process;
    @Autowired Deadlines deadlines;
    @Autowired DailyDigest digest;
    @Autowired AssignmentMailProperties properties;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private Http http;
    private final List<String> users = new ArrayList<>();
    private final List<String> instances = new ArrayList<>();

    @BeforeAll
    void deployTestModel() {
        http = new Http(port);
        // a step that can fail after the task is created, in the same transaction: a retried job creates it again
        repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(PROCESS_ID + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS_ID).name(PROCESS_NAME).camundaHistoryTimeToLive(1)
                        .startEvent().camundaAsyncAfter()
                        .parallelGateway("Gateway_Fork")
                        .userTask("Task_Work").name(TASK_NAME).camundaAssignee("${" + ASSIGNEE + "}").camundaDueDate("${" + DUE + "}")
                        .endEvent()
                        .moveToNode("Gateway_Fork")
                        .serviceTask("Task_MayFail").camundaExpression("${" + FAIL + " ? noSuchBean.fails : null}")
                        .endEvent()
                        .done()).deploy();
        // a model whose task opts out of the mail (the benchmark's bare baseline)
        repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(QUIET_PROCESS_ID + ".bpmn",
                AssignmentMailOptOut.on(Bpmn.createExecutableProcess(QUIET_PROCESS_ID).name(PROCESS_NAME).camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Work").name(TASK_NAME).camundaAssignee("${" + ASSIGNEE + "}").endEvent()
                        .done(), "Task_Work")).deploy();
        // many tasks for one user in one transaction, as a multi-instance step or a round's batch opens them
        repositoryService.createDeployment().name(PROCESS_ID).addModelInstance(MANY_PROCESS_ID + ".bpmn",
                Bpmn.createExecutableProcess(MANY_PROCESS_ID).name(PROCESS_NAME).camundaHistoryTimeToLive(1)
                        .startEvent()
                        .userTask("Task_Work").name(TASK_NAME).camundaAssignee("${" + ASSIGNEE + "}")
                        .multiInstance().parallel().cardinality("${count}").multiInstanceDone()
                        .endEvent()
                        .done()).deploy();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        instances.forEach(id -> runtimeService.deleteProcessInstanceIfExists(id, "test", true, true, true, true));
        instances.clear();
        users.forEach(identityService::deleteUser);
        users.forEach(user -> jdbc.sql("delete from mail_preference where user_id = ?").param(user).update());
        users.clear();
    }

    @AfterAll
    void removeTestModel() {
        repositoryService.createDeploymentQuery().deploymentName(PROCESS_ID).list()
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    }

    @Test
    void theAssigneeGetsOneMailWithTheTaskItsContextItsDueDayAndALinkThatOpensIt() {
        String user = user();
        LocalDate due = process.workingDay(10);
        String instance = start(user, due);
        Task task = taskOf(instance);

        List<MimeMessage> mails = inbox(user, 1);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(subject(mail)).isEqualTo(TaskMails.ASSIGNED + TASK_NAME + "（" + ORGANIZATION_NAME + "）");
        String link = "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + task.getId();
        assertThat(body(mail)).startsWith("测试用户" + user + "同志：").contains("任务：" + TASK_NAME, "流程：" + PROCESS_NAME,
                "党组织：" + ORGANIZATION_NAME, "办理期限：" + process.text(due), "办理任务：" + link,
                "/account/mail-preferences.html", "办理期限提醒和督办邮件不能关闭");

        // the link: Tasklist's page, and the task it names is this user's to open (as a member of the organization)
        identityService.createTenantUserMembership(ORGANIZATION, user);
        assertThat(http.getAnonymous("/camunda/app/tasklist/default/").status()).isEqualTo(200);
        Http.Response opened = http.get("/engine-rest/task/" + link.substring(link.indexOf("?task=") + 6), user, PASSWORD);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().path("name").asText()).isEqualTo(TASK_NAME);
        assertThat(opened.json().path("assignee").asText()).isEqualTo(user);
        assertThat(process.countMails(greenMail, TaskMails.ASSIGNED + TASK_NAME)).isEqualTo(1);
    }

    @Test
    void everyUserTaskOfTheProductsModelsHasTheListenerWithoutNamingIt() {
        List<String> userTasks = new ArrayList<>();
        for (String processId : List.of("rectification", "duty-report", "list-signing", "quarterly-inspection", "annual-cycle")) {
            String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(processId).latestVersion().list().get(0).getId();
            ProcessDefinitionEntity definition = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repositoryService).getDeployedProcessDefinition(id);
            collectUserTasks(definition.getActivities(), userTasks);
        }
        assertThat(userTasks).contains("Task_SubmitRectification", "Task_WriteReport", "Task_GradeReport", "Task_SignList",
                "Task_Inspect", "Task_Revisit");
    }

    private static void collectUserTasks(List<ActivityImpl> activities, List<String> found) {
        for (ActivityImpl activity : activities) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                assertThat(userTask.getTaskDefinition().getTaskListenersForEvent(TaskListener.EVENTNAME_ASSIGNMENT))
                        .as("assignment listeners of %s", activity.getId()).hasSize(1);
                found.add(activity.getId());
            }
            collectUserTasks(activity.getActivities(), found);
        }
    }

    @Test
    void aTaskWhoseModelOptsOutGetsNoListenerAndNoMail() {
        String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(QUIET_PROCESS_ID).latestVersion().singleResult().getId();
        ProcessDefinitionEntity definition = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repositoryService).getDeployedProcessDefinition(id);
        UserTaskActivityBehavior task = (UserTaskActivityBehavior) definition.findActivity("Task_Work").getActivityBehavior();
        assertThat(task.getTaskDefinition().getTaskListenersForEvent(TaskListener.EVENTNAME_ASSIGNMENT)).isNullOrEmpty();

        String user = user();
        instances.add(runtimeService.startProcessInstanceByKey(QUIET_PROCESS_ID, variables(user, process.workingDay(10), false)).getId());
        assertThat(taskService.createTaskQuery().taskAssignee(user).count()).isEqualTo(1);
        assertThat(outboxRows(user)).isZero();
    }

    @Test
    void aStepThatFailsAndIsRetriedMailsOnce() {
        String user = user();
        String instance = runtimeService.startProcessInstanceByKey(PROCESS_ID, variables(user, process.workingDay(10), true)).getId();
        instances.add(instance);
        Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();

        // the task and its mail are created, then the step fails: both roll back
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();
        assertThat(outboxRows(user)).isZero();
        runtimeService.setVariable(instance, FAIL, false);
        managementService.executeJob(job.getId());

        assertThat(outboxRows(user)).isEqualTo(1);
        assertThat(inbox(user, 1)).hasSize(1);
        assertThat(process.countMails(greenMail, TaskMails.ASSIGNED + TASK_NAME)).isEqualTo(1);
    }

    @Test
    void aTaskHandedToSomeoneElseMailsTheNewAssigneeOnly() {
        String first = user();
        String second = user();
        String instance = start(first, process.workingDay(10));
        inbox(first, 1);
        Task task = taskOf(instance);

        // as the directory does when an organization's secretary changes
        taskService.setAssignee(task.getId(), second);

        assertThat(body(inbox(second, 1).get(0))).contains("?task=" + task.getId());
        assertThat(process.countMails(greenMail, TaskMails.ASSIGNED + TASK_NAME)).isEqualTo(2);
        assertThat(inbox(first, 1)).hasSize(1);
    }

    @Test
    void aUserWhoClaimsATaskThemselvesIsNotToldAboutIt() {
        String user = user();
        String other = user();
        String instance = start(other, process.workingDay(10));
        inbox(other, 1);
        Task task = taskOf(instance);
        taskService.setAssignee(task.getId(), null);
        taskService.addCandidateUser(task.getId(), user);

        process.as(user, List.of(), List.of(ORGANIZATION), () -> taskService.claim(task.getId(), user));

        assertThat(taskOf(instance).getAssignee()).isEqualTo(user);
        assertThat(outboxRows(user)).isZero();
        assertThat(process.countMails(greenMail, TaskMails.ASSIGNED + TASK_NAME)).as("the first assignee's only").isEqualTo(1);
    }

    @Test
    void aboveTheThresholdNewTasksAreNotMailedOneByOneButInTheDigestOverdueFirst() {
        int threshold = properties.digestThreshold();
        String busy = user();
        String quiet = user();
        String idle = user();
        LocalDate firstDue = process.workingDay(1);
        List<String> upcoming = new ArrayList<>();
        for (int i = 1; i <= threshold; i++) {
            upcoming.add(taskOf(start(busy, process.workingDay(10 + i))).getId());
        }
        assertThat(inbox(busy, threshold)).hasSize(threshold);
        // the next two are overdue by the time the digest runs
        String lateSecond = taskOf(start(busy, process.workingDay(2))).getId();
        String lateFirst = taskOf(start(busy, firstDue)).getId();
        assertThat(outboxRows(busy)).as("no single mail above the threshold").isEqualTo(threshold);
        start(quiet, process.workingDay(3));
        inbox(quiet, 1);

        LocalDate day = process.workingDay(4);
        ClockUtil.setCurrentTime(Date.from(day.atTime(8, 0).atZone(deadlines.zone()).toInstant()));
        digest.send();

        MimeMessage mail = digestOf(busy);
        assertThat(subject(mail)).isEqualTo(TaskMails.DIGEST + process.text(day) + "：您有 " + (threshold + 2) + " 项待办任务，其中 2 项已逾期");
        String text = body(mail);
        assertThat(text).contains("一、已逾期（2 项）", "二、未到期（" + threshold + " 项）", ORGANIZATION_NAME,
                "办理期限：" + process.text(firstDue) + "（已逾期");
        List<String> order = new ArrayList<>(List.of(lateFirst, lateSecond));
        order.addAll(upcoming);
        int last = -1;
        for (String taskId : order) {
            int at = text.indexOf("?task=" + taskId);
            assertThat(at).as("task %s listed after the one before", taskId).isGreaterThan(last);
            last = at;
        }
        assertThat(digestRows(quiet)).as("few tasks: single mails, no digest").isZero();
        assertThat(digestRows(idle)).as("nothing open, no digest").isZero();
    }

    @Test
    void tasksOpenedTogetherCountTowardsTheThresholdBeforeTheyAreWritten() {
        String user = user();
        int threshold = properties.digestThreshold();
        Map<String, Object> variables = variables(user, process.workingDay(10), false);
        variables.put("count", threshold + 3);
        instances.add(runtimeService.startProcessInstanceByKey(MANY_PROCESS_ID, variables).getId());

        assertThat(taskService.createTaskQuery().taskAssignee(user).count()).isEqualTo(threshold + 3);
        assertThat(outboxRows(user)).isEqualTo(threshold);
        assertThat(inbox(user, threshold)).hasSize(threshold);
    }

    @Test
    void twoNodesRunningTheDigestTogetherSendItOnce() throws Exception {
        String busy = user();
        for (int i = 0; i <= properties.digestThreshold(); i++) {
            start(busy, process.workingDay(10));
        }
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(digest::send);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(digest::send);
        one.get();
        other.get();
        digest.send();

        digestOf(busy);
        assertThat(digestRows(busy)).isEqualTo(1);
        await().during(Duration.ofMillis(700)).atMost(ProcessTestSupport.PATIENCE)
                .until(() -> mailsTo(busy).stream().filter(m -> subject(m).startsWith(TaskMails.DIGEST)).count() == 1);
    }

    @Test
    void aUserCanSwitchTaskMailsOffAndOnAgainButNotDutyMails() {
        String user = user();
        assertThat(http.get("/api/account/mail-preferences", user, PASSWORD).json().path("assignmentMails").asBoolean()).isTrue();

        Http.Response off = http.sendAs("PUT", "/api/account/mail-preferences", user, PASSWORD, "{\"assignmentMails\":false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().path("assignmentMails").asBoolean()).isFalse();
        assertThat(http.get("/api/account/mail-preferences", user, PASSWORD).json().path("assignmentMails").asBoolean()).isFalse();
        for (int i = 0; i <= properties.digestThreshold(); i++) {
            start(user, process.workingDay(10));
        }
        digest.send();
        assertThat(outboxRows(user)).isZero();
        assertThat(digestRows(user)).isZero();

        Http.Response on = http.sendAs("PUT", "/api/account/mail-preferences", user, PASSWORD, "{\"assignmentMails\":true}");
        assertThat(on.json().path("assignmentMails").asBoolean()).isTrue();
        digest.send();
        assertThat(digestOf(user)).isNotNull();
        assertThat(digestRows(user)).isEqualTo(1);
    }

    @Test
    void theOrganizationDepartmentMayReadAnyonesSwitchOthersOnlyTheirOwn() {
        String user = user();
        String other = user();
        http.sendAs("PUT", "/api/account/mail-preferences", user, PASSWORD, "{\"assignmentMails\":false}");

        Http.Response read = http.get("/api/account/mail-preferences?userId=" + user, "zhao.min");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("assignmentMails").asBoolean()).isFalse();
        assertThat(http.get("/api/account/mail-preferences?userId=nobody-" + user, "zhao.min").status()).isEqualTo(404);
        Http.Response refused = http.get("/api/account/mail-preferences?userId=" + user, other, PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).isEqualTo("只能查看本人的邮件设置");
        assertThat(http.get("/api/account/mail-preferences?userId=" + other, other, PASSWORD).json().path("assignmentMails").asBoolean())
                .isTrue();
    }

    @Test
    void theSwitchRefusesBadRequestsInChineseAndStrangers() {
        String user = user();
        Http.Response broken = http.sendAs("PUT", "/api/account/mail-preferences", user, PASSWORD, "{\"assignmentMails\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("message").asText()).containsPattern("\\p{IsHan}");
        Http.Response notBoolean = http.sendAs("PUT", "/api/account/mail-preferences", user, PASSWORD, "{\"assignmentMails\":\"maybe\"}");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(notBoolean.json().path("message").asText()).contains("assignmentMails");
        Http.Response missing = http.sendAs("PUT", "/api/account/mail-preferences", user, PASSWORD, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).contains("请填写 assignmentMails");

        assertThat(http.getAnonymous("/api/account/mail-preferences").status()).isEqualTo(401);
        assertThat(http.get("/api/account/mail-preferences", user, "wrong-Password-1").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from mail_preference where user_id = ?").param(user).query(Long.class).single())
                .as("nothing stored").isZero();
        assertThat(http.getAnonymous("/account/mail-preferences.html").status()).isEqualTo(200);
    }

    /** A user of this test only, with an address of their own. */
    private String user() {
        String id = "mailtest-" + UUID.randomUUID().toString().substring(0, 8);
        User user = identityService.newUser(id);
        user.setFirstName("测试用户" + id);
        user.setLastName("");
        user.setEmail(id + "@qinghe.example");
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        users.add(id);
        return id;
    }

    private String start(String user, LocalDate due) {
        String instance = runtimeService.startProcessInstanceByKey(PROCESS_ID, variables(user, due, false)).getId();
        instances.add(instance);
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).singleResult().getId());
        return instance;
    }

    private Map<String, Object> variables(String user, LocalDate due, boolean fail) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ASSIGNEE, user);
        variables.put(DUE, deadlines.deadlineOf(due));
        variables.put(FAIL, fail);
        variables.put(DirectoryService.ORGANIZATION_ID_VARIABLE, ORGANIZATION);
        return variables;
    }

    private Task taskOf(String instance) {
        return taskService.createTaskQuery().processInstanceId(instance).singleResult();
    }

    private List<MimeMessage> mailsTo(String user) {
        return greenMail.findReceivedMessages(u -> (user + "@qinghe.example").equalsIgnoreCase(u.getEmail()), m -> true).toList();
    }

    /** The user's 【新任务】 mails, once at least {@code count} arrived. */
    private List<MimeMessage> inbox(String user, int count) {
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> assigned(user).size() >= count);
        return assigned(user);
    }

    private List<MimeMessage> assigned(String user) {
        return mailsTo(user).stream().filter(m -> subject(m).startsWith(TaskMails.ASSIGNED)).toList();
    }

    private MimeMessage digestOf(String user) {
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> mailsTo(user).stream().anyMatch(m -> subject(m).startsWith(TaskMails.DIGEST)));
        return mailsTo(user).stream().filter(m -> subject(m).startsWith(TaskMails.DIGEST)).findFirst().orElseThrow();
    }

    private long outboxRows(String user) {
        return jdbc.sql("select count(*) from mail_outbox where dedup_key like ?")
                .param(AssignmentMailListener.DEDUP_PREFIX + "%:" + user).query(Long.class).single();
    }

    private long digestRows(String user) {
        return jdbc.sql("select count(*) from mail_outbox where dedup_key like ?")
                .param(DailyDigest.DEDUP_PREFIX + user + ":%").query(Long.class).single();
    }
}
