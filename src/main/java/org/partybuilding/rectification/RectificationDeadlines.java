package org.partybuilding.rectification;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.partybuilding.workflow.DeadlineSubject;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.StepNotice;
import org.springframework.stereotype.Component;

/**
 * The rectification loop's two steps with a deadline, for the deadline kit: {@code submit} is held by the
 * organization's secretary, {@code verify} by the verifiers (the issuing organization's staff, or after a
 * move the organization's new supervisor's: {@link RectificationVerifiers}). Each reminder and
 * escalation is a line of the item's history; an escalation of the secretary's step marks the item overdue.
 */
@Component
class RectificationDeadlines implements DeadlineSubject {

    private final RectificationService rectifications;
    private final DirectoryService directory;
    private final Deadlines deadlines;
    private final RectificationVerifiers verifiers;

    RectificationDeadlines(RectificationService rectifications, DirectoryService directory, Deadlines deadlines,
            RectificationVerifiers verifiers) {
        this.rectifications = rectifications;
        this.directory = directory;
        this.deadlines = deadlines;
        this.verifiers = verifiers;
    }

    /** The ledger id, not the business key: notices keep the keys they had before keys read {@code ZG-2026-0007}. */
    @Override
    public String noticeKey(DelegateExecution execution) {
        return String.valueOf(RectificationService.itemId(execution));
    }

    @Override
    public String processId() {
        return RectificationProcess.PROCESS_ID;
    }

    @Override
    public StepNotice notice(DelegateExecution execution, String step) {
        RectificationItem item = rectifications.item(RectificationService.itemId(execution));
        Organization organization = directory.organizationForHistory(item.organizationId())
                .orElseThrow(() -> new IllegalStateException("Organization " + item.organizationId() + " is missing"));
        String details = "整改事项：" + item.title() + "\n"
                + (item.description().isBlank() ? "" : "问题描述：" + item.description() + "\n")
                + "问题来源：" + item.source().label() + "\n"
                + "严重程度：" + item.severity().label() + "\n"
                + "整改期限：" + deadlines.text(item.dueDate()) + "\n"
                + "当前状态：" + item.status().label() + "（已退回 " + item.rejections() + " 次）\n"
                + "党组织书记：" + organization.secretaryName()
                + (organization.secretaryPhone() == null ? "" : "（" + organization.secretaryPhone() + "）") + "\n";
        String title = "“" + item.title() + "”";
        if (RectificationProcess.VERIFY_STEP.equals(step)) {
            String verifying = verifiers.verifyingOrganizationId(item);
            String name = directory.organizationForHistory(verifying).map(Organization::name).orElse(verifying);
            return new StepNotice("核验", title, organization.id(), "核验整改情况", "完成核验", verifying,
                    name, directory.staffEmails(verifying), details, StepNotice.FOLLOW_UP);
        }
        return new StepNotice("整改", title, organization.id(), "填报整改情况", "完成整改", organization.id(),
                organization.secretaryName() + "同志", List.of(organization.secretaryEmail()), details,
                "已转入追责程序，请组织部作出追责决定。");
    }

    @Override
    public void scheduled(DelegateExecution execution, String step, Date deadline, Date extendedFrom) {
        if (extendedFrom != null) {
            execution.setVariable(Variables.DUE_DATE_TEXT, deadlines.deadlineText(deadline));
            rectifications.extended(RectificationService.itemId(execution), deadlines.dueDateOf(deadline));
        }
    }

    @Override
    public void noticed(DelegateExecution execution, String step, int level, List<String> recipients) {
        long itemId = RectificationService.itemId(execution);
        boolean secretary = RectificationProcess.SUBMIT_STEP.equals(step);
        if (level == 0) {
            rectifications.reminded(itemId, secretary, recipients);
        } else {
            rectifications.escalated(itemId, secretary, level, recipients);
        }
    }
}
