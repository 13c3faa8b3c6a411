package org.partybuilding.rectification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.OrganizationsMoved;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.workflow.CandidateGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who verifies an item, decided from the ledger and the directory when {@code Task_VerifyRectification} is created
 * ({@code camunda:candidateGroups="${rectificationVerifiers.groups(execution)}"}), again when a directory import moves
 * the organization ({@link OrganizationsMoved}), and checked when the task is completed: the staff of the issuing
 * organization while it still oversees the organization, else of the organization's supervisor now (the item keeps
 * its issuer; the change is a line of its history); plus the inspectors for inspection findings. Never the
 * organization's own secretary.
 */
@Component("rectificationVerifiers")
public class RectificationVerifiers {

    private static final Logger log = LoggerFactory.getLogger(RectificationVerifiers.class);

    private final RectificationService rectifications;
    private final DirectoryService directory;
    private final CandidateGroups candidateGroups;

    RectificationVerifiers(RectificationService rectifications, DirectoryService directory, CandidateGroups candidateGroups) {
        this.rectifications = rectifications;
        this.directory = directory;
        this.candidateGroups = candidateGroups;
    }

    /** The candidate groups of the verification task. */
    public List<String> groups(DelegateExecution execution) {
        return groups(rectifications.item(RectificationService.itemId(execution)));
    }

    List<String> groups(RectificationItem item) {
        List<String> groups = new ArrayList<>(List.of(Groups.staffOf(verifyingOrganizationId(item))));
        if (item.source() == Source.INSPECTION) {
            groups.add(Groups.INSPECTORS);
        }
        return groups;
    }

    /**
     * The organization whose staff verify: the issuer while it is (still) above the organization in the directory,
     * else, once the organization moved away from it, the organization's supervisor now.
     */
    String verifyingOrganizationId(RectificationItem item) {
        String issuer = item.issuingOrganizationId();
        if (issuer.equals(item.organizationId()) || directory.isAbove(issuer, item.organizationId())) {
            return issuer;
        }
        return directory.organization(item.organizationId()).map(Organization::supervisorId).orElse(issuer);
    }

    /** Refuses a verification by anyone outside the verifier groups, and by the organization's own secretary. */
    void checkVerifier(RectificationItem item, Authentication user) {
        if (user == null) {
            return;
        }
        List<String> groups = groups(item);
        boolean verifier = user.getGroupIds() != null && user.getGroupIds().stream().anyMatch(groups::contains);
        if (!verifier) {
            throw TaskRefusedException.forbidden("您不在本事项的核验组中，不能核验");
        }
        boolean ownSecretary = directory.organizationForHistory(item.organizationId())
                .map(o -> user.getUserId().equals(o.secretaryUserId())).orElse(false);
        if (ownSecretary) {
            throw TaskRefusedException.forbidden("本组织的书记不能核验本组织的整改事项");
        }
    }

    /** A moved organization's open verifications go to its new chain, in the import's transaction. */
    @EventListener
    void followTheDirectory(OrganizationsMoved moved) {
        for (CandidateGroups.OpenTask open : candidateGroups.openTasks(RectificationProcess.PROCESS_ID,
                RectificationProcess.Elements.VERIFY, moved.organizationIds())) {
            Task task = open.task();
            RectificationItem item = rectifications.item(RectificationService.itemId(open.businessKey()));
            Set<String> before = candidateGroups.of(task);
            List<String> after = groups(item);
            CandidateGroups.Change change = candidateGroups.replace(task, after);
            if (change.any()) {
                String verifying = verifyingOrganizationId(item);
                String name = directory.organizationForHistory(verifying).map(Organization::name).orElse(verifying);
                rectifications.verifiersChanged(item.id(), moved.importedBy(), "组织隶属关系调整（导入组织目录），核验改由"
                        + name + "工作人员负责（原为 " + String.join("、", before) + "，现为 " + String.join("、", after)
                        + "）；立项单位不变" + (change.releasedFrom() == null ? "" : "；" + change.releasedFrom() + " 的认领已撤回"));
                log.info("Verification of rectification item {} moved from {} to {}", item.id(), before, after);
            }
        }
    }
}
