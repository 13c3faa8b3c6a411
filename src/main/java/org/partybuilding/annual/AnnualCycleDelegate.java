package org.partybuilding.annual;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.partybuilding.annual.AnnualCycleProcess.Elements;
import org.springframework.stereotype.Component;

/**
 * The service steps of {@code annual-cycle} ({@code delegateExpression="${annualCycleDelegate}"}): publishing the
 * lists, starting each quarter's inspection and the two duty-report rounds, the assessment, and the year done.
 */
@Component("annualCycleDelegate")
class AnnualCycleDelegate implements JavaDelegate, ExecutionListener {

    private final AnnualCycleService cycles;

    AnnualCycleDelegate(AnnualCycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void execute(DelegateExecution execution) {
        switch (execution.getCurrentActivityId()) {
            case Elements.PUBLISH_LISTS -> cycles.publishLists(execution);
            case Elements.START_INSPECTION -> cycles.startInspection(execution);
            case Elements.START_MID_YEAR -> cycles.startDutyReports(execution, "MID_YEAR");
            case Elements.START_YEAR_END -> cycles.startDutyReports(execution, "YEAR_END");
            case Elements.ASSESS -> cycles.assess(execution);
            default -> throw new IllegalStateException("No step " + execution.getCurrentActivityId());
        }
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (Elements.DONE.equals(execution.getCurrentActivityId())) {
            cycles.done(execution);
        }
    }

    /** The user tasks of {@code annual-cycle} ({@code delegateExpression="${annualCycleTaskListener}"}), recorded on completion. */
    @Component("annualCycleTaskListener")
    static class Tasks implements TaskListener {

        private final AnnualCycleService cycles;

        Tasks(AnnualCycleService cycles) {
            this.cycles = cycles;
        }

        @Override
        public void notify(DelegateTask task) {
            if (EVENTNAME_CREATE.equals(task.getEventName())) {
                if (Elements.TALK.equals(task.getTaskDefinitionKey())) {
                    // the talk's organization is the multi-instance element, known once the task exists (not yet in input mappings)
                    String title = cycles.talkTitle(task.getExecution());
                    task.setVariableLocal("title", title);
                    task.setVariableLocal("talkSubject", cycles.talkSubject(task.getExecution()));
                    task.setDescription(title);
                }
                return;
            }
            switch (task.getTaskDefinitionKey()) {
                case Elements.CONFERENCE -> cycles.conferenceHeld(task);
                case Elements.CONFIRM_SURVEY -> cycles.surveyConfirmed(task);
                case Elements.TALK -> cycles.talked(task);
                case Elements.CONFIRM_LISTS -> cycles.listsConfirmed(task);
                default -> throw new IllegalStateException("No listener for task " + task.getTaskDefinitionKey());
            }
        }
    }
}
