package org.partybuilding.annual;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.partybuilding.annual.ListSigningProcess.Variables;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.responsibility.ResponsibilityList;
import org.partybuilding.responsibility.ResponsibilityLists;
import org.partybuilding.system.TaskRefusedException;
import org.partybuilding.workflow.DeadlineSubject;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.ProcessValues;
import org.partybuilding.workflow.Round;
import org.partybuilding.workflow.RoundProcess;
import org.partybuilding.workflow.StepNotice;
import org.springframework.stereotype.Component;

/**
 * The "8": every grassroots secretary signs the responsibility list of their type ({@code bpmn/list-signing.bpmn}),
 * one instance per organization started by the year's round through the kit. The bean {@code listSigning} is the
 * round's process, the form's text ({@code ${listSigning.listText(execution)}}), the signature's record (the task
 * listener) and what reminders and escalations of an unsigned list say.
 */
@Component("listSigning")
public class ListSigning implements RoundProcess, DeadlineSubject, TaskListener {

    public static final String YEAR_PARAMETER = "year";
    public static final String DUE_DATE_PARAMETER = "dueDate";

    private final ResponsibilityLists lists;
    private final DirectoryService directory;
    private final AnnualCycleRepository repository;
    private final Deadlines deadlines;

    ListSigning(ResponsibilityLists lists, DirectoryService directory, AnnualCycleRepository repository, Deadlines deadlines) {
        this.lists = lists;
        this.directory = directory;
        this.repository = repository;
        this.deadlines = deadlines;
    }

    // --- the round ---

    @Override
    public String processId() {
        return ListSigningProcess.PROCESS_ID;
    }

    @Override
    public String title(Round round, Organization organization) {
        return round.name();
    }

    @Override
    public Map<String, Object> variables(Round round, Organization organization) {
        return Map.of(Variables.YEAR, Integer.parseInt(round.parameter(YEAR_PARAMETER)),
                Variables.SIGN_DUE_DATE, deadlines.deadlineOf(LocalDate.parse(round.parameter(DUE_DATE_PARAMETER))));
    }

    @Override
    public void started(Round round, Organization organization, String processInstanceId) {
    }

    // --- the form ---

    /** The list the secretary signs: its type, version and items, one per line. */
    public String listText(DelegateExecution execution) {
        return list(execution).text();
    }

    private ResponsibilityList list(DelegateExecution execution) {
        int year = ((Number) execution.getVariable(Variables.YEAR)).intValue();
        Organization organization = organization(execution);
        return lists.inEffect(year, organization.secretaryType())
                .orElseThrow(() -> new IllegalStateException("No " + year + " list for type " + organization.secretaryType()));
    }

    private Organization organization(DelegateExecution execution) {
        String id = (String) execution.getVariable(DirectoryService.ORGANIZATION_ID_VARIABLE);
        return directory.organizationForHistory(id).orElseThrow(() -> new IllegalStateException("Organization " + id + " is missing"));
    }

    // --- the signature ---

    /** {@code Task_SignList} completed: only the assignee, only with the commitment ticked; late when after the due date. */
    @Override
    public void notify(DelegateTask task) {
        Authentication user = ProcessValues.user(task);
        if (user != null && !user.getUserId().equals(task.getAssignee())) {
            throw TaskRefusedException.forbidden("只能签订本人所在组织的责任清单");
        }
        if (!Boolean.TRUE.equals(task.getVariable(Variables.CONFIRMED))) {
            throw new FormFieldValidationException(Variables.CONFIRMED, "请阅读清单并勾选“本人已阅读并承诺履行上述责任”后再提交");
        }
        DelegateExecution execution = task.getExecution();
        ResponsibilityList list = list(execution);
        Organization organization = organization(execution);
        Date now = deadlines.now();
        LocalDate due = deadlines.dueDateOf((Date) execution.getVariable(Variables.SIGN_DUE_DATE));
        repository.sign(list.year(), organization.id(), list.type(), list.version(), ProcessValues.actor(task), now, due,
                deadlines.dateOf(now).isAfter(due));
    }

    // --- the deadline kit ---

    @Override
    public StepNotice notice(DelegateExecution execution, String step) {
        Organization organization = organization(execution);
        ResponsibilityList list = list(execution);
        String details = "组织：" + organization.name() + "\n书记：" + organization.secretaryName()
                + (organization.secretaryPhone() == null ? "" : "（" + organization.secretaryPhone() + "）") + "\n清单："
                + list.typeName() + "责任清单\n";
        return new StepNotice("清单签订", "“" + list.year() + "年度责任清单”", organization.id(), "签订责任清单", "签订",
                organization.id(), organization.secretaryName() + "同志",
                organization.secretaryEmail() == null ? List.of() : List.of(organization.secretaryEmail()), details, StepNotice.FOLLOW_UP);
    }
}
