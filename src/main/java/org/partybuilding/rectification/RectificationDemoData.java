package org.partybuilding.rectification;

import org.partybuilding.workflow.Deadlines;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.partybuilding.system.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo rectification items for the default run ({@code DEMO_DATA=true}), so that the demo city's secretaries
 * and supervisors find work in Tasklist: open once, on an empty ledger, after the directory is imported.
 */
@Component
@Order(10)
class RectificationDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RectificationDemoData.class);

    private final RectificationService rectifications;
    private final TaskService taskService;
    private final JdbcClient jdbc;
    private final Deadlines deadlines;
    private final boolean enabled;
    private final StartupLock startupLock;

    RectificationDemoData(RectificationService rectifications, TaskService taskService, JdbcClient jdbc, Deadlines deadlines,
            StartupLock startupLock,
            @Value("${app.demo-data.enabled}") boolean demoMode,
            @Value("${app.demo-data.open-items}") boolean openItems) {
        this.rectifications = rectifications;
        this.taskService = taskService;
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.enabled = demoMode && openItems;
        this.startupLock = startupLock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            // one transaction under the start-up lock: a second node starting at the same time finds the items opened
            startupLock.call(this::load);
        }
    }

    /** @return how many items were opened: none when the ledger already has items */
    @Transactional
    int load() {
        if (jdbc.sql("select count(*) from rectification_item").query(Long.class).single() > 0) {
            return 0;
        }
        List<NewRectification> items = List.of(
                item("village-lijia", Source.INSPECTION, "2026-Q4-督查-03", "“三会一课”记录不完整",
                        "第四季度专项督查发现：10 月支部委员会会议无记录，党小组会记录缺少参会人员签名。", Severity.MEDIUM, 10),
                item("community-xingfu", Source.DUTY_REVIEW, "2026-年中述职-12", "网格党建覆盖不全",
                        "年中述职评议指出：3 个新建小区尚未建立楼栋党小组。", Severity.LOW, 20),
                item("npe-huaning-textile", Source.SURVEY, "2026-测评-07", "群众满意度低于 80 分",
                        "第三方测评满意度 72.5 分，主要问题是党员服务岗形同虚设。", Severity.HIGH, 5),
                item("agency-finance", Source.ASSESSMENT, "2026-考核-21", "党建与业务“两张皮”",
                        "年度考核发现：党组理论学习中心组学习未结合预算绩效管理工作。", Severity.MEDIUM, 15),
                item("village-longquan", Source.INSPECTION, "2026-Q4-督查-11", "村级党务公开不及时",
                        "公开栏第三季度党费收缴情况未公开。", Severity.HIGH, 2),
                item("soe-water", Source.OTHER, "2026-信访-02", "党员先锋岗作用发挥不明显",
                        "群众反映抢修服务响应慢，党员先锋岗未亮身份。", Severity.LOW, 30));
        List<RectificationItem> opened = items.stream().map(i -> rectifications.open(i, (String) null)).toList();
        submit(opened.get(1), "已在 3 个小区成立楼栋党小组，选派 6 名党员楼栋长。", "成立文件及名单：https://pan.qinghe.example/xingfu/2026");
        submit(opened.get(3), "中心组专题学习 1 次。", "学习记录");
        Task verify = task(opened.get(3));
        taskService.complete(verify.getId(), Map.of(Variables.VERIFICATION, RectificationProcess.VERIFICATION_REJECT,
                Variables.REJECTION_REASON, "只有一次学习，未形成结合业务的长效机制，请补充制度文件。"));
        log.info("Demo data: {} rectification items opened", opened.size());
        return opened.size();
    }

    private void submit(RectificationItem item, String measures, String evidence) {
        taskService.complete(task(item).getId(), Map.of(Variables.MEASURES, measures, Variables.EVIDENCE, evidence));
    }

    private Task task(RectificationItem item) {
        return taskService.createTaskQuery().processInstanceId(item.processInstanceId()).singleResult();
    }

    private NewRectification item(String organizationId, Source source, String sourceRef, String title, String description,
            Severity severity, int dueInDays) {
        return new NewRectification(organizationId, source, sourceRef, title, description, severity,
                deadlines.workingDaysFromTodayDate(dueInDays), null);
    }
}
