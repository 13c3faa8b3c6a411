package org.partybuilding.dutyreport;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.dutyreport.DutyReportProcess.Variables;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.workflow.ProcessValues;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_WriteReport}: only the secretary (its assignee), with every part of the report filled in. */
@Component
class RecordReportListener implements TaskListener {

    static final int MAX_LENGTH = 4000;

    private final DutyReportService reports;

    RecordReportListener(DutyReportService reports) {
        this.reports = reports;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication user = ProcessValues.user(task);
        if (user != null && !user.getUserId().equals(task.getAssignee())) {
            throw TaskRefusedException.forbidden("只有本组织书记（任务办理人）可以提交述职报告");
        }
        String workDone = ProcessValues.text(task, Variables.WORK_DONE, "履行责任清单情况", MAX_LENGTH, true);
        String problems = ProcessValues.text(task, Variables.PROBLEMS, "存在的问题", MAX_LENGTH, true);
        String nextSteps = ProcessValues.text(task, Variables.NEXT_STEPS, "下一步打算", MAX_LENGTH, true);
        reports.submitted(reports.report(task.getExecution().getProcessBusinessKey()), ProcessValues.actor(task), workDone, problems,
                nextSteps);
    }
}
