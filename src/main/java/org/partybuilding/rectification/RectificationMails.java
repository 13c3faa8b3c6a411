package org.partybuilding.rectification;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.partybuilding.notification.Mail;
import org.partybuilding.notification.MailOutbox;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Chinese emails of the rectification loop, written to the outbox in the process step's transaction.
 * Used by {@code Task_SendReminder}, {@code Task_EscalateToSupervisor}, {@code Task_EscalateToOrgDept} and
 * {@code Task_MarkAccountability}.
 */
@Component
class RectificationMails {

    private static final String FOOTER = "\n\n——\n此邮件由“1248”党建责任制系统自动发送，请勿直接回复。";

    private final MailOutbox outbox;
    private final DirectoryService directory;
    private final TaskService taskService;
    private final Deadlines deadlines;
    private final String baseUrl;

    RectificationMails(MailOutbox outbox, DirectoryService directory, TaskService taskService, Deadlines deadlines,
            @Value("${app.base-url}") String baseUrl) {
        this.outbox = outbox;
        this.directory = directory;
        this.taskService = taskService;
        this.deadlines = deadlines;
        this.baseUrl = baseUrl;
    }

    /** To the secretary, before the due date. */
    List<String> reminder(RectificationItem item, String dedupKey) {
        Organization organization = organization(item);
        List<String> to = List.of(organization.secretaryEmail());
        outbox.enqueue(new Mail(dedupKey, to,
                "【整改提醒】“" + item.title() + "”将于" + deadlines.text(item.dueDate()) + "到期",
                organization.secretaryName() + "同志：\n\n"
                        + "贵单位（" + organization.name() + "）的整改事项即将到期，请在期限内完成整改并在系统中填报整改情况。\n\n"
                        + details(item, organization) + links(item) + FOOTER));
        return to;
    }

    /** Level 1 to the supervising organization's staff, level 2 to the organization department. */
    List<String> escalation(RectificationItem item, int level, Date deadline, String dedupKey) {
        Organization organization = organization(item);
        String supervisorId = organization.supervisorId() != null ? organization.supervisorId() : organization.id();
        List<String> to = level == 1 ? directory.staffEmails(supervisorId) : directory.orgDeptEmails();
        String addressee = level == 1
                ? directory.organizationForHistory(supervisorId).map(Organization::name).orElse(supervisorId)
                : "市委组织部";
        long days = deadlines.daysOverdue(deadline);
        outbox.enqueue(new Mail(dedupKey, to,
                "【" + (level == 1 ? "整改督办" : "二级督办") + "】" + organization.name() + "“" + item.title() + "”"
                        + (days > 0 ? "已逾期 " + days + " 天" : "已到期未完成整改"),
                addressee + "：\n\n"
                        + organization.name() + "的整改事项已超过整改期限" + (days > 0 ? " " + days + " 天" : "")
                        + "仍未完成销号，" + (level == 1 ? "请督促其尽快整改。" : "已转入追责程序，请组织部作出追责决定。") + "\n\n"
                        + details(item, organization) + "已逾期：" + days + " 天\n" + links(item) + FOOTER));
        return to;
    }

    /** To the organization department: a decision on accountability is waiting. */
    List<String> accountability(RectificationItem item, String reason, String dedupKey) {
        Organization organization = organization(item);
        List<String> to = directory.orgDeptEmails();
        outbox.enqueue(new Mail(dedupKey, to,
                "【追责待决定】" + organization.name() + "“" + item.title() + "”",
                "市委组织部：\n\n" + organization.name() + "的整改事项已转入追责程序（" + reason + "），请在任务列表中作出追责决定。\n\n"
                        + details(item, organization) + links(item) + FOOTER));
        return to;
    }

    /** The item's organization, also if it was deactivated since: its addresses are kept for exactly this. */
    private Organization organization(RectificationItem item) {
        return directory.organizationForHistory(item.organizationId())
                .orElseThrow(() -> new IllegalStateException("Organization " + item.organizationId() + " is missing"));
    }

    private String details(RectificationItem item, Organization organization) {
        return "整改事项：" + item.title() + "\n"
                + (item.description().isBlank() ? "" : "问题描述：" + item.description() + "\n")
                + "问题来源：" + item.source().label() + "\n"
                + "严重程度：" + item.severity().label() + "\n"
                + "整改期限：" + deadlines.text(item.dueDate()) + "\n"
                + "当前状态：" + item.status().label() + "（已退回 " + item.rejections() + " 次）\n"
                + "党组织书记：" + organization.secretaryName()
                + (organization.secretaryPhone() == null ? "" : "（" + organization.secretaryPhone() + "）") + "\n";
    }

    private String links(RectificationItem item) {
        StringBuilder links = new StringBuilder("\n");
        Task open = taskService.createTaskQuery().processInstanceId(item.processInstanceId()).active()
                .orderByTaskCreateTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        if (open != null) {
            links.append("办理任务：").append(baseUrl).append("/camunda/app/tasklist/default/#/?task=").append(open.getId()).append('\n');
        }
        links.append("查看流程：").append(baseUrl).append("/camunda/app/cockpit/default/#/process-instance/")
                .append(item.processInstanceId()).append("/runtime\n");
        return links.toString();
    }
}
