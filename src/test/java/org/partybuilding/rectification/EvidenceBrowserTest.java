package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partybuilding.Browser;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Groups;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The secretary's evidence files in a real, Chinese browser: from her Tasklist form to the evidence page, a renamed
 * program refused, a photo and a PDF uploaded, the form submitted; the inspector opens the verification form and
 * downloads both files with his Tasklist login.
 */
@IntegrationTest
class EvidenceBrowserTest {

    @Autowired RectificationService rectifications;
    @Autowired TaskService taskService;
    @Autowired ProcessTestSupport process;
    @LocalServerPort int port;

    @Test
    void photoAndPdfUploadedFromTheSubmitFormReachTheVerifierAndARenamedProgramIsRefused(@TempDir Path folder) throws IOException {
        RectificationItem item = rectifications.open(new NewRectification("village-lijia", Source.INSPECTION, "Q4-11",
                "三会一课记录不全", "第三季度支委会记录缺失", Severity.MEDIUM, process.workingDay(10), null), "qiu.hongmei");
        String submitTask = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        Path program = Files.write(folder.resolve("现场照片.jpg"), EvidenceSamples.exe());
        Path photo = Files.write(folder.resolve("公开栏照片.jpg"), EvidenceSamples.jpeg());
        Path pdf = Files.write(folder.resolve("支委会记录.pdf"), EvidenceSamples.pdf());

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            login(driver, submitTask, "li.changfu");
            WebElement link = evidenceLink(browser, wait, "evidence-submit-form-missing");
            String page = link.getAttribute("href");
            assertThat(page).endsWith("/evidence.html?item=" + item.id());
            assertThat(link.getAttribute("target")).isEqualTo("_blank");
            browser.screenshot("evidence-submit-form");

            driver.get(page);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-form")));
            assertThat(driver.findElement(By.id("item")).getText()).contains("三会一课记录不全", "待整改");
            WebElement result = driver.findElement(By.id("result"));

            driver.findElement(By.id("file")).sendKeys(program.toString());
            driver.findElement(By.id("upload-button")).click();
            try {
                wait.until(d -> result.getText().contains("现场照片.jpg"));
            } catch (RuntimeException e) {
                browser.screenshot("evidence-upload-failed");
                throw new AssertionError("result: " + result.getText(), e);
            }
            assertThat(result.getText()).contains("文件“现场照片.jpg”：这是可执行程序");
            assertThat(driver.findElement(By.id("empty")).isDisplayed()).isTrue();

            driver.findElement(By.id("file")).sendKeys(photo + "\n" + pdf);
            driver.findElement(By.id("upload-button")).click();
            wait.until(d -> result.getText().startsWith("已上传 2 个文件"));
            wait.until(d -> d.findElements(By.cssSelector("#files tbody tr")).size() == 2);
            assertThat(driver.findElement(By.id("files")).getText()).contains("公开栏照片.jpg", "支委会记录.pdf", "图片", "PDF", "li.changfu");
            browser.screenshot("evidence-page-secretary");

            login(driver, submitTask, null);
            WebElement measures = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$=Field_Measures]")));
            measures.sendKeys("补齐第三季度支委会记录并上墙公示");
            driver.findElement(By.cssSelector("textarea[id$=Field_Evidence]")).sendKeys("公开栏照片、支委会记录扫描件");
            driver.findElement(By.cssSelector("button[ng-click='complete()']")).click();
            wait.until(d -> taskService.createTaskQuery().taskId(submitTask).count() == 0);
        }

        String verifyTask = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult().getId();
        try (Browser browser = Browser.open()) {
            ChromeDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            login(driver, verifyTask, "qiu.hongmei");
            String page = evidenceLink(browser, wait, "evidence-verify-form-missing").getAttribute("href");
            browser.screenshot("evidence-verify-form");

            driver.get(page);
            wait.until(d -> d.findElements(By.cssSelector("#files tbody tr a.download")).size() == 2);
            assertThat(driver.findElement(By.id("upload")).isDisplayed()).isFalse();
            assertThat(driver.findElements(By.cssSelector("button.remove"))).isEmpty();
            browser.screenshot("evidence-page-verifier");
            List<WebElement> downloads = driver.findElements(By.cssSelector("#files tbody tr a.download"));
            assertThat(downloads).extracting(WebElement::getText).containsExactly("公开栏照片.jpg", "支委会记录.pdf");
            assertThat(fetched(driver, downloads.get(0).getAttribute("href"))).isEqualTo(EvidenceSamples.jpeg());
            assertThat(fetched(driver, downloads.get(1).getAttribute("href"))).isEqualTo(EvidenceSamples.pdf());
        }

        RectificationItem submitted = rectifications.find(item.id(), new ApiUser("admin", List.of(Groups.ORG_DEPT)));
        assertThat(submitted.history()).extracting(RectificationEvent::type)
                .containsExactly(EventType.CREATED, EventType.EVIDENCE_ADDED, EventType.EVIDENCE_ADDED, EventType.SUBMITTED);
        assertThat(submitted.history().get(3).detail()).endsWith("附件：公开栏照片.jpg、支委会记录.pdf");
    }

    /** Opens a task in Tasklist, logging in first when a user is given. */
    private void login(WebDriver driver, String taskId, String user) {
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
        if (user != null) {
            driver.findElement(By.cssSelector("input[ng-model=username]")).sendKeys(user);
            driver.findElement(By.cssSelector("input[type=password]")).sendKeys("demo");
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
    }

    private static WebElement evidenceLink(Browser browser, WebDriverWait wait, String screenshotOnFailure) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a#evidence-link")));
        } catch (RuntimeException e) {
            browser.screenshot(screenshotOnFailure);
            throw e;
        }
    }

    /** The bytes a download link answers in this browser's session (what a click would save). */
    private static byte[] fetched(ChromeDriver driver, String url) {
        Object base64 = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status))
                  .then(b => { let s = ''; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); done(btoa(s)); })
                  .catch(e => done('failed ' + e));""", url);
        assertThat((String) base64).doesNotStartWith("failed");
        return Base64.getDecoder().decode((String) base64);
    }
}
