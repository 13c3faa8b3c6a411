package org.partybuilding.rectification;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_SubmitRectification}: checks the form and records the submission in the ledger. */
@Component
class RecordSubmissionListener implements TaskListener {

    static final int MAX_LENGTH = 4000;

    private final RectificationService rectifications;

    RecordSubmissionListener(RectificationService rectifications) {
        this.rectifications = rectifications;
    }

    @Override
    public void notify(DelegateTask task) {
        String measures = ProcessValues.text(task, Variables.MEASURES, "整改措施及成效", MAX_LENGTH, true);
        String evidence = ProcessValues.text(task, Variables.EVIDENCE, "佐证材料", MAX_LENGTH, true);
        rectifications.submitted(ProcessValues.itemId(task), ProcessValues.actor(task), measures, evidence);
    }
}
