package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partybuilding.Browser;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor's day in Cockpit, in a Chinese browser in the city's time zone (and the due day once more in Los Angeles): the dashboard, the process list and a
 * definition's instances count exactly what the engine lets the user open (compared with the engine's REST as the same
 * user), the 事项详情 tab shows the ledger item with names and its due date as the ledger's calendar day, and no action
 * the engine would refuse is offered (toolbars, variables, the 用户任务 and 作业 tabs). Screenshots {@code cockpit-supervisor-*.png} go into the README.
 */
@IntegrationTest
class SupervisorCockpitBrowserTest {

    /** 河西镇's supervisor: 李家村 is in his town, 幸福社区 (城南街道) is not. */
    static final String SUPERVISOR = "mao.jianjun";
    static final String ORG_DEPT = "zhao.min";
    static final String SECRETARY = "li.changfu";
    static final String ENGINE = "/camunda/api/engine/engine/default";
    static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
    static final Pattern TECHNICAL_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z-]+:\\d+:[0-9a-f-]+|\\.(pdf|jpg|png|docx|xlsx)\\b"
            + "|SHA-256 [0-9a-f]{64}|\\bZG-\\d{4}-\\d+"); // the last: rectification business keys (整改 ZG-2026-0007)
    /** File types and sizes as users know them (the evidence files, the ledger's record of an upload): not English UI words. */
    static final Set<String> FILE_WORDS = Set.of("PDF", "Word", "Excel", "JPG", "PNG", "KB", "MB");
    /** The tooltips of Cockpit's actions that only camunda-admin may perform. */
    static final List<String> REFUSED_ACTIONS = List.of("删除运行中的流程实例", "挂起流程实例", "向流程实例添加新变量",
            "增加失败作业的重试次数", "挂起流程定义");
    /** The instance page's 用户任务 tab's controls: the assignee editor, 管理用户组, 管理用户 (camunda-admin only). */
    static final List<String> USER_TASK_CONTROLS = List.of("table.user-tasks cam-in-place-text-field",
            "table.user-tasks .change-group-identity-links", "table.user-tasks .change-user-identity-links");
    /** The 作业 tab's controls: suspend or resume a job, change its due date (camunda-admin only). */
    static final List<String> JOB_CONTROLS = List.of("table.jobs-tab .glyphicon-pause", "table.jobs-tab .glyphicon-play",
            "table.jobs-tab .glyphicon-time");

    @Autowired RectificationService rectifications;
    @Autowired TaskService taskService;
    @Autowired DirectoryService directory;
    @Autowired ProcessTestSupport process;
    @LocalServerPort int port;

    @Test
    void theTownSupervisorCountsWhatHeMayOpenReadsTheItemWithNamesAndIsOfferedNothingTheEngineWouldRefuse() {
        LocalDate dueDate = process.workingDay(12);
        String dueDay = dueDate.getYear() + "年" + dueDate.getMonthValue() + "月" + dueDate.getDayOfMonth() + "日";
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION, "2026-Q4-督查-21",
                "党员活动记录缺少签名", "十月份两次党员活动记录无参会人员签名", Severity.HIGH, dueDate, "town-hexi"), "qiu.hongmei");
        RectificationItem elsewhere = rectifications.open(new NewRectification("community-xingfu", Source.INSPECTION,
                "2026-Q4-督查-22", "社区党组织公开栏未更新", "公开栏内容停留在上半年", Severity.LOW, dueDate, null), "shi.xiaohong");
        Http http = new Http(port);
        assertThat(http.upload("/api/rectifications/" + item.id() + "/evidence", SECRETARY, "支委会记录.pdf", EvidenceSamples.pdf())
                .status()).isEqualTo(201);
        String submit = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + submit + "/complete", SECRETARY,
                "{\"variables\":{\"measures\":{\"value\":\"已补齐签名并建立签到制度\"},\"evidence\":{\"value\":\"签到表\"}}}").status())
                .isEqualTo(204);
        String secretaryName = directory.personName(SECRETARY).orElseThrow();
        String organizationName = directory.organization("village-lijia").map(Organization::name).orElseThrow();
        Http.Webapp engine = http.webapp(SUPERVISOR, Http.DEMO_PASSWORD);
        JsonNode people = engine.get("/api/people?userId=" + SECRETARY + "&userId=qiu.hongmei&userId=nobody").json();
        assertThat(people.get(SECRETARY).asText()).isEqualTo(secretaryName);
        assertThat(people.get("qiu.hongmei").asText()).isEqualTo(directory.personName("qiu.hongmei").orElseThrow());
        assertThat(people.has("nobody")).isFalse();

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            login(browser, SUPERVISOR);

            assertDashboardCountsWhatTheEngineGives(driver, engine);
            assertThat(text(driver, ".party1248-dashboard")).contains("中共青禾市河西镇委员会", organizationName)
                    .doesNotContain(directory.organization("community-xingfu").map(Organization::name).orElseThrow());
            assertChineseOnly(driver, "dashboard");
            browser.screenshot("cockpit-supervisor-dashboard");
            scrollTo(driver, ".party1248-dashboard");
            browser.screenshot("cockpit-supervisor-scope");

            Map<String, Long> listed = assertProcessListCountsWhatTheEngineGives(driver, engine);
            assertThat(listed.get(RectificationProcess.PROCESS_ID))
                    .as("the town's items, not the city's").isLessThan(count(http.webapp(ORG_DEPT, Http.DEMO_PASSWORD),
                            "/process-instance/count?processDefinitionKey=" + RectificationProcess.PROCESS_ID));
            assertChineseOnly(driver, "process list");

            String definitionId = engine.get(ENGINE + "/process-definition?key=" + RectificationProcess.PROCESS_ID
                    + "&latestVersion=true&maxResults=1").json().get(0).get("id").asText();
            driver.get(cockpit() + "#/process-definition/" + definitionId + "/runtime");
            WebElement list = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".party1248 table")));
            String businessKey = engine.get(ENGINE + "/process-instance/" + item.processInstanceId()).json().get("businessKey").asText();
            assertThat(businessKey).matches("ZG-\\d{4}-\\d{4,}");
            assertThat(RectificationService.itemId(businessKey)).isEqualTo(item.id());
            assertThat(list.findElement(By.linkText(businessKey)).getAttribute("href"))
                    .as("the item numbered by its business key").endsWith("#/process-instance/" + item.processInstanceId() + "/runtime");
            assertThat(list.getText()).contains(item.title(), organizationName, "严重", dueDay).doesNotContain(elsewhere.title());
            assertNoRefusedAction(driver, "definition page");
            assertChineseOnly(driver, "definition page");
            browser.screenshot("cockpit-supervisor-items");

            driver.get(cockpit() + "#/process-instance/" + item.processInstanceId() + "/runtime");
            WebElement detail = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".party1248[data-item-id='" + item.id() + "']")));
            JsonNode ledger = engine.get("/api/rectifications/" + item.id()).json();
            LocalDate ledgerDue = LocalDate.parse(ledger.get("dueDate").asText());
            assertThat(detail.findElement(By.cssSelector("[data-field=dueDate]")).getText())
                    .isEqualTo(ledgerDue.getYear() + "年" + ledgerDue.getMonthValue() + "月" + ledgerDue.getDayOfMonth() + "日");
            assertThat(detail.findElement(By.cssSelector("[data-field=key]")).getText()).isEqualTo(businessKey);
            assertThat(detail.findElement(By.cssSelector("[data-field=organization]")).getText()).isEqualTo(organizationName);
            assertThat(detail.findElement(By.cssSelector("[data-field=title]")).getText()).isEqualTo(item.title());
            assertThat(detail.findElement(By.cssSelector("[data-field=status]")).getText()).isEqualTo("待核验");
            assertThat(detail.getText()).contains("提交整改情况", "已补齐签名并建立签到制度", secretaryName).doesNotContain(SECRETARY)
                    .contains("核验整改情况", "待认领：中共青禾市河西镇委员会工作人员");
            WebElement file = detail.findElement(By.linkText("支委会记录.pdf"));
            assertThat(file.getAttribute("href")).matches(".*/api/rectifications/" + item.id() + "/evidence/\\d+");
            assertThat(http.webapp(SUPERVISOR, Http.DEMO_PASSWORD).get(file.getAttribute("href").replaceFirst("^https?://[^/]+", ""))
                    .status()).as("the evidence downloads with the webapp login").isEqualTo(200);
            assertNoRefusedAction(driver, "instance page");
            assertChineseOnly(driver, "instance page");
            browser.screenshot("cockpit-supervisor-item-detail");
            scrollTo(driver, ".party1248 h4");
            browser.screenshot("cockpit-supervisor-item-history");

            driver.findElement(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='变量']")).click();
            wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-variables-table] tbody tr")));
            assertThat(driver.findElements(By.cssSelector("[cam-widget-variables-table] td.actions, [cam-widget-variables-table] .actions button")))
                    .as("no edit or delete of variables").noneMatch(WebElement::isDisplayed);
            assertInstanceTabsOfferNothing(driver);
        }

        try (Browser browser = Browser.open(SecretaryTasklistBrowserTest.LOS_ANGELES)) {
            WebDriver driver = browser.driver();
            driver.get(cockpit() + "#/process-instance/" + item.processInstanceId() + "/runtime");
            browser.login(SUPERVISOR, Http.DEMO_PASSWORD);
            WebElement detail = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".party1248[data-item-id='" + item.id() + "']")));
            assertThat(detail.findElement(By.cssSelector("[data-field=dueDate]")).getText()).as("in a Los Angeles browser")
                    .isEqualTo(dueDay);
        }
    }

    @Test
    void theOrganizationDepartmentCountsTheCityAndIsOfferedNothingTheEngineWouldRefuseWhileTheAdministratorIs() {
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION, "2026-Q4-督查-23",
                "发展党员公示不规范", "公示期不足五个工作日", Severity.MEDIUM, process.workingDay(8), null), "qiu.hongmei");
        Http http = new Http(port);
        Http.Webapp engine = http.webapp(ORG_DEPT, Http.DEMO_PASSWORD);

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            login(browser, ORG_DEPT);
            assertDashboardCountsWhatTheEngineGives(driver, engine);
            assertThat(text(driver, ".party1248-dashboard")).contains("全市");
            Map<String, Long> listed = assertProcessListCountsWhatTheEngineGives(driver, engine);
            assertThat(listed.get(RectificationProcess.PROCESS_ID)).isPositive();
            driver.get(cockpit() + "#/process-instance/" + item.processInstanceId() + "/runtime");
            wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".party1248[data-item-id='" + item.id() + "']")));
            assertNoRefusedAction(driver, "instance page");
            assertChineseOnly(driver, "instance page");
            assertInstanceTabsOfferNothing(driver);
        }

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(cockpit() + "#/process-instance/" + item.processInstanceId() + "/runtime");
            browser.login("admin", "admin");
            wait(driver).until(d -> offeredActions(d).contains("删除运行中的流程实例"));
            assertThat(offeredActions(driver)).as("the administrator's actions").contains("挂起流程实例", "向流程实例添加新变量");
            openTab(driver, "用户任务", "table.user-tasks tbody tr");
            wait(driver).until(d -> offeredControls(d, USER_TASK_CONTROLS).size() == USER_TASK_CONTROLS.size());
            openTab(driver, "作业", "table.jobs-tab tbody tr");
            wait(driver).until(d -> offeredControls(d, JOB_CONTROLS).containsAll(List.of(JOB_CONTROLS.get(0), JOB_CONTROLS.get(2))));
        }
    }

    private void login(Browser browser, String user) {
        browser.driver().get(cockpit() + "#/dashboard");
        browser.login(user, Http.DEMO_PASSWORD);
        wait(browser.driver()).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".party1248-dashboard table")));
    }

    /** The dashboard's running instances and open tasks, and the plugin's totals, are the engine's counts for the user. */
    private void assertDashboardCountsWhatTheEngineGives(WebDriver driver, Http.Webapp engine) {
        long instances = count(engine, "/process-instance/count");
        long tasks = count(engine, "/task/count");
        wait(driver).until(d -> !d.findElements(By.cssSelector(".actual .value")).isEmpty()
                && d.findElements(By.cssSelector(".actual .value")).get(0).getText().matches("\\d+"));
        String overview = text(driver, ".actual");
        assertThat(number(overview, "运行中的流程实例")).as("running instances on the dashboard").isEqualTo(instances);
        assertThat(number(overview, "未完成的人工任务")).as("open tasks on the dashboard").isEqualTo(tasks);
        String totals = text(driver, ".party1248-scope tfoot");
        assertThat(totals).as("the scope's open tasks").startsWith("合计 " + tasks + " ");
    }

    /** Every definition's running instances in Cockpit's process list are the engine's count for the user. */
    private Map<String, Long> assertProcessListCountsWhatTheEngineGives(WebDriver driver, Http.Webapp engine) {
        driver.get(cockpit() + "#/processes");
        wait(driver).until(d -> d.findElements(By.cssSelector("tbody tr td.instances")).size() >= 5
                && d.findElements(By.cssSelector("tbody tr td.instances")).stream().allMatch(e -> e.getText().matches("\\d+")));
        Map<String, Long> listed = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("tbody tr"))) {
            List<WebElement> key = row.findElements(By.cssSelector("td.key"));
            if (!key.isEmpty()) {
                listed.put(key.get(0).getText().trim(), Long.parseLong(row.findElement(By.cssSelector("td.instances")).getText().trim()));
            }
        }
        assertThat(listed).isNotEmpty();
        listed.forEach((key, shown) -> assertThat(shown).as("running instances of %s", key)
                .isEqualTo(count(engine, "/process-instance/count?processDefinitionKey=" + key)));
        return listed;
    }

    private static void assertNoRefusedAction(WebDriver driver, String where) {
        assertThat(offeredActions(driver)).as("actions offered on the %s", where).doesNotContainAnyElementsOf(REFUSED_ACTIONS);
    }

    /** The tooltips of the toolbar's visible buttons. */
    @SuppressWarnings("unchecked")
    private static List<String> offeredActions(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('.btn-toolbar, .ctn-toolbar a, .ctn-toolbar button'))"
                        + ".filter(function (e) { return e.offsetParent !== null; })"
                        + ".map(function (e) { return e.getAttribute('uib-tooltip') || e.getAttribute('tooltip') || e.title || ''; });");
    }

    /** The instance page's 用户任务 and 作业 tabs (the instance has an open task and timers) offer none of their controls. */
    private static void assertInstanceTabsOfferNothing(WebDriver driver) {
        openTab(driver, "用户任务", "table.user-tasks tbody tr");
        assertThat(offeredControls(driver, USER_TASK_CONTROLS)).as("controls on the user tasks tab").isEmpty();
        openTab(driver, "作业", "table.jobs-tab tbody tr");
        assertThat(offeredControls(driver, JOB_CONTROLS)).as("controls on the jobs tab").isEmpty();
    }

    private static void openTab(WebDriver driver, String label, String rows) {
        driver.findElement(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='" + label + "']")).click();
        wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(rows)));
    }

    /** Those of these selectors that match a shown element (asked in the page: an absent element costs no implicit wait). */
    @SuppressWarnings("unchecked")
    private static List<String> offeredControls(WebDriver driver, List<String> selectors) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].filter(function (s) { return Array.from(document.querySelectorAll(s))"
                        + ".some(function (e) { return e.offsetParent !== null; }); });", selectors);
    }

    private long count(Http.Webapp engine, String path) {
        Http.Response response = engine.get(ENGINE + path);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    private static long number(String text, String label) {
        Matcher m = Pattern.compile(label + "\\s+(\\d+)").matcher(text);
        assertThat(m.find()).as("%s in %s", label, text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /**
     * The page's visible text outside the footer, the diagram, the variables and what users wrote (titles, details: any
     * language may be in them) has no Latin words other than data the user reads as such (process keys, organization
     * ids, technical ids, file types): no English UI and no "Camunda".
     */
    private void assertChineseOnly(WebDriver driver, String where) {
        String text = (String) ((JavascriptExecutor) driver).executeScript(
                "var left = document.querySelectorAll('[cam-widget-footer], .djs-container, [cam-widget-variables-table], [data-user-text]');"
                        + "var shown = Array.from(left).map(function (e) { var d = e.style.display; e.style.display = 'none'; return d; });"
                        + "var all = document.body.innerText;"
                        + "left.forEach(function (e, i) { e.style.display = shown[i]; });"
                        + "return all;");
        Set<String> data = new HashSet<>(List.of("null"));
        directory.organizations().forEach(o -> data.add(o.id()));
        data.addAll(List.of("annual-cycle", "duty-report", "list-signing", "quarterly-inspection", "rectification"));
        String words = TECHNICAL_ID.matcher(text).replaceAll(" ");
        for (String token : words.split("[\\s\\u3000（）()：:，,;；]+")) {
            if (data.contains(token)) {
                words = words.replace(token, " ");
            }
        }
        List<String> latin = LATIN_WORD.matcher(words).results().map(r -> r.group()).filter(w -> !FILE_WORDS.contains(w))
                .distinct().toList();
        assertThat(latin).as("Latin words on the %s: %s", where, text).isEmpty();
        assertThat(text).as(where).doesNotContain("Camunda");
    }

    private static void scrollTo(WebDriver driver, String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});",
                driver.findElement(By.cssSelector(css)));
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private String cockpit() {
        return "http://localhost:" + port + "/camunda/app/cockpit/default/";
    }
}
