package org.partybuilding.dutyreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.partybuilding.Browser;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.responsibility.ResponsibilityItem;
import org.partybuilding.responsibility.ResponsibilityList;
import org.partybuilding.responsibility.ResponsibilityLists;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundScope;
import org.partybuilding.workflow.Rounds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** In a real Chinese browser: the secretary writes her duty report in Tasklist; the town's supervisor sees it in Cockpit. */
@IntegrationTest
class DutyReportBrowserTest {

    @Autowired Rounds rounds;
    @Autowired DutyReportService reports;
    @Autowired TaskService taskService;
    @Autowired ProcessTestSupport process;
    @Autowired ResponsibilityLists lists;
    @Autowired DirectoryService directory;
    @LocalServerPort int port;

    @Test
    void theSecretaryWritesHerReportInTasklistAndTheSupervisorSeesTheProcessInCockpit() {
        int year = 4000 + (int) (System.nanoTime() % 1000);
        Round round = rounds.start(DutyReportProcess.PROCESS_ID, year + "-YEAR_END", year + "年年末书记述职",
                new RoundScope(RoundScope.Kind.UNDER, null, "village-lijia", null, null),
                Map.of(DutyReportService.YEAR_PARAMETER, year, DutyReportService.HALF_PARAMETER, Half.YEAR_END.name(),
                        DutyReportService.DUE_DATE_PARAMETER, process.workingDay(10).toString(),
                        DutyReportService.REVIEWERS_PARAMETER, List.of("zhao.min", "kong.linghui", "mao.jianjun")), "zhao.min");
        await().atMost(ProcessTestSupport.PATIENCE).until(() -> rounds.find(round.id()).orElseThrow().finishedAt() != null);
        String businessKey = year + "-YEAR_END-village-lijia";
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult().getId();

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
            browser.login("li.changfu", "demo");
            try {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$=Field_WorkDone]")));
            } catch (RuntimeException e) {
                browser.screenshot("duty-report-write-form-missing");
                throw e;
            }
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("撰写述职报告", "本类型书记责任清单", "履行责任清单情况",
                    "存在的问题", "下一步打算");
            // her type's list for the report's year, every item, read-only; the form sends it back unchanged
            ResponsibilityList list = lists.inEffect(year, directory.organization("village-lijia").orElseThrow().secretaryType()).orElseThrow();
            WebElement listField = driver.findElement(By.cssSelector("textarea[id$=Field_ListText]"));
            assertThat(listField.getDomProperty("value")).startsWith(year + "年" + list.typeName() + "责任清单")
                    .contains(list.items().stream().map(ResponsibilityItem::code).toList());
            assertThat(listField.getDomProperty("readOnly")).isEqualTo("true");
            driver.findElement(By.cssSelector("textarea[id$=Field_WorkDone]")).sendKeys("全年召开支部党员大会 4 次、主题党日 12 次");
            driver.findElement(By.cssSelector("textarea[id$=Field_Problems]")).sendKeys("青年党员比例偏低");
            driver.findElement(By.cssSelector("textarea[id$=Field_NextSteps]")).sendKeys("明年发展 2 名青年党员");
            browser.screenshot("duty-report-write-form");
            driver.findElement(By.cssSelector("button[ng-click='complete()']")).click();
            wait.until(d -> taskService.createTaskQuery().taskId(taskId).count() == 0);
        }
        assertThat(reports.report(businessKey).status()).isEqualTo(ReportStatus.REVIEWING);

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            String instanceId = reports.report(businessKey).processInstanceId();
            driver.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-instance/" + instanceId + "/runtime");
            browser.login("mao.jianjun", "demo");
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id=Task_ReviewReport]")));
            browser.screenshot("cockpit-duty-report-instance");
        }
    }
}
