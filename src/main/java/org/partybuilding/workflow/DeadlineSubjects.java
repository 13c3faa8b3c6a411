package org.partybuilding.workflow;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/** The {@link DeadlineSubject} of each process, by process definition key. */
@Component
class DeadlineSubjects {

    private final Map<String, DeadlineSubject> byProcess;

    DeadlineSubjects(List<DeadlineSubject> subjects) {
        this.byProcess = subjects.stream().collect(Collectors.toMap(DeadlineSubject::processId, Function.identity()));
    }

    DeadlineSubject of(DelegateExecution execution) {
        String processId = ((ExecutionEntity) execution).getProcessDefinition().getKey();
        DeadlineSubject subject = byProcess.get(processId);
        if (subject == null) {
            throw new IllegalStateException("Process " + processId + " uses the deadline kit but has no DeadlineSubject bean");
        }
        return subject;
    }
}
