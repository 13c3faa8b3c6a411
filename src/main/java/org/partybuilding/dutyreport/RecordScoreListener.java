package org.partybuilding.dutyreport;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.dutyreport.DutyReportProcess.Variables;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.workflow.ProcessValues;
import org.springframework.stereotype.Component;

/**
 * Completion of one {@code Task_GradeReport} (one per reviewer of the review meeting): only that reviewer, a whole
 * score from 0 to 100, an optional comment and the problems found, one per line (each becomes a rectification item).
 */
@Component
class RecordScoreListener implements TaskListener {

    private final DutyReportService reports;

    RecordScoreListener(DutyReportService reports) {
        this.reports = reports;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication user = ProcessValues.user(task);
        if (user != null && !user.getUserId().equals(task.getAssignee())) {
            throw TaskRefusedException.forbidden("只能为分配给本人的述职评议打分");
        }
        int score = ProcessValues.wholeNumber(task, Variables.SCORE, "评议得分", 0, 100);
        String comment = ProcessValues.text(task, Variables.COMMENT, "评议意见", 2000, false);
        String problems = ProcessValues.text(task, Variables.REVIEW_PROBLEMS, "评议发现的问题", 4000, false);
        reports.scored(reports.report(task.getExecution().getProcessBusinessKey()), task.getAssignee(), score, comment, problems);
    }
}
