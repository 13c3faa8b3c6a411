package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partybuilding.Browser;
import org.partybuilding.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person logs into the Chinese webapps in a real browser: the administrator, a village secretary, a town supervisor. */
@IntegrationTest
class TasklistBrowserTest {

    @LocalServerPort int port;

    @Test
    void administratorLogsIntoTheChineseTasklist() {
        try (Browser browser = Browser.open()) {
            logIn(browser.driver(), "admin", "admin");

            WebDriver driver = browser.driver();
            assertThat(driver.findElement(By.cssSelector(".navbar-brand")).getText()).contains("1248 党建责任制");
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("我的待办", "本组待认领", "全部可见任务");
            assertThat(driver.findElement(By.cssSelector("li.account > a.dropdown-toggle")).getText().trim())
                    .as("the administrator's name in the header").isEqualTo("系统管理员");
            assertThat(driver.findElements(By.cssSelector(".ce-eol-banner")))
                    .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
            browser.screenshot("tasklist-admin");
        }
    }

    @Test
    void villageSecretaryLogsInWithTheDemoPassword() {
        try (Browser browser = Browser.open()) {
            logIn(browser.driver(), "li.changfu", "demo");

            assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("李长福", "我的待办");
            browser.screenshot("tasklist-secretary");
        }
    }

    @Test
    void wrongPasswordIsRefusedInChinese() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
            driver.findElement(By.cssSelector("input[ng-model=username]")).sendKeys("chen.zhiqiang");
            driver.findElement(By.cssSelector("input[type=password]")).sendKeys("not-the-password");
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textMatches(By.tagName("body"),
                    java.util.regex.Pattern.compile("[\\u4e00-\\u9fa5]*(失败|错误)")));
            assertThat(driver.findElements(By.cssSelector("input[ng-model=username]"))).isNotEmpty();
        }
    }

    @Test
    void supervisorWatchesTheRectificationProcessInTheChineseCockpit() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/processes");
            driver.findElement(By.cssSelector("input[ng-model=username]")).sendKeys("mao.jianjun");
            driver.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
            driver.findElement(By.cssSelector("button[type=submit]")).click();

            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "整改闭环"));
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("流程定义", "毛建军");
            assertThat(driver.findElements(By.cssSelector(".ce-eol-banner")))
                    .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
            browser.screenshot("cockpit-supervisor");

            driver.findElement(By.linkText("整改闭环")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id=Task_SubmitRectification]")));
            browser.screenshot("cockpit-rectification-diagram");
        }
    }

    @Test
    void everyWebappIsTitledWithTheProductAndTheWelcomePageLinksToItsPages() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            logIn(driver, "admin", "admin");
            for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
                driver.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".navbar-brand")));
                assertThat(driver.getTitle()).as("the title of %s", app).contains("1248 党建责任制").doesNotContain("Camunda");
            }
            WebElement links = driver.findElement(By.cssSelector(".custom-links"));
            assertThat(links.getText()).contains("仪表盘", "修改密码").doesNotContain("Camunda");
            assertThat(links.findElement(By.linkText("仪表盘")).getAttribute("href")).endsWith("/dashboard/");
            String page = (String) ((JavascriptExecutor) driver).executeScript(
                    "var footer = document.querySelector('[cam-widget-footer]');"
                            + "return footer ? document.body.innerText.replace(footer.innerText, '') : document.body.innerText;");
            assertThat(page).as("the welcome page outside the footer's credit").doesNotContain("Camunda");
            browser.screenshot("welcome-admin");
        }
    }

    private void logIn(WebDriver driver, String user, String password) {
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
        if (driver.findElements(By.cssSelector("input[ng-model=username]")).isEmpty()) {
            System.out.println("Tasklist login page missing; page text: " + driver.getPageSource());
        }
        driver.findElement(By.cssSelector("input[ng-model=username]")).sendKeys(user);
        driver.findElement(By.cssSelector("input[type=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "我的待办"));
        } catch (RuntimeException e) {
            System.out.println("Tasklist did not show the filters; page text: " + driver.findElement(By.tagName("body")).getText());
            driver.manage().logs().get("browser").forEach(l -> System.out.println("browser console: " + l));
            throw e;
        }
    }
}
