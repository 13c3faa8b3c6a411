package org.partybuilding.dutyreport;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.dutyreport.DutyReportProcess.Variables;
import org.partybuilding.organization.Organization;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.workflow.ProcessValues;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_ReviewReport} by the supervising organization's staff (not the organization's own
 * secretary): approve, or return with a mandatory reason. Sets {@code approved} for {@code Gateway_ReportApproved}.
 */
@Component
class RecordReviewListener implements TaskListener {

    private final DutyReportService reports;
    private final DutyReportSteps steps;

    RecordReviewListener(DutyReportService reports, DutyReportSteps steps) {
        this.reports = reports;
        this.steps = steps;
    }

    @Override
    public void notify(DelegateTask task) {
        DutyReport report = reports.report(task.getExecution().getProcessBusinessKey());
        Authentication user = ProcessValues.user(task);
        if (user != null) {
            Organization organization = steps.organization(report);
            if (user.getGroupIds() == null || !user.getGroupIds().contains(steps.reviewingGroup(organization))) {
                throw TaskRefusedException.forbidden("只有上级党组织的工作人员可以审核本述职报告");
            }
            if (user.getUserId().equals(organization.secretaryUserId())) {
                throw TaskRefusedException.forbidden("书记不能审核本人的述职报告");
            }
        }
        Object decision = task.getVariable(Variables.REVIEW_DECISION);
        // checked also when approving (the form hides it then): what is stored holds no control characters
        String reason = ProcessValues.text(task, Variables.RETURN_REASON, "退回原因", 2000, false);
        String actor = ProcessValues.actor(task);
        if (DutyReportProcess.REVIEW_APPROVE.equals(decision)) {
            task.getExecution().setVariable(Variables.APPROVED, true);
            reports.approved(report, actor);
        } else if (DutyReportProcess.REVIEW_RETURN.equals(decision)) {
            if (reason.isEmpty()) {
                throw new FormFieldValidationException(Variables.RETURN_REASON, "请填写“退回原因”");
            }
            task.getExecution().setVariable(Variables.APPROVED, false);
            task.getExecution().setVariable(Variables.LAST_RETURN_REASON, reason);
            reports.returned(report, actor, reason);
        } else {
            throw new FormFieldValidationException(Variables.REVIEW_DECISION, "请选择审核结论：通过或退回修改");
        }
    }
}
