package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A village secretary's day in Tasklist, in a Chinese browser: every text Chinese (Camunda Forms' validation included),
 * nothing offered she may not use (no giving back or reassigning the task the process assigned to her, no shortcut to
 * start a process), messages that leave 保存/完成 usable, and the due date as the city's calendar day in the city's time
 * zone and in Los Angeles.
 */
@IntegrationTest
class SecretaryTasklistBrowserTest {

    static final String SECRETARY = "li.changfu";
    /** 河西镇's supervisor (staff-town-hexi), a verifier of the items his town issues. */
    static final String SUPERVISOR = "mao.jianjun";
    static final String LOS_ANGELES = "America/Los_Angeles";
    /** Latin words a Chinese page may still show: none outside the footer's credit. */
    static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
    /** Names of file types the evidence text names as users know them: not English UI words. */
    static final java.util.Set<String> FILE_TYPES = java.util.Set.of("PDF", "Word", "Excel", "JPG", "PNG", "JPEG");

    @Autowired RectificationService rectifications;
    @Autowired TaskService taskService;
    @Autowired ProcessTestSupport process;
    @Autowired Deadlines deadlines;
    @Autowired DirectoryService directory;
    @LocalServerPort int port;

    @Test
    void theSecretarySeesHerDueDayAChineseValidationMessageAndUsableButtonsAndNothingSheMayNotUse() {
        LocalDate december1 = LocalDate.of(2026, 12, 1);
        LocalDate dueDate = deadlines.today().isBefore(december1.minusDays(1)) ? december1 : process.workingDay(10);
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION, "Q4-11",
                "党员活动室制度未上墙", "检查发现制度牌缺失", Severity.LOW, dueDate, null), "qiu.hongmei");
        String taskId = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        String dueDay = dueDate.getYear() + "年" + dueDate.getMonthValue() + "月" + dueDate.getDayOfMonth() + "日";

        try (Browser browser = Browser.open(LOS_ANGELES)) {
            WebDriver driver = browser.driver();
            openTask(browser, taskId);
            assertThat(((JavascriptExecutor) driver).executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"))
                    .isEqualTo(LOS_ANGELES);
            assertThat(dueDates(driver)).as("due dates in a Los Angeles browser").isNotEmpty().allMatch(dueDay::equals);
            browser.screenshot("secretary-tasklist-los-angeles");
        }

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(tasklist() + "#/?task=" + taskId);
            WebElement logo = driver.findElement(By.cssSelector(".login-logo"));
            assertThat(logo.getCssValue("background-image")).contains("logo-1248.svg");
            assertThat(driver.findElements(By.cssSelector(".login-logo svg")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
            assertChineseOnly(driver, "login page");
            browser.screenshot("secretary-tasklist-login");
            login(browser);
            WebElement measures = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$=Field_Measures]")));

            assertThat(dueDates(driver)).as("due dates in a Shanghai browser").isNotEmpty().allMatch(dueDay::equals);
            assertThat(driver.findElements(By.cssSelector(".create-task-action, .start-process-action, .createCommentLink"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector(".tasks-list .priority, .task-card .tenant-id, [cam-tasklist-task-meta] .groups")))
                    .isNotEmpty().noneMatch(WebElement::isDisplayed);
            assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("创建任务", "发起流程", "添加用户组");
            assertThat(driver.findElement(By.cssSelector("[cam-tasklist-task-meta] .assignee-name")).getText())
                    .as("the task the process assigned to her").isEqualTo(directory.personName(SECRETARY).orElseThrow());
            assertThat(driver.findElements(By.cssSelector("[cam-tasklist-task-meta] .unclaim, [cam-tasklist-task-meta] .reset-assignee,"
                    + " [cam-tasklist-task-meta] [cam-widget-inline-field][value='assignee.id']")))
                    .as("no giving back and no reassigning of a task the process assigned to her").isEmpty();
            assertThat(driver.findElements(By.cssSelector("[cam-tasklist-task-meta] .followup-date, [cam-tasklist-task-meta] [translate=ADD_GROUPS],"
                    + " [cam-tasklist-task-meta] [translate=SET_DUE_DATE], [cam-tasklist-task-meta] .reset-due-date,"
                    + " [cam-tasklist-task-meta] [cam-widget-inline-field][value='task.due']")))
                    .as("no editing of dates and candidate groups, which the engine refuses her: not in the page at all").isEmpty();
            assertThat(driver.findElement(By.cssSelector("[cam-tasklist-task-meta] span.due-date .city-due-date")).getText())
                    .as("the due date, as plain text").isEqualTo(dueDay);
            driver.findElement(By.cssSelector("a.showShortcutHelp")).click();
            WebElement shortcuts = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shortcut-modal .modal-body")));
            assertThat(shortcuts.getText()).contains("认领当前选中的任务").doesNotContain("发起流程");
            driver.findElement(By.cssSelector(".shortcut-modal .modal-footer button")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".shortcut-modal")));

            WebElement complete = driver.findElement(By.cssSelector("button[ng-click='complete()']"));
            assertClickable(driver, complete);
            complete.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form"), "此项为必填项。"));
            assertThat(driver.findElement(By.cssSelector(".fjs-form")).getText()).doesNotContain("Field is required");
            assertChineseOnly(driver, "task form with validation messages");
            browser.screenshot("secretary-tasklist-required-field");

            measures.sendKeys("制度牌已重新制作上墙");
            WebElement save = driver.findElement(By.cssSelector("button[ng-click='save($event)']"));
            wait.until(ExpectedConditions.elementToBeClickable(save));
            assertClickable(driver, save);
            driver.findElement(By.cssSelector("textarea[id$=Field_Evidence]")).sendKeys("上墙照片 2 张");
            wait.until(ExpectedConditions.elementToBeClickable(complete));
            assertClickable(driver, complete);
            complete.click();
            wait.until(d -> taskService.createTaskQuery().taskId(taskId).count() == 0);
            browser.screenshot("secretary-tasklist-submitted");

            driver.findElement(By.cssSelector("li.account > a.dropdown-toggle")).click();
            driver.findElement(By.cssSelector("li.logout a")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "您已安全退出 1248 党建责任制"));
            assertChineseOnly(driver, "after logout");
            browser.screenshot("secretary-tasklist-logged-out");
        }
    }

    @Test
    void theTownSupervisorWhoClaimedAVerificationMayGiveItBackButNotHandItToSomeoneElse() {
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION, "Q4-12",
                "三会一课记录不全", "九月份支委会无记录", Severity.LOW, process.workingDay(10), "town-hexi"), "qiu.hongmei");
        Http http = new Http(port);
        String submit = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + submit + "/complete", SECRETARY,
                "{\"variables\":{\"measures\":{\"value\":\"已补记并建立台账\"},\"evidence\":{\"value\":\"会议记录本\"}}}").status())
                .isEqualTo(204);
        String verify = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + verify + "/claim", SUPERVISOR, "{\"userId\":\"" + SUPERVISOR + "\"}").status())
                .isEqualTo(204);

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(tasklist() + "#/?task=" + verify);
            browser.login(SUPERVISOR, Http.DEMO_PASSWORD);
            WebElement unclaim = new WebDriverWait(driver, Duration.ofSeconds(20)).until(
                    ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-tasklist-task-meta] .unclaim")));
            assertThat(driver.findElements(By.cssSelector("[cam-tasklist-task-meta] [cam-widget-inline-field][value='assignee.id']")))
                    .as("no reassigning without TASK_ASSIGN").isEmpty();
            unclaim.click();
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(d -> taskService.createTaskQuery().taskId(verify).singleResult().getAssignee() == null);
        }
    }

    private String tasklist() {
        return "http://localhost:" + port + "/camunda/app/tasklist/default/";
    }

    private void openTask(Browser browser, String taskId) {
        WebDriver driver = browser.driver();
        driver.get(tasklist() + "#/?task=" + taskId);
        login(browser);
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$=Field_Measures]")));
    }

    private static void login(Browser browser) {
        browser.login(SECRETARY, "demo");
    }

    /** The opened task's due dates: in its header, and on its card when the list shows it. */
    private static List<String> dueDates(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-card .city-due-date")));
        // the opened task's dates: its header and its card (the secretary may have other tasks, with other due days)
        return driver.findElements(By.cssSelector(".city-due-date")).stream().filter(WebElement::isDisplayed)
                .filter(e -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                        "var li = arguments[0].closest('li'); return !li || li.classList.contains('active');", e)))
                .map(WebElement::getText).toList();
    }

    /** Scrolled to the bottom edge of the window, as Selenium and a user scroll, nothing lies over the element: not the footer, not a message. */
    private static void assertClickable(WebDriver driver, WebElement element) {
        Object onTop = ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'end'});"
                + "var r = arguments[0].getBoundingClientRect();"
                + "var top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + "if (top !== null && (top === arguments[0] || arguments[0].contains(top))) return 'free';"
                + "var chain = []; for (var e = arguments[0].parentElement; e; e = e.parentElement) { var st = getComputedStyle(e);"
                + " if (/(auto|scroll)/.test(st.overflowY)) chain.push(e.tagName + '.' + e.className + '[' + e.getAttribute('class') + ']' + e.scrollHeight + '/' + e.clientHeight); }"
                + "return (top === null ? 'outside the window at ' + JSON.stringify(r) : top.outerHTML.substring(0, 100)) + ' scrolling: ' + chain.join(' < ');", element);
        assertThat(onTop).as("%s is not covered", element.getText()).isEqualTo("free");
        assertThat(element.isEnabled()).isTrue();
    }

    /** The page's visible text outside the footer's credit has no Latin words (so no English and no "Camunda"). */
    private static void assertChineseOnly(WebDriver driver, String where) {
        String text = (String) ((JavascriptExecutor) driver).executeScript(
                "var footer = document.querySelector('[cam-widget-footer]');"
                        + "var all = document.body.innerText;"
                        + "return footer ? all.replace(footer.innerText, '') : all;");
        Matcher latin = LATIN_WORD.matcher(text);
        List<String> words = latin.results().map(r -> r.group()).filter(w -> !FILE_TYPES.contains(w)).distinct().toList();
        assertThat(words).as("Latin words on the %s: %s", where, text).isEmpty();
    }
}
