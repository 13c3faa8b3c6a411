package org.partybuilding.inspection;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.inspection.InspectionProcess.Variables;
import org.partybuilding.inspection.InspectionRound.RoundStatus;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.StaffMember;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.workflow.DeadlineSubject;
import org.partybuilding.workflow.ProcessValues;
import org.partybuilding.workflow.StepNotice;
import org.springframework.stereotype.Component;

/**
 * What {@code bpmn/quarterly-inspection.bpmn} asks of the server ({@code ${inspectionSteps...}}): the round's
 * organizations and who inspects each (from the tables, never from a variable a user could write), the steps' records,
 * and what the deadline kit says in reminders and escalations of an inspection and of a re-inspection (to the
 * inspector; escalations to the organization department, which runs the inspections).
 */
@Component("inspectionSteps")
public class InspectionSteps implements DeadlineSubject {

    private final InspectionService inspections;
    private final InspectionRepository repository;
    private final DirectoryService directory;

    InspectionSteps(InspectionService inspections, InspectionRepository repository, DirectoryService directory) {
        this.inspections = inspections;
        this.repository = repository;
        this.directory = directory;
    }

    // --- planning ---

    public void recordPlan(DelegateTask task) {
        inspections.planned(task);
    }

    public void assignInspectors(DelegateExecution execution) {
        inspections.assignInspectors(execution);
    }

    // --- one inspection per organization ---

    public List<String> targets(DelegateExecution execution) {
        return inspections.targets(execution);
    }

    public String inspector(DelegateExecution execution) {
        return inspections.target(execution, inspected(execution)).inspectorId();
    }

    public String title(DelegateExecution execution) {
        return inspections.title(execution, inspected(execution));
    }

    public String organizationName(DelegateExecution execution) {
        return inspections.organization(inspected(execution)).name();
    }

    public String checklistText(DelegateExecution execution) {
        return inspections.checklistText(execution, inspected(execution));
    }

    public void recordInspection(DelegateTask task) {
        assigneeOnly(task, "只能填报分配给本人的督查任务");
        inspections.inspected(task, inspected(task.getExecution()));
    }

    // --- the bulletin ---

    public void bulletinDue(DelegateTask task) {
        InspectionRound round = inspections.round(task.getExecution());
        repository.setStatus(round.year(), round.quarter(), RoundStatus.BULLETIN);
    }

    public String overview(DelegateExecution execution) {
        return inspections.overview(execution);
    }

    public void recordBulletin(DelegateTask task) {
        inspections.issueBulletin(task);
    }

    // --- re-inspections (回头看) ---

    public List<Long> findingItems(DelegateExecution execution) {
        return inspections.findingItems(execution);
    }

    public boolean awaitingClosure(DelegateExecution execution) {
        return inspections.awaitingClosure(itemId(execution));
    }

    public boolean itemCancelled(DelegateExecution execution) {
        return inspections.itemCancelled(itemId(execution));
    }

    public Date revisitAt(DelegateExecution execution) {
        return inspections.revisitAt(itemId(execution));
    }

    public String revisitor(DelegateExecution execution) {
        return inspections.revisitor(itemId(execution));
    }

    /** What the re-inspection form shows: the finding, its organization and the closure. */
    public String findingText(DelegateExecution execution) {
        InspectionRepository.Finding finding = inspections.finding(itemId(execution));
        return inspections.organization(finding.organizationId()).name() + "：" + finding.description() + "（检查项 " + finding.itemCode()
                + "，整改事项 #" + finding.itemId() + (finding.reopened() > 0 ? "，已重新整改 " + finding.reopened() + " 次" : "") + "）";
    }

    public String revisitTitle(DelegateExecution execution) {
        InspectionRepository.Finding finding = inspections.finding(itemId(execution));
        return "回头看：" + inspections.organization(finding.organizationId()).name() + "——" + finding.description();
    }

    public void recordRevisit(DelegateTask task) {
        assigneeOnly(task, "只能办理分配给本人的回头看任务");
        task.getExecution().setVariable(Variables.RELAPSED, inspections.revisited(task, itemId(task.getExecution())));
    }

    public void reopen(DelegateExecution execution) {
        inspections.reopen(itemId(execution));
    }

    public void done(DelegateExecution execution) {
        InspectionRound round = inspections.round(execution);
        repository.setStatus(round.year(), round.quarter(), RoundStatus.DONE);
    }

    private static void assigneeOnly(DelegateTask task, String message) {
        Authentication user = ProcessValues.user(task);
        if (user != null && !user.getUserId().equals(task.getAssignee())) {
            throw TaskRefusedException.forbidden(message);
        }
    }

    private static String inspected(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.INSPECTED_ORGANIZATION_ID);
    }

    private static long itemId(DelegateExecution execution) {
        return ((Number) execution.getVariable(Variables.ITEM_ID)).longValue();
    }

    // --- the deadline kit ---

    @Override
    public String processId() {
        return InspectionProcess.PROCESS_ID;
    }

    /**
     * One inspection per organization and one re-inspection per finding in the one instance: each is reminded and
     * escalated on its own (an organization may have several findings re-inspected at once).
     */
    @Override
    public String noticeKey(DelegateExecution execution) {
        Object item = execution.getVariable(Variables.ITEM_ID);
        return execution.getProcessBusinessKey() + "/" + (item != null ? "item-" + item : inspected(execution));
    }

    /**
     * An inspection ({@code inspect}) or a re-inspection ({@code revisit}): held by its inspector, a city staff member,
     * so escalations go to the organization department.
     */
    @Override
    public StepNotice notice(DelegateExecution execution, String step) {
        InspectionRound round = inspections.round(execution);
        if (InspectionProcess.REVISIT_STEP.equals(step)) {
            InspectionRepository.Finding finding = inspections.finding(itemId(execution));
            Organization organization = inspections.organization(finding.organizationId());
            String inspectorId = inspections.revisitor(finding.itemId());
            StaffMember inspector = directory.staffMember(inspectorId).orElse(null);
            String details = "督查对象：" + organization.name() + "\n督查发现的问题：" + finding.description() + "（" + round.label() + "，检查项 "
                    + finding.itemCode() + "，整改事项 #" + finding.itemId() + "，已整改销号）\n督查人员：" + inspectorText(inspector, inspectorId) + "\n";
            return notice(organization, inspector, inspectorId, "回头看", "“" + finding.description() + "”", "对已整改销号的问题开展回头看",
                    "完成回头看", details, "请组织部督促督查人员按期完成回头看。");
        }
        Organization organization = inspections.organization(inspected(execution));
        String inspectorId = inspector(execution);
        StaffMember inspector = directory.staffMember(inspectorId).orElse(null);
        String details = "督查对象：" + organization.name() + "\n督查主题：" + round.theme() + "\n督查人员：" + inspectorText(inspector, inspectorId) + "\n";
        return notice(organization, inspector, inspectorId, "督查", "“" + round.label() + "”", "开展专项督查并填报发现的问题", "完成督查", details,
                "请组织部督促督查人员按期完成督查。");
    }

    private StepNotice notice(Organization organization, StaffMember inspector, String inspectorId, String kind, String title, String action,
            String unfinished, String details, String secondLevelNote) {
        String city = directory.rootId().orElse(organization.id());
        return new StepNotice(kind, title, organization.id(), action, unfinished, city, (inspector == null ? inspectorId : inspector.name()) + "同志",
                inspector == null || inspector.email() == null ? List.of() : List.of(inspector.email()), details, secondLevelNote);
    }

    private static String inspectorText(StaffMember inspector, String inspectorId) {
        return inspector == null ? inspectorId : inspector.name() + (inspector.phone() == null ? "" : "（" + inspector.phone() + "）");
    }
}
