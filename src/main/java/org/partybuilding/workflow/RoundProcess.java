package org.partybuilding.workflow;

import java.util.Map;
import org.partybuilding.organization.Organization;

/**
 * A process that runs in rounds, one instance per organization ({@link Rounds}). The capability implements it as a
 * bean; the kit starts each instance with the business key {@code <round key>-<organization id>} and the variables
 * {@code organizationId}, {@code secretaryUserId} and {@code title}, plus the capability's own.
 */
public interface RoundProcess {

    /** The process definition key. */
    String processId();

    /** What the instance is about, shown on its tasks: "2026年年中述职". */
    String title(Round round, Organization organization);

    /** The capability's own variables for one organization's instance. */
    Map<String, Object> variables(Round round, Organization organization);

    /** The instance started, in the same transaction: the capability's own record of it. */
    void started(Round round, Organization organization, String processInstanceId);
}
