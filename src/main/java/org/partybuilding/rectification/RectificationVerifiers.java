package org.partybuilding.rectification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.system.TaskRefusedException;
import org.springframework.stereotype.Component;

/**
 * Who verifies an item, decided from the ledger when {@code Task_VerifyRectification} is created
 * ({@code camunda:candidateGroups="${rectificationVerifiers.groups(execution)}"}) and checked again when it is
 * completed: the staff of the issuing organization, plus the inspectors for inspection findings. Never the
 * organization's own secretary.
 */
@Component("rectificationVerifiers")
public class RectificationVerifiers {

    private final RectificationService rectifications;
    private final DirectoryService directory;

    RectificationVerifiers(RectificationService rectifications, DirectoryService directory) {
        this.rectifications = rectifications;
        this.directory = directory;
    }

    /** The candidate groups of the verification task. */
    public List<String> groups(DelegateExecution execution) {
        return groups(rectifications.item(RectificationService.itemId(execution)));
    }

    static List<String> groups(RectificationItem item) {
        List<String> groups = new ArrayList<>(List.of(Groups.staffOf(item.issuingOrganizationId())));
        if (item.source() == Source.INSPECTION) {
            groups.add(Groups.INSPECTORS);
        }
        return groups;
    }

    /** Refuses a verification by anyone outside the verifier groups, and by the organization's own secretary. */
    void checkVerifier(RectificationItem item, Authentication user) {
        if (user == null) {
            return;
        }
        boolean verifier = user.getGroupIds() != null && user.getGroupIds().stream().anyMatch(groups(item)::contains);
        if (!verifier) {
            throw TaskRefusedException.forbidden("您不在本事项的核验组中，不能核验");
        }
        boolean ownSecretary = directory.organizationForHistory(item.organizationId())
                .map(o -> user.getUserId().equals(o.secretaryUserId())).orElse(false);
        if (ownSecretary) {
            throw TaskRefusedException.forbidden("本组织的书记不能核验本组织的整改事项");
        }
    }
}
