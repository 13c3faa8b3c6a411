package org.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.OrganizationTaskProcess;
import org.partybuilding.rectification.EventType;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationEvent;
import org.partybuilding.rectification.RectificationItem;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.rectification.Status;
import org.partybuilding.dutyreport.DutyReportProcess;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

@IntegrationTest
class DirectoryImportTest {

    static final String DEMO = "directory/demo-directory.yml";
    static final List<String> ORGANIZATION_FIELDS = List.of("id", "name", "domain", "secretaryType", "parentId",
            "supervisorId", "secretaryUserId", "secretaryName", "secretaryEmail", "secretaryPhone", "email");

    @Autowired DirectoryService directory;
    @Autowired IdentityService identityService;
    @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired RectificationService rectifications;
    @Autowired ProcessTestSupport process;
    @Autowired Rounds rounds;
    @Autowired AdminAccount adminAccount;
    @LocalServerPort int port;

    private Http http;
    private String demo;

    @BeforeEach
    void readTheDemoDirectory() throws IOException {
        http = new Http(port);
        try (InputStream in = new ClassPathResource(DEMO).getInputStream()) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void restoreTheDemoDirectory() {
        directory.importDirectory(new ByteArrayInputStream(demo.getBytes(StandardCharsets.UTF_8)), DEMO, null, true);
    }

    @Test
    void servesTheDemoCityWithThePublishedFieldNames() {
        Http.Response response = http.get("/api/organizations", "li.changfu");

        assertThat(response.status()).isEqualTo(200);
        JsonNode organizations = response.json();
        assertThat(organizations.size()).isGreaterThanOrEqualTo(46);
        Set<String> types = new HashSet<>();
        int grassroots = 0;
        for (JsonNode organization : organizations) {
            List<String> fields = new ArrayList<>();
            organization.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyElementsOf(ORGANIZATION_FIELDS);
            types.add(organization.get("secretaryType").asText());
            if (organization.get("domain").asText().matches("VILLAGE|COMMUNITY|NON_PUBLIC_ENTERPRISE|SOCIAL_ORGANIZATION"
                    + "|STATE_OWNED_ENTERPRISE|GOVERNMENT_AGENCY|PUBLIC_INSTITUTION")) {
                grassroots++;
            }
        }
        assertThat(grassroots).isGreaterThanOrEqualTo(40);
        assertThat(types).containsAll(directory.secretaryTypes().stream().map(SecretaryType::code).toList());
        assertThat(directory.secretaryTypes()).hasSize(8);
        JsonNode root = organizations.get(0);
        assertThat(root.get("parentId").isNull()).isTrue();
        assertThat(root.get("supervisorId").isNull()).isTrue();
    }

    @Test
    void mailForTheOrganizationDepartmentGoesToTheCityWhenNoStaffIsListed() {
        assertThat(directory.orgDeptEmails()).containsExactlyInAnyOrder("zhao.min@qinghe.example", "kong.linghui@qinghe.example");

        importText(demo.replace("groups: [org-dept]", "groups: []"));

        assertThat(directory.orgDeptEmails()).containsExactly("swzzb@qinghe.example");
    }

    @Test
    void theOrganizationsAUserOverseesAtOnceAreThoseOverseesIsTrueFor() {
        List<ApiUser> users = new ArrayList<>(directory.staff().stream().map(s -> new ApiUser(s.userId(), s.groups())).toList());
        users.add(new ApiUser("li.changfu", List.of(Groups.SECRETARIES)));
        List<Organization> organizations = directory.organizations();
        int above = 0;
        for (ApiUser user : users) {
            Set<String> overseen = directory.overseenBy(user);
            for (Organization organization : organizations) {
                boolean oversees = directory.oversees(user, organization.id());
                assertThat(overseen == null || overseen.contains(organization.id())).as(user.userId() + " above " + organization.id())
                        .isEqualTo(oversees);
                above += oversees ? 1 : 0;
            }
        }
        assertThat(directory.overseenBy(new ApiUser("zhao.min", List.of(Groups.ORG_DEPT)))).isNull();
        assertThat(directory.overseenBy(new ApiUser("mao.jianjun", List.of()))).contains("village-lijia")
                .doesNotContain("town-hexi", "village-longquan");
        assertThat(directory.overseenBy(new ApiUser("li.changfu", List.of(Groups.SECRETARIES)))).isEmpty();
        assertThat(above).isGreaterThan(organizations.size());
    }

    @Test
    void answers404ForAnUnknownOrganization() {
        Http.Response response = http.get("/api/organizations/no-such-org", "li.changfu");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("message").asText()).isEqualTo("组织 no-such-org 不存在");
    }

    @Test
    void mirrorsTheDirectoryIntoCamundaUsersAndGroups() {
        assertThat(identityService.checkPassword("li.changfu", Http.DEMO_PASSWORD)).isTrue();
        assertThat(groupsOf("li.changfu")).containsExactly(Groups.SECRETARIES);
        assertThat(groupsOf("mao.jianjun")).containsExactly(Groups.staffOf("town-hexi"));
        assertThat(groupsOf("qiu.hongmei")).containsExactlyInAnyOrder(Groups.INSPECTORS, Groups.staffOf("town-hexi"));
        assertThat(groupsOf("zhao.min")).containsExactlyInAnyOrder(Groups.ORG_DEPT, Groups.staffOf("city"));
        assertThat(groupsOf("admin")).contains(Groups.ORG_DEPT, Groups.CAMUNDA_ADMIN);
        assertThat(identityService.createUserQuery().userId("li.changfu").singleResult().getFirstName()).isEqualTo("李长福");
        assertThatTheAdministratorIsNamedInChinese();
        // every supervising organization has a staff group, e.g. the sector committee of non-public enterprises
        assertThat(identityService.createGroupQuery().groupId(Groups.staffOf("sector-two-new")).singleResult().getName())
                .isEqualTo("中共青禾市委两新组织工作委员会工作人员");
    }

    @Test
    void renamesAnAdministratorThatCamundasStarterNamedAdmin() {
        User admin = identityService.createUserQuery().userId("admin").singleResult();
        admin.setFirstName("系统管理员");
        admin.setLastName("Admin");
        identityService.saveUser(admin);

        adminAccount.run(null);

        assertThatTheAdministratorIsNamedInChinese();
    }

    /** The header reads 系统管理员, not "系统管理员 Admin". */
    private void assertThatTheAdministratorIsNamedInChinese() {
        User admin = identityService.createUserQuery().userId("admin").singleResult();
        assertThat(admin.getFirstName()).isEqualTo("系统管理员");
        assertThat(admin.getLastName()).isNullOrEmpty();
    }

    @Test
    void reimportUpdatesInPlaceAndHandsOpenTasksToANewSecretary() {
        OrganizationTaskProcess.deploy(repositoryService);
        String instance = OrganizationTaskProcess.start(runtimeService, "village-yangjiabu", "yang.shulin");
        String changed = demo
                .replace("中共青禾市河西镇杨家埠村委员会", "中共青禾市河西镇杨家埠村总支部委员会")
                .replace("userId: yang.shulin", "userId: yang.xinren")
                .replace("name: 杨树林", "name: 杨新任")
                .replace("email: yang.shulin@qinghe.example", "email: yang.xinren@qinghe.example")
                .replace(block("village-shiqiao"), "");

        DirectoryService.ImportResult result = importText(changed);

        Organization yangjiabu = directory.organization("village-yangjiabu").orElseThrow();
        assertThat(yangjiabu.name()).isEqualTo("中共青禾市河西镇杨家埠村总支部委员会");
        assertThat(yangjiabu.secretaryUserId()).isEqualTo("yang.xinren");
        assertThat(result.deactivatedOrganizations()).isEqualTo(1);
        assertThat(directory.organization("village-shiqiao")).isEmpty();
        assertThat(http.get("/api/organizations/village-shiqiao", "li.changfu").status()).isEqualTo(404);
        assertThat(identityService.createUserQuery().userId("gao.yonghong").count()).isZero();
        assertThat(identityService.createUserQuery().userId("yang.shulin").count()).isZero();
        assertThat(authorizationService.createAuthorizationQuery().userIdIn("yang.shulin").count()).isZero();
        assertThat(groupsOf("yang.xinren")).containsExactly(Groups.SECRETARIES);
        assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getAssignee()).isEqualTo("yang.xinren");
        assertThat(runtimeService.getVariable(instance, "secretaryUserId")).isEqualTo("yang.xinren");
        Http.Response visible = http.get("/engine-rest/process-instance?maxResults=10&processInstanceIds=" + instance, "yang.xinren");
        assertThat(visible.json().size()).as(visible.body()).isEqualTo(1);
    }

    @Test
    void aReplacedSecretaryWhoStaysAUserLosesAccessToTheOrganizationsInstancesAndTasks() {
        OrganizationTaskProcess.deploy(repositoryService);
        String instance = OrganizationTaskProcess.start(runtimeService, "village-yangjiabu", "yang.shulin");
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        assertThat(visibleInstances("yang.shulin", instance)).isEqualTo(1);
        // yang.shulin hands the village over and becomes staff of the town: still a user, no longer its secretary
        String changed = demo
                .replace("userId: yang.shulin", "userId: yang.xinren")
                .replace("name: 杨树林", "name: 杨新任")
                .replace("email: yang.shulin@qinghe.example", "email: yang.xinren@qinghe.example")
                .replace("staff:\n", "staff:\n  - userId: yang.shulin\n    name: 杨树林\n    email: yang.shulin@qinghe.example\n"
                        + "    phone: \"13800000007\"\n    organizationId: town-longquan\n");

        importText(changed);

        assertThat(identityService.createUserQuery().userId("yang.shulin").count()).isEqualTo(1);
        assertThat(visibleInstances("yang.shulin", instance)).isZero();
        assertThat(http.get("/engine-rest/task/" + task, "yang.shulin").status()).isEqualTo(404);
        assertThat(http.get("/engine-rest/history/process-instance/" + instance, "yang.shulin").status()).isIn(403, 404);
        assertThat(http.post("/engine-rest/task/" + task + "/complete", "yang.shulin", "{}").status()).isEqualTo(403);
        assertThat(visibleInstances("yang.xinren", instance)).isEqualTo(1);
        assertThat(http.post("/engine-rest/task/" + task + "/complete", "yang.xinren", "{}").status()).isEqualTo(204);
    }

    @Test
    void aMovedOrganizationsInstancesFollowItToTheNewTown() {
        OrganizationTaskProcess.deploy(repositoryService);
        String instance = OrganizationTaskProcess.start(runtimeService, "village-yangjiabu", "yang.shulin");
        assertThat(visibleInstances("mao.jianjun", instance)).isEqualTo(1);
        assertThat(visibleInstances("qin.ming", instance)).isZero();
        String moved = demo.replace(block("village-yangjiabu"),
                block("village-yangjiabu").replace("parentId: town-hexi", "parentId: town-longquan"));

        importText(moved);

        assertThat(visibleInstances("mao.jianjun", instance)).isZero();
        assertThat(visibleInstances("qin.ming", instance)).isEqualTo(1);
        assertThat(http.get("/engine-rest/history/process-instance/count?processInstanceId=" + instance, "qin.ming").json()
                .get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aMovedOrganizationsOpenVerificationGoesToTheNewTownAndTheOldTownLosesIt() {
        RectificationItem item = rectifications.open(new NewRectification("village-yangjiabu", Source.DUTY_REVIEW, null,
                "迁移后的核验 " + System.nanoTime(), "", Severity.LOW, process.workingDay(10), null), "mao.jianjun");
        String submit = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + submit + "/complete", "yang.shulin",
                "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"会议记录\"}}}").status())
                .isEqualTo(204);
        String verify = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + verify + "/claim", "mao.jianjun", "{\"userId\":\"mao.jianjun\"}").status())
                .isEqualTo(204);
        String moved = demo.replace(block("village-yangjiabu"),
                block("village-yangjiabu").replace("parentId: town-hexi", "parentId: town-longquan"));

        importText(moved);

        Task task = taskService.createTaskQuery().taskId(verify).singleResult();
        assertThat(task.getAssignee()).as("the old town's claim is given back").isNull();
        assertThat(candidateGroups(verify)).containsExactly(Groups.staffOf("town-longquan"));
        assertThat(http.get("/engine-rest/task/" + verify, "mao.jianjun").status()).isEqualTo(404);
        assertThat(http.post("/engine-rest/task/" + verify + "/claim", "mao.jianjun", "{\"userId\":\"mao.jianjun\"}").status())
                .isIn(403, 404);
        assertThat(http.post("/engine-rest/task/" + verify + "/complete", "mao.jianjun",
                "{\"variables\":{\"verification\":{\"value\":\"ACCEPT\"}}}").status()).isIn(403, 404);
        assertThat(taskService.createTaskQuery().taskId(verify).count()).isEqualTo(1);

        assertThat(http.get("/engine-rest/task/" + verify, "qin.ming").status()).isEqualTo(200);
        assertThat(http.post("/engine-rest/task/" + verify + "/claim", "qin.ming", "{\"userId\":\"qin.ming\"}").status())
                .isEqualTo(204);
        assertThat(http.post("/engine-rest/task/" + verify + "/complete", "qin.ming",
                "{\"variables\":{\"verification\":{\"value\":\"ACCEPT\"}}}").status()).isEqualTo(204);

        RectificationItem after = rectifications.find(item.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT)));
        assertThat(after.status()).isEqualTo(Status.CLOSED);
        assertThat(after.issuingOrganizationId()).as("the ledger keeps who issued it").isEqualTo("town-hexi");
        assertThat(after.history()).extracting(RectificationEvent::type)
                .containsSubsequence(EventType.SUBMITTED, EventType.VERIFIERS_CHANGED, EventType.ACCEPTED);
        assertThat(after.history()).filteredOn(e -> e.type() == EventType.VERIFIERS_CHANGED).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("中共青禾市龙泉镇委员会", "mao.jianjun 的认领已撤回"));
        assertThat(after.history()).filteredOn(e -> e.type() == EventType.ACCEPTED).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("qin.ming"));
    }

    @Test
    void aMovedOrganizationsOpenDutyReportReviewGoesToTheNewTown() {
        int year = 7000 + (int) (System.nanoTime() % 1000);
        var round = rounds.start(DutyReportProcess.PROCESS_ID, year + "-MID_YEAR", year + "年年中书记述职",
                new RoundScope(RoundScope.Kind.UNDER, null, "village-yangjiabu", null, null),
                Map.of("year", year, "half", "MID_YEAR", "dueDate", process.workingDay(10).toString(),
                        "reviewerIds", List.of("zhao.min", "kong.linghui", "mao.jianjun")), "zhao.min");
        org.awaitility.Awaitility.await().atMost(ProcessTestSupport.PATIENCE)
                .until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        String businessKey = year + "-MID_YEAR-village-yangjiabu";
        String write = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + write + "/complete", "yang.shulin",
                "{\"variables\":{\"workDone\":{\"value\":\"x\"},\"problems\":{\"value\":\"y\"},\"nextSteps\":{\"value\":\"z\"}}}")
                .status()).isEqualTo(204);
        String review = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult().getId();
        assertThat(candidateGroups(review)).containsExactly(Groups.staffOf("town-hexi"));

        importText(demo.replace(block("village-yangjiabu"),
                block("village-yangjiabu").replace("parentId: town-hexi", "parentId: town-longquan")));

        assertThat(candidateGroups(review)).containsExactly(Groups.staffOf("town-longquan"));
        assertThat(http.post("/engine-rest/task/" + review + "/claim", "mao.jianjun", "{\"userId\":\"mao.jianjun\"}").status())
                .isIn(403, 404);
        assertThat(http.post("/engine-rest/task/" + review + "/claim", "qin.ming", "{\"userId\":\"qin.ming\"}").status())
                .isEqualTo(204);
    }

    @Test
    void rejectsABadUploadWithEveryProblemByLineAndChangesNothing() {
        String bad = demo
                .replace("中共青禾市河西镇杨家埠村委员会", "改名但不应生效")
                .replace("email: village-hekou@qinghe.example", "email: village-hekou-at-qinghe")
                .replace("name: 中共青禾市河西镇东岗村支部委员会", "name: 中共青禾市河西镇东岗村支部委员会\n    parentId: town-nowhere");

        Http.Response response = http.upload("/api/directory", "zhao.min", "directory.yml", bad.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(body.get("message").asText()).isEqualTo("目录文件有 3 处错误，未导入任何数据");
        List<String> problems = new ArrayList<>();
        body.get("errors").forEach(e -> problems.add(e.get("line").asInt() + ":" + e.get("message").asText()));
        assertThat(problems).containsExactly(
                lineOf(bad, "- id: village-hekou") + ":组织 village-hekou 的联系邮箱 “village-hekou-at-qinghe” 不是有效的邮箱地址",
                lineOf(bad, "- id: village-donggang") + ":组织 village-donggang 的上级组织 town-nowhere 不存在",
                (lineOf(bad, "- id: village-donggang") + 5) + ":组织 village-donggang 的字段 parentId 重复出现");
        assertThat(directory.organization("village-yangjiabu").orElseThrow().name()).isEqualTo("中共青禾市河西镇杨家埠村委员会");
    }

    @Test
    void rejectsAFileThatIsNotUtf8() {
        Http.Response response = http.upload("/api/directory", "zhao.min", "directory.yml", demo.getBytes(Charset.forName("GBK")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asText()).isEqualTo("目录文件不是 UTF-8 编码的文本文件");
    }

    @Test
    void aTruncatedMisencodedBombedOrHugeFileIsRefusedInChineseAndTheDirectoryStaysAsItWas() {
        List<Organization> before = directory.organizations();
        long usersBefore = identityService.createUserQuery().count();
        StringBuilder laughs = new StringBuilder("a: &a [\"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\", \"哈\"]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            laughs.append(level).append(": &").append(level).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(10, "*" + (char) (level - 1)))).append("]\n");
        }
        byte[] huge = new byte[8 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) '#');
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("cut in half", demo.substring(0, demo.indexOf("  - id: ", demo.length() / 2) + 30).getBytes(StandardCharsets.UTF_8));
        files.put("cut inside a quoted value", (demo + "\n  - id: \"village-new").getBytes(StandardCharsets.UTF_8));
        files.put("cut between two entries", demo.substring(0, nthEntry(40)).getBytes(StandardCharsets.UTF_8));
        files.put("billion laughs", laughs.toString().getBytes(StandardCharsets.UTF_8));
        files.put("UTF-16LE with BOM", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, demo.getBytes(StandardCharsets.UTF_16LE)));
        files.put("UTF-16BE without BOM", demo.getBytes(StandardCharsets.UTF_16BE));
        files.put("GBK", demo.getBytes(Charset.forName("GBK")));
        files.put("Latin-1", demo.replace("中共青禾市河西镇杨家埠村委员会", "Caf\u00e9 na\u00efve").getBytes(StandardCharsets.ISO_8859_1));
        files.put("over the upload limit", huge);
        Map<String, String> messages = Map.of(
                "cut in half", "缺少",
                "cut inside a quoted value", "YAML 格式错误：文件意外结束",
                "cut between two entries", "文件可能不完整（上传中断或被截断）",
                "billion laughs", "引用（别名 *）过多：最多 50 个",
                "UTF-16LE with BOM", "目录文件不是 UTF-8 编码的文本文件",
                "UTF-16BE without BOM", "目录文件不是 UTF-8 编码的文本文件",
                "GBK", "目录文件不是 UTF-8 编码的文本文件",
                "Latin-1", "目录文件不是 UTF-8 编码的文本文件",
                "over the upload limit", "请求内容过大，上限为 8 MB");

        files.forEach((what, content) -> {
            Http.Response response = http.upload("/api/directory", "zhao.min", "directory.yml", content);
            int expected = what.equals("over the upload limit") ? 413 : 400;
            assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(expected);
            assertThat(response.body()).as(what).contains(messages.get(what));
        });

        assertThat(directory.organizations()).isEqualTo(before);
        assertThat(identityService.createUserQuery().count()).isEqualTo(usersBefore);
    }

    @Test
    void aUtf8FileWithAByteOrderMarkIsImported() {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, demo.getBytes(StandardCharsets.UTF_8));

        Http.Response response = http.upload("/api/directory", "zhao.min", "directory.yml", withBom);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("organizations").asInt()).isEqualTo(directory.organizations().size());
        assertThat(response.json().get("deactivatedOrganizations").asInt()).isZero();
    }

    @Test
    void onlyTheOrganizationDepartmentMayImport() {
        Http.Response response = http.upload("/api/directory", "li.changfu", "directory.yml", demo.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("message").asText()).isEqualTo("只有组织部可以导入组织目录");
    }

    /**
     * A file that leaves out many of today's organizations (here the last eight, 13 %) is refused unless the upload
     * confirms it: a cut-off file must not deactivate half a city. Confirmed, it imports and deactivates exactly those.
     */
    @Test
    void aFileThatDeactivatesManyOrganizationsNeedsConfirmation() {
        String lastEight = demo.substring(nthEntry(56), demo.indexOf("\nstaff:") + 1);
        String without = demo.replace(lastEight, "");
        List<Organization> before = directory.organizations();

        Http.Response refused = http.upload("/api/directory", "zhao.min", "directory.yml", without.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("本次导入将停用现有 63 个组织中的 8 个", "confirmDeactivation=true");
        assertThat(directory.organizations()).isEqualTo(before);

        Http.Response confirmed = http.upload("/api/directory?confirmDeactivation=true", "zhao.min", "directory.yml",
                without.getBytes(StandardCharsets.UTF_8));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("deactivatedOrganizations").asInt()).isEqualTo(8);
        assertThat(directory.organizations()).hasSize(before.size() - 8);
    }

    /** Where the n-th organization's entry (1-based) starts in the demo file. */
    private int nthEntry(int n) {
        int at = demo.indexOf("\n  - id: ");
        for (int i = 1; i < n; i++) {
            at = demo.indexOf("\n  - id: ", at + 1);
        }
        return at + 1;
    }

    @Test
    void theOrganizationDepartmentImportsAGoodFileOverHttp() {
        Http.Response response = http.upload("/api/directory", "zhao.min", "directory.yml", demo.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("organizations").asInt()).isEqualTo(directory.organizations().size());
    }

    @Test
    void aRejectedImportThroughTheServiceNamesEveryProblem() {
        String bad = demo.replace("userId: li.changfu", "userId: Li Changfu");

        assertThatThrownBy(() -> importText(bad))
                .isInstanceOf(DirectoryRejectedException.class)
                .hasMessageContaining("第 " + (lineOf(bad, "- id: village-lijia")) + " 行：用户编号 “Li Changfu” 无效");
        assertThat(identityService.createUserQuery().userId("li.changfu").count()).isEqualTo(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private DirectoryService.ImportResult importText(String text) {
        return directory.importDirectory(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test", "test", true);
    }

    private int visibleInstances(String user, String instance) {
        Http.Response response = http.get("/engine-rest/process-instance?maxResults=10&processInstanceIds=" + instance, user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().size();
    }

    private List<String> candidateGroups(String taskId) {
        return taskService.getIdentityLinksForTask(taskId).stream().filter(l -> "candidate".equals(l.getType()))
                .map(l -> l.getGroupId()).toList();
    }

    private List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    /** The lines of the organization with this id, up to the next entry. */
    private String block(String id) {
        int start = demo.indexOf("  - id: " + id + "\n");
        int end = demo.indexOf("  - id: ", start + 1);
        return demo.substring(start, end);
    }

    private static int lineOf(String text, String needle) {
        int index = text.indexOf(needle);
        assertThat(index).as(needle).isNotNegative();
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
