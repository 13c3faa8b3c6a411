package org.partybuilding.rectification;

import org.springframework.stereotype.Component;

/** {@code Task_EscalateToOrgDept}: second-level escalation to the organization department, after a further delay. */
@Component
class EscalateToOrgDeptDelegate extends EscalateDelegate {

    EscalateToOrgDeptDelegate(RectificationService rectifications, RectificationMails mails) {
        super(rectifications, mails, 2);
    }
}
