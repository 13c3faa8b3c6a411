package org.partybuilding.dutyreport;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.dutyreport.DutyReportProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ComputeScore}: the mean of the reviewers' scores from the table (the highest and the lowest dropped
 * when five or more scored), as {@code meanScore} for the grade table ({@code Task_DetermineGrade}).
 */
@Component
class ComputeScoreDelegate implements JavaDelegate {

    private final DutyReportService reports;

    ComputeScoreDelegate(DutyReportService reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DutyReport report = reports.report(execution.getProcessBusinessKey());
        List<Integer> scores = reports.scores(report).stream().map(DutyReportRepository.Score::score).toList();
        execution.setVariable(Variables.MEAN_SCORE, DutyReportService.meanScore(scores).doubleValue());
    }
}
