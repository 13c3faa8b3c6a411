package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partybuilding.Browser;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.Groups;
import org.partybuilding.organization.ApiUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A village secretary fills in the Chinese rectification form in Tasklist, in a real browser. */
@IntegrationTest
class RectificationTasklistBrowserTest {

    @Autowired RectificationService rectifications;
    @Autowired TaskService taskService;
    @Autowired org.partybuilding.workflow.ProcessTestSupport process;
    @LocalServerPort int port;

    @Test
    void secretarySubmitsTheRectificationFormInTasklist() {
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION, "Q4-09",
                "村务公开栏未及时更新", "第三季度党务公开内容缺失", Severity.MEDIUM,
                process.workingDay(10), null), "qiu.hongmei");
        String taskId = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
            browser.login("li.changfu", "demo");

            WebElement measures;
            try {
                measures = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$=Field_Measures]")));
            } catch (RuntimeException e) {
                browser.screenshot("rectification-submit-form-missing");
                throw e;
            }
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("填报整改情况", "整改措施及成效", "佐证材料");
            assertThat(driver.findElement(By.cssSelector("input[id$=Field_Title]")).getAttribute("value")).isEqualTo("村务公开栏未及时更新");
            measures.sendKeys("已更新公开栏，补发第三季度党务公开内容");
            driver.findElement(By.cssSelector("textarea[id$=Field_Evidence]")).sendKeys("公开栏照片 3 张");
            browser.screenshot("rectification-submit-form");
            driver.findElement(By.cssSelector("button[ng-click='complete()']")).click();

            wait.until(d -> taskService.createTaskQuery().taskId(taskId).count() == 0);
        }

        RectificationItem submitted = rectifications.find(item.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT)));
        assertThat(submitted.status()).isEqualTo(Status.SUBMITTED);
        assertThat(submitted.history().get(1).actor()).isEqualTo("li.changfu");
        assertThat(submitted.history().get(1).detail()).contains("已更新公开栏");
    }
}
