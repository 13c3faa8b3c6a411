package org.partybuilding.taskmail;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessMails;
import org.springframework.stereotype.Component;

/** What the 【新任务】 mail and the 【待办汇总】 digest say (the salutation with the user's name is the outbox's). */
@Component
class TaskMails {

    static final String ASSIGNED = "【新任务】";
    static final String DIGEST = "【待办汇总】";
    /** A process variable some steps set on the task's scope: the organization the task is about (an inspection's). */
    static final String ORGANIZATION_NAME = "organizationName";
    static final String PREFERENCES_PAGE = "/account/mail-preferences.html";
    /** The digest lists this many tasks at most; Tasklist has them all. */
    static final int DIGEST_LISTED = 100;

    private final ProcessMails mails;
    private final Deadlines deadlines;
    private final OrganizationNames organizations;

    TaskMails(ProcessMails mails, Deadlines deadlines, OrganizationNames organizations) {
        this.mails = mails;
        this.deadlines = deadlines;
        this.organizations = organizations;
    }

    /** 【新任务】填报整改情况（中共青禾市河西镇李家村委员会） */
    String assignedSubject(DelegateTask task) {
        String organization = organization(task);
        return ASSIGNED + task.getName() + (organization == null ? "" : "（" + organization + "）");
    }

    String assignedBody(DelegateTask task) {
        StringBuilder body = new StringBuilder("您有一项新的待办任务，请在期限内办理。\n\n");
        body.append("任务：").append(task.getName()).append('\n');
        String process = processName(task.getExecution());
        if (process != null) {
            body.append("流程：").append(process).append('\n');
        }
        if (task.getDescription() != null && !task.getDescription().isBlank()) {
            body.append("事项：").append(task.getDescription()).append('\n');
        }
        String organization = organization(task);
        if (organization != null) {
            body.append("党组织：").append(organization).append('\n');
        }
        body.append("办理期限：").append(due(task.getDueDate())).append('\n');
        body.append("办理任务：").append(mails.taskLink(task.getId())).append('\n');
        return body.append(optOut()).append(ProcessMails.FOOTER).toString();
    }

    /** 【待办汇总】2026年11月27日：您有 12 项待办任务，其中 3 项已逾期 */
    String digestSubject(LocalDate day, int open, int overdue) {
        return DIGEST + deadlines.text(day) + "：您有 " + open + " 项待办任务" + (overdue > 0 ? "，其中 " + overdue + " 项已逾期" : "");
    }

    /** The user's open tasks, the overdue ones first (the list comes sorted so), each with its due date and link. */
    String digestBody(int threshold, int open, int overdue, List<OpenTask> tasks) {
        StringBuilder body = new StringBuilder("您目前有 ").append(open).append(" 项待办任务");
        body.append(overdue > 0 ? "，其中 " + overdue + " 项已逾期，请尽快办理" : "").append("。\n");
        body.append("待办任务超过 ").append(threshold).append(" 项时，新任务不再逐项通知，改为每天发送一次汇总。\n");
        int number = 0;
        boolean overdueHeading = false;
        boolean openHeading = false;
        for (OpenTask task : tasks) {
            boolean late = task.overdue(deadlines.now());
            if (late && !overdueHeading) {
                body.append("\n一、已逾期（").append(overdue).append(" 项）\n");
                overdueHeading = true;
            } else if (!late && !openHeading) {
                body.append(overdue > 0 ? "\n二、未到期（" : "\n待办任务（").append(open - overdue).append(" 项）\n");
                openHeading = true;
            }
            body.append('\n').append(++number).append(". ").append(task.name());
            if (task.description() != null && !task.description().isBlank()) {
                body.append("：").append(task.description());
            }
            organizations.name(task.tenantId()).ifPresent(name -> body.append("（").append(name).append("）"));
            body.append("\n   办理期限：").append(due(task.dueDate()));
            if (late) {
                long days = deadlines.daysOverdue(task.dueDate());
                body.append(days > 0 ? "（已逾期 " + days + " 天）" : "（已到期）");
            }
            body.append("\n   办理任务：").append(mails.taskLink(task.id())).append('\n');
        }
        if (open > tasks.size()) {
            body.append("\n另有 ").append(open - tasks.size()).append(" 项未列出。");
        }
        body.append("\n全部待办：").append(mails.baseUrl()).append("/camunda/app/tasklist/\n");
        return body.append(optOut()).append(ProcessMails.FOOTER).toString();
    }

    private String optOut() {
        return "\n如不需要新任务通知和待办汇总邮件，可在 " + mails.baseUrl() + PREFERENCES_PAGE
                + " 关闭；办理期限提醒和督办邮件不能关闭。";
    }

    private String due(Date dueDate) {
        return dueDate == null ? "无" : deadlines.text(dueDate);
    }

    /**
     * The organization the task is about: the step's own name of it, else the process's organization, else the task's
     * tenant. Read from the execution, whose variables the models' create listeners have loaded already.
     */
    private String organization(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        if (execution != null) {
            if (execution.getVariable(ORGANIZATION_NAME) instanceof String name && !name.isBlank()) {
                return name;
            }
            if (execution.getVariable(DirectoryService.ORGANIZATION_ID_VARIABLE) instanceof String id) {
                return organizations.name(id).orElse(null);
            }
        }
        return organizations.name(task.getTenantId()).orElse(null);
    }

    private static String processName(DelegateExecution execution) {
        return execution instanceof ExecutionEntity entity && entity.getProcessDefinition() != null
                ? entity.getProcessDefinition().getName() : null;
    }

    /** A task as the digest lists it. */
    record OpenTask(String id, String name, String description, Date dueDate, String tenantId) {

        boolean overdue(Date now) {
            return dueDate != null && !dueDate.after(now);
        }
    }
}
