package org.partybuilding.rectification;

import org.springframework.stereotype.Component;

/** {@code Task_EscalateToSupervisor}: first-level escalation to the supervising organization's staff at the deadline. */
@Component
class EscalateToSupervisorDelegate extends EscalateDelegate {

    EscalateToSupervisorDelegate(RectificationService rectifications, RectificationMails mails) {
        super(rectifications, mails, 1);
    }
}
