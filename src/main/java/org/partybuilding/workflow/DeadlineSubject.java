package org.partybuilding.workflow;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What a process tells the deadline kit about its steps. Each process capability that uses the kit's deadline steps
 * ({@code scheduleDeadlinesDelegate}, {@code sendReminderDelegate}, {@code escalateToSupervisorDelegate},
 * {@code escalateToOrgDeptDelegate}) has one bean implementing this for its process; the kit writes the mails, the
 * capability says what the step is about, who holds it, and keeps its own record.
 */
public interface DeadlineSubject {

    /** The process definition key this subject answers for. */
    String processId();

    /** The step of this instance: what it is about and who holds it now, read from the capability's own records. */
    StepNotice notice(DelegateExecution execution, String step);

    /**
     * What a notice is about within the process, for sending it once: the business key, or for a step repeated per
     * organization inside one instance (a multi-instance), the key and that organization.
     */
    default String noticeKey(DelegateExecution execution) {
        return execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey() : execution.getProcessInstanceId();
    }

    /** The kit set the step's deadline; {@code extendedFrom} is the earlier deadline when returned work got more time. */
    default void scheduled(DelegateExecution execution, String step, Date deadline, Date extendedFrom) {
    }

    /** The kit sent a notice of this level (0 reminder, 1 supervising organization, 2 organization department). */
    default void noticed(DelegateExecution execution, String step, int level, List<String> recipients) {
    }
}
