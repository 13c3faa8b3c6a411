package org.partybuilding.workflow;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.partybuilding.notification.Mail;
import org.partybuilding.notification.MailOutbox;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.springframework.stereotype.Component;

/**
 * Reminders and escalations of every process, written to the outbox in the timer's transaction: a reminder to the
 * step's holders before the deadline, the first level to the organization supervising the holder at the deadline,
 * the second level to the organization department. A notice is sent once per step, level and deadline: a step that
 * comes back with the same deadline (returned work) does not send it again. Each escalation sent is also recorded in
 * {@code process_escalation} ({@link EscalationRecords}), in the same transaction, for the dashboard.
 */
@Component
class DeadlineNotices {

    private final DeadlineSubjects subjects;
    private final MailOutbox outbox;
    private final DirectoryService directory;
    private final Deadlines deadlines;
    private final ProcessMails mails;
    private final EscalationRecords escalations;

    DeadlineNotices(DeadlineSubjects subjects, MailOutbox outbox, DirectoryService directory, Deadlines deadlines, ProcessMails mails,
            EscalationRecords escalations) {
        this.subjects = subjects;
        this.outbox = outbox;
        this.directory = directory;
        this.deadlines = deadlines;
        this.mails = mails;
        this.escalations = escalations;
    }

    void remind(DelegateExecution execution) {
        String step = step(execution);
        DeadlineSubject subject = subjects.of(execution);
        StepNotice notice = subject.notice(execution, step);
        Date deadline = deadline(execution, step);
        List<String> to = notice.holderEmails();
        boolean added = outbox.enqueue(new Mail(dedupKey(execution, subject, step, "reminder", deadline), to,
                "【" + notice.kind() + "提醒】" + notice.title() + "将于" + deadlines.text(deadline) + "到期",
                notice.greeting() + "：\n\n“" + notice.action() + "”将于" + deadlines.text(deadline) + "到期，请在期限内办理。\n\n"
                        + notice.details() + "办理期限：" + deadlines.text(deadline) + "\n"
                        + mails.links(execution) + ProcessMails.FOOTER));
        if (added) {
            subject.noticed(execution, step, 0, to);
        }
    }

    void escalate(DelegateExecution execution, int level) {
        String step = step(execution);
        DeadlineSubject subject = subjects.of(execution);
        StepNotice notice = subject.notice(execution, step);
        Date deadline = deadline(execution, step);
        Organization organization = directory.organizationForHistory(notice.organizationId())
                .orElseThrow(() -> new IllegalStateException("Organization " + notice.organizationId() + " is missing"));
        String supervisorId = directory.organizationForHistory(notice.holderOrganization()).map(Organization::supervisorId).orElse(null);
        Organization supervisor = supervisorId == null ? null : directory.organizationForHistory(supervisorId).orElse(null);
        // the city supervises the towns: what would go to the city's staff goes to the organization department
        boolean toOrgDept = level == 2 || supervisor == null || supervisor.supervisorId() == null;
        List<String> to = toOrgDept ? directory.orgDeptEmails() : directory.staffEmails(supervisorId);
        String addressee = toOrgDept ? "市委组织部" : supervisor.name();
        long days = deadlines.daysOverdue(deadline);
        String overdue = days > 0 ? "已逾期 " + days + " 天" : "已到期未" + notice.unfinished();
        String ask = level == 1 ? "请督促其尽快办理。" : notice.secondLevelNote();
        String dedupKey = dedupKey(execution, subject, step, "escalation-" + level, deadline);
        boolean added = outbox.enqueue(new Mail(dedupKey, to,
                "【" + (level == 1 ? notice.kind() + "督办" : "二级督办") + "】" + organization.name() + notice.title() + overdue,
                addressee + "：\n\n" + organization.name() + "的“" + notice.action() + "”已超过期限"
                        + (days > 0 ? " " + days + " 天" : "") + "仍未完成（" + (level == 1 ? "一级督办" : "二级督办") + "），" + ask + "\n\n"
                        + notice.details() + "办理期限：" + deadlines.text(deadline) + "\n已逾期：" + days + " 天\n"
                        + mails.links(execution) + ProcessMails.FOOTER));
        if (added) {
            escalations.record(new EscalationRecords.Escalation(dedupKey, processId(execution), subject.noticeKey(execution),
                    execution.getProcessInstanceId(), step, level, notice, addressee, to, deadline, deadlines.now()));
            subject.noticed(execution, step, level, to);
        }
    }

    private static String step(DelegateExecution execution) {
        Object step = execution.getVariableLocal(StepDeadlines.STEP);
        if (step == null) {
            throw new IllegalStateException("Input parameter step missing on " + execution.getCurrentActivityId());
        }
        return step.toString();
    }

    private static Date deadline(DelegateExecution execution, String step) {
        Date deadline = ProcessValues.date(execution, StepDeadlines.deadline(step));
        if (deadline == null) {
            throw new IllegalStateException("No deadline scheduled for step " + step);
        }
        return deadline;
    }

    /** One mail per instance, step, level and deadline; a retried job rolls back its outbox row with it. */
    private static String dedupKey(DelegateExecution execution, DeadlineSubject subject, String step, String kind, Date deadline) {
        String key = subject.noticeKey(execution);
        return processId(execution) + "-" + key + "-" + step + "-" + kind + "-" + deadline.getTime() / 1000;
    }

    private static String processId(DelegateExecution execution) {
        return ((ExecutionEntity) execution).getProcessDefinition().getKey();
    }
}
