package org.partybuilding.dutyreport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.partybuilding.dutyreport.DutyReportProcess.Variables;
import org.partybuilding.rectification.NewRectification;
import org.partybuilding.rectification.RectificationService;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.workflow.ProcessValues;
import org.partybuilding.workflow.WorkingDays;
import org.partybuilding.workflow.Deadlines;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordGrade}: the grade the table gave is recorded with the mean score, and every problem the reviewers
 * raised (one per line, the same line once) opens a rectification item (source 述职评议) for the organization, to be
 * verified by its supervising organization, due {@code rectificationWorkingDays} working days from today.
 */
@Component
class RecordGradeDelegate implements JavaDelegate {

    static final int TITLE_LENGTH = 60;

    private final DutyReportService reports;
    private final RectificationService rectifications;
    private final WorkingDays workingDays;
    private final Deadlines deadlines;

    RecordGradeDelegate(DutyReportService reports, RectificationService rectifications, WorkingDays workingDays, Deadlines deadlines) {
        this.reports = reports;
        this.rectifications = rectifications;
        this.workingDays = workingDays;
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DutyReport report = reports.report(execution.getProcessBusinessKey());
        Set<String> problems = new LinkedHashSet<>();
        for (DutyReportRepository.Score score : reports.scores(report)) {
            if (score.problems() != null) {
                score.problems().lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(problems::add);
            }
        }
        List<NewRectification> items = new ArrayList<>();
        String sourceRef = report.year() + "-" + report.half().name() + "-述职评议";
        var due = workingDays.plus(deadlines.today(), ProcessValues.integer(execution, Variables.RECTIFICATION_WORKING_DAYS, 20));
        for (String problem : problems) {
            String title = problem.length() > TITLE_LENGTH ? problem.substring(0, TITLE_LENGTH) + "…" : problem;
            items.add(new NewRectification(report.organizationId(), Source.DUTY_REVIEW, sourceRef, title,
                    report.year() + "年" + report.half().label() + "述职评议提出：" + problem, Severity.MEDIUM, due, null));
        }
        if (!items.isEmpty()) {
            rectifications.openAll(items, null);
        }
        reports.graded(report, BigDecimal.valueOf((Double) execution.getVariable(Variables.MEAN_SCORE)).setScale(2, java.math.RoundingMode.HALF_UP),
                (String) execution.getVariable(Variables.GRADE), items.size());
    }
}
