package org.partybuilding.rectification;

import java.util.List;
import org.partybuilding.notification.Mail;
import org.partybuilding.notification.MailOutbox;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessMails;
import org.springframework.stereotype.Component;

/**
 * The rectification loop's own mail, written to the outbox in the step's transaction: the organization department
 * is told a decision on accountability waits ({@code Task_MarkAccountability}). Reminders and escalations are the
 * deadline kit's ({@link RectificationDeadlines}).
 */
@Component
class RectificationMails {

    private final MailOutbox outbox;
    private final DirectoryService directory;
    private final Deadlines deadlines;
    private final ProcessMails mails;

    RectificationMails(MailOutbox outbox, DirectoryService directory, Deadlines deadlines, ProcessMails mails) {
        this.outbox = outbox;
        this.directory = directory;
        this.deadlines = deadlines;
        this.mails = mails;
    }

    /** To the organization department: a decision on accountability is waiting. */
    List<String> accountability(RectificationItem item, String reason, String dedupKey) {
        Organization organization = directory.organizationForHistory(item.organizationId())
                .orElseThrow(() -> new IllegalStateException("Organization " + item.organizationId() + " is missing"));
        List<String> to = directory.orgDeptEmails();
        outbox.enqueue(new Mail(dedupKey, to,
                "【追责待决定】" + organization.name() + "“" + item.title() + "”",
                "市委组织部：\n\n" + organization.name() + "的整改事项已转入追责程序（" + reason + "），请在任务列表中作出追责决定。\n\n"
                        + "整改事项：" + item.title() + "\n"
                        + "整改期限：" + deadlines.text(item.dueDate()) + "\n"
                        + "已退回：" + item.rejections() + " 次\n"
                        + "党组织书记：" + organization.secretaryName() + "\n"
                        + mails.links(item.processInstanceId()) + ProcessMails.FOOTER));
        return to;
    }
}
