package org.partybuilding.dutyreport;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.value.IntegerValue;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Groups;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.OrganizationsMoved;
import org.partybuilding.organization.SecretaryType;
import org.partybuilding.responsibility.ResponsibilityList;
import org.partybuilding.responsibility.ResponsibilityLists;
import org.partybuilding.workflow.CandidateGroups;
import org.partybuilding.workflow.DeadlineSubject;
import org.partybuilding.workflow.StepNotice;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who holds each step of a duty report, for the model and the deadline kit: the secretary writes, against her type's
 * responsibility list ({@code ${dutyReportSteps.listText(execution)}}); the supervising organization's staff review
 * ({@code ${dutyReportSteps.reviewerGroups(execution)}}); the round's reviewers grade
 * ({@code ${dutyReportSteps.graders(execution)}}, from the report's row, never from a variable a user could write).
 */
@Component("dutyReportSteps")
public class DutyReportSteps implements DeadlineSubject {

    private final DutyReportService reports;
    private final DirectoryService directory;
    private final IdentityService identityService;
    private final CandidateGroups candidateGroups;
    private final ResponsibilityLists lists;

    DutyReportSteps(DutyReportService reports, DirectoryService directory, IdentityService identityService,
            CandidateGroups candidateGroups, ResponsibilityLists lists) {
        this.reports = reports;
        this.directory = directory;
        this.identityService = identityService;
        this.candidateGroups = candidateGroups;
        this.lists = lists;
    }

    /**
     * What the write form shows read-only above the report ({@code Task_WriteReport}'s input {@code listText}, read
     * each time the task is created, so a returned report shows the list as it is then): the list in effect for the
     * report's year of the secretary's type, or why there is none. Read from the instance's variables, not the report's
     * row: the first write task is created before the round records the row.
     */
    public String listText(DelegateExecution execution) {
        IntegerValue year = execution.getVariableTyped(DutyReportProcess.Variables.YEAR);
        String type = secretaryType(execution);
        if (type == null) {
            return "本组织未设书记类型，没有对应的书记责任清单。请对照上级党组织部署的党建工作任务撰写述职报告。";
        }
        String key = year.getValue() + "|" + type;
        long now = System.nanoTime();
        CachedText cached = listTexts.get(key);
        if (cached != null && now - cached.at() < LIST_TEXT_CACHE_NANOS) {
            return cached.text();
        }
        String text = lists.inEffect(year.getValue(), type).map(ResponsibilityList::text).orElseGet(() -> {
            String typeName = directory.secretaryTypes().stream().filter(t -> t.code().equals(type)).map(SecretaryType::name)
                    .findFirst().orElse(type);
            return year.getValue() + "年没有适用的" + typeName + "责任清单（市委组织部尚未发布）。请对照上级党组织部署的党建工作任务撰写述职报告。";
        });
        listTexts.put(key, new CachedText(text, now));
        return text;
    }

    /**
     * A round starts ten thousand write tasks in a minute, all of a handful of (year, type) lists: the text is read once
     * per list every few seconds instead of three queries per task. A list published meanwhile shows on the next ones.
     */
    static final long LIST_TEXT_CACHE_NANOS = 5_000_000_000L;

    private final java.util.concurrent.ConcurrentHashMap<String, CachedText> listTexts = new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedText(String text, long at) {
    }

    /** The type the round recorded at the start (an instance started before it did: the directory's), null for none. */
    private String secretaryType(DelegateExecution execution) {
        Object recorded = execution.getVariable(DutyReportProcess.Variables.SECRETARY_TYPE);
        if (recorded instanceof String type) {
            return type.isEmpty() ? null : type;
        }
        StringValue organizationId = execution.getVariableTyped(DirectoryService.ORGANIZATION_ID_VARIABLE);
        return directory.organizationForHistory(organizationId.getValue()).map(Organization::secretaryType).orElse(null);
    }

    /** Candidate groups of the review: the supervising organization's staff, the organization department above a committee the city supervises. */
    public List<String> reviewerGroups(DelegateExecution execution) {
        return List.of(reviewingGroup(organization(reports.report(execution.getProcessBusinessKey()))));
    }

    /** A moved organization's open review goes to its new supervisor's staff (same rule), in the import's transaction. */
    @EventListener
    void followTheDirectory(OrganizationsMoved moved) {
        for (CandidateGroups.OpenTask open : candidateGroups.openTasks(DutyReportProcess.PROCESS_ID,
                DutyReportProcess.Elements.REVIEW, moved.organizationIds())) {
            candidateGroups.replace(open.task(), List.of(reviewingGroup(organization(reports.report(open.businessKey())))));
        }
    }

    /** The multi-instance collection of the grading: the reviewers the round gave this organization. */
    public List<String> graders(DelegateExecution execution) {
        return reports.report(execution.getProcessBusinessKey()).reviewerIds();
    }

    String reviewingGroup(Organization organization) {
        String supervisor = organization.supervisorId();
        boolean cityReviews = supervisor == null || directory.organization(supervisor).map(o -> o.supervisorId() == null).orElse(true);
        return cityReviews ? Groups.ORG_DEPT : Groups.staffOf(supervisor);
    }

    Organization organization(DutyReport report) {
        return directory.organizationForHistory(report.organizationId())
                .orElseThrow(() -> new IllegalStateException("Organization " + report.organizationId() + " is missing"));
    }

    @Override
    public String processId() {
        return DutyReportProcess.PROCESS_ID;
    }

    @Override
    public StepNotice notice(DelegateExecution execution, String step) {
        DutyReport report = reports.report(execution.getProcessBusinessKey());
        Organization organization = organization(report);
        String title = "“" + report.year() + "年" + report.half().label() + "书记述职”";
        String details = "述职单位：" + organization.name() + "\n书记：" + organization.secretaryName()
                + (organization.secretaryPhone() == null ? "" : "（" + organization.secretaryPhone() + "）") + "\n"
                + "当前状态：" + report.status().label() + (report.returns() > 0 ? "（已退回 " + report.returns() + " 次）" : "") + "\n";
        String supervisor = organization.supervisorId() == null ? organization.id() : organization.supervisorId();
        String supervisorName = directory.organizationForHistory(supervisor).map(Organization::name).orElse(supervisor);
        return switch (step) {
            case DutyReportProcess.WRITE_STEP -> new StepNotice("述职", title, organization.id(), "撰写述职报告", "提交述职报告",
                    organization.id(), organization.secretaryName() + "同志", List.of(organization.secretaryEmail()), details,
                    StepNotice.FOLLOW_UP);
            case DutyReportProcess.REVIEW_STEP -> {
                boolean city = Groups.ORG_DEPT.equals(reviewingGroup(organization));
                yield new StepNotice("述职审核", title, organization.id(), "审核述职报告", "完成审核", supervisor,
                        city ? "市委组织部" : supervisorName, city ? directory.orgDeptEmails() : directory.staffEmails(supervisor),
                        details, StepNotice.FOLLOW_UP);
            }
            default -> new StepNotice("述职评议", title, organization.id(), "述职评议打分", "完成评议打分", supervisor,
                    "各位评议人", emailsOfGradersWhoHaveNotScored(report), details, StepNotice.FOLLOW_UP);
        };
    }

    private List<String> emailsOfGradersWhoHaveNotScored(DutyReport report) {
        Set<String> scored = reports.scores(report).stream().map(DutyReportRepository.Score::reviewerId).collect(Collectors.toSet());
        List<String> emails = new ArrayList<>();
        for (String reviewer : report.reviewerIds()) {
            if (!scored.contains(reviewer)) {
                User user = identityService.createUserQuery().userId(reviewer).singleResult();
                if (user != null && user.getEmail() != null) {
                    emails.add(user.getEmail());
                }
            }
        }
        return emails;
    }

    @Override
    public void scheduled(DelegateExecution execution, String step, Date deadline, Date extendedFrom) {
        if (extendedFrom != null) {
            reports.extended(reports.report(execution.getProcessBusinessKey()), deadline);
        }
    }

    @Override
    public void noticed(DelegateExecution execution, String step, int level, List<String> recipients) {
        reports.noticed(reports.report(execution.getProcessBusinessKey()), step, level, recipients);
    }
}
