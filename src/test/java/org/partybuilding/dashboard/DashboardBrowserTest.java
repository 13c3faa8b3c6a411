package org.partybuilding.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partybuilding.Browser;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in Chromium (Chinese, Asia/Shanghai): the 河西镇 supervisor logs in on the dashboard, filters the
 * ledger by his town and follows a submitted item to its task in Tasklist; a city inspector rejects it there with a
 * reason; the supervisor's dashboard then shows it returned. Every view also fits a phone (390×844) without
 * horizontal scrolling. Screenshots: {@code target/screenshots/dashboard-*.png}.
 */
@IntegrationTest
class DashboardBrowserTest {

    private static final String TITLE = "党员活动室制度未上墙";

    @Autowired TaskService taskService;
    @Autowired ProcessTestSupport process;
    @LocalServerPort int port;

    @Test
    void supervisorFollowsAnItemToTasklistAndSeesTheInspectorsRejection() {
        Http http = new Http(port);
        Http.Response created = http.post("/api/rectifications", "mao.jianjun", "{\"organizationId\":\"village-lijia\","
                + "\"source\":\"INSPECTION\",\"sourceRef\":\"2026-Q4\",\"title\":\"" + TITLE + "\",\"description\":\"督查发现\","
                + "\"severity\":\"MEDIUM\",\"dueDate\":\"" + process.workingDay(10) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long item = created.json().get("id").asLong();
        String instance = created.json().get("processInstanceId").asText();
        String submit = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        Http.Response submitted = http.post("/engine-rest/task/" + submit + "/submit-form", "li.changfu",
                "{\"variables\":{\"measures\":{\"value\":\"制度已上墙\"},\"evidence\":{\"value\":\"照片 2 张\"}}}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(204);
        String verify = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

        try (Browser supervisor = Browser.open(); Browser inspector = Browser.open()) {
            WebDriver driver = supervisor.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(url("/dashboard"));
            driver.findElement(By.id("username")).sendKeys("mao.jianjun");
            driver.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
            driver.findElement(By.cssSelector("#login-form button")).click();
            loaded(driver);
            assertThat(driver.findElement(By.id("scope")).getText()).contains("河西镇");
            supervisor.screenshot("dashboard-supervisor");

            new Select(driver.findElement(By.name("town"))).selectByValue("town-hexi");
            driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ledger[data-query='town=town-hexi']")));
            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ledger tr[data-item='" + item + "']")));
            assertThat(row.getText()).contains(TITLE, "待核验", "河西镇李家村");
            for (WebElement other : driver.findElements(By.cssSelector("#ledger tbody tr"))) {
                assertThat(other.getText()).as("filtered by 河西镇").doesNotContain("幸福社区", "财政局");
            }
            supervisor.screenshot("dashboard-ledger-filtered");

            row.findElement(By.linkText("任务")).click();
            wait.until(d -> d.getCurrentUrl().contains("/tasklist/") && d.getCurrentUrl().contains(verify));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "核验整改情况"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[id$=Field_Title]")));
            assertThat(driver.findElement(By.cssSelector("input[id$=Field_Title]")).getAttribute("value")).isEqualTo(TITLE);
            supervisor.screenshot("dashboard-to-tasklist");

            WebDriver other = inspector.driver();
            WebDriverWait otherWait = new WebDriverWait(other, Duration.ofSeconds(30));
            other.get(url("/camunda/app/tasklist/default/#/?task=" + verify));
            inspector.login("bai.xuefeng", Http.DEMO_PASSWORD);
            otherWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[ng-click='claim()']"))).click();
            WebElement reject = otherWait.until(ExpectedConditions.elementToBeClickable(By.xpath("//label[contains(., '不通过，退回重新整改')]")));
            // the form scrolls inside Tasklist's pane: bring the choice to the middle, clear of the fixed footer
            ((org.openqa.selenium.JavascriptExecutor) other).executeScript("arguments[0].scrollIntoView({block: 'center'})", reject);
            otherWait.until(ExpectedConditions.elementToBeClickable(reject)).click();
            otherWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$=Field_RejectionReason]")))
                    .sendKeys("照片看不清制度内容，请补充清晰照片");
            inspector.screenshot("dashboard-inspector-rejects");
            other.findElement(By.cssSelector("button[ng-click='complete()']")).click();
            otherWait.until(d -> taskService.createTaskQuery().taskId(verify).count() == 0);

            driver.get(url("/dashboard"));
            loaded(driver);
            new Select(driver.findElement(By.name("town"))).selectByValue("town-hexi");
            driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ledger[data-query='town=town-hexi']")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#ledger tr[data-item='" + item + "']"), "已退回"));
            supervisor.screenshot("dashboard-after-rejection");
        }
        String history = http.get("/api/rectifications/" + item, "mao.jianjun").body();
        assertThat(history).contains("REJECTED", "照片看不清制度内容", "bai.xuefeng");
    }

    @Test
    void everyViewFitsAPhoneWithoutHorizontalScrolling() {
        for (String user : List.of("zhao.min", "mao.jianjun", "li.changfu")) { // the secretary too: her login is Tasklist's, not Cockpit's
            try (Browser phone = Browser.open()) {
                WebDriver driver = phone.driver();
                driver.manage().window().setSize(new Dimension(390, 844));
                driver.get(url("/dashboard"));
                driver.findElement(By.id("username")).sendKeys(user);
                driver.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
                driver.findElement(By.cssSelector("#login-form button")).click();
                loaded(driver);
                var js = (org.openqa.selenium.JavascriptExecutor) driver;
                Number viewport = (Number) js.executeScript("return document.documentElement.clientWidth");
                assertThat(viewport.intValue()).as("the window is phone-sized").isLessThanOrEqualTo(390);
                @SuppressWarnings("unchecked")
                Map<String, Object> widths = (Map<String, Object>) js.executeScript("""
                        const views = {};
                        document.querySelectorAll('header, main > section, .card, table, .chart').forEach((el, i) => {
                          const r = el.getBoundingClientRect();
                          if (r.width > 0) views[(el.id || el.tagName) + '#' + i] = Math.ceil(r.right);
                        });
                        views.page = document.documentElement.scrollWidth;
                        return views;""");
                assertThat(widths).isNotEmpty();
                widths.forEach((view, right) -> assertThat(((Number) right).intValue()).as(user + ": " + view + " fits")
                        .isLessThanOrEqualTo(viewport.intValue()));
                assertThat(driver.findElement(By.id("heatmap")).findElements(By.tagName("canvas"))).as("the heatmap is drawn").isNotEmpty();
                phone.screenshot("dashboard-phone-" + user.replace('.', '-'));
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void loaded(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-loaded=true]")));
        // ECharts says when the heatmap is drawn through and through (labels included)
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#heatmap[data-drawn=true]")));
        assertThat(driver.findElement(By.id("error")).isDisplayed()).as(driver.findElement(By.id("error")).getText()).isFalse();
    }
}
