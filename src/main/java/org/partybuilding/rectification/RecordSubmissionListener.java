package org.partybuilding.rectification;

import org.partybuilding.workflow.ProcessValues;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_SubmitRectification}: only its assignee, with the form checked; recorded in the ledger. */
@Component
class RecordSubmissionListener implements TaskListener {

    static final int MAX_LENGTH = 4000;

    private final RectificationService rectifications;

    RecordSubmissionListener(RectificationService rectifications) {
        this.rectifications = rectifications;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication user = ProcessValues.user(task);
        if (user != null && !user.getUserId().equals(task.getAssignee())) {
            throw TaskRefusedException.forbidden("只有本组织书记（任务办理人）可以填报整改情况");
        }
        String measures = ProcessValues.text(task, Variables.MEASURES, "整改措施及成效", MAX_LENGTH, true);
        String evidence = ProcessValues.text(task, Variables.EVIDENCE, "佐证材料", MAX_LENGTH, true);
        rectifications.submitted(RectificationService.itemId(task), ProcessValues.actor(task), measures, evidence);
    }
}
