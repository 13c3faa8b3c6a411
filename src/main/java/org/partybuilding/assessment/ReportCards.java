package org.partybuilding.assessment;

import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Domain;
import org.partybuilding.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The report cards as the caller may see them (the directory's visibility rule). */
@Service
@Transactional(readOnly = true)
class ReportCards {

    private final AssessmentRepository repository;
    private final AssessmentService assessments;
    private final DirectoryService directory;

    ReportCards(AssessmentRepository repository, AssessmentService assessments, DirectoryService directory) {
        this.repository = repository;
        this.assessments = assessments;
        this.directory = directory;
    }

    List<ReportCard> cards(int year, ApiUser user) {
        if (repository.findRun(year).isEmpty()) {
            throw notAssessed(year);
        }
        return repository.findResults(year, directory.visibleOrganizationIds(user)).stream().map(ReportCard::of).toList();
    }

    /**
     * The cards the caller may see, as {@link #cards} lists them, each with its organization's town: what the exports
     * hold. {@code town} (an organization: it and the organizations below it) and {@code domain} narrow them (null: any).
     *
     * @throws ApiException 404 before the year was assessed, 400 for a town that is not an organization of the directory
     */
    List<AssessmentRepository.ResultInTown> export(int year, String town, Domain domain, ApiUser user) {
        if (repository.findRun(year).isEmpty()) {
            throw notAssessed(year);
        }
        List<String> organizations = directory.visibleOrganizationIds(user);
        if (town != null) {
            if (directory.organization(town).isEmpty()) {
                throw ApiException.badField("town", "组织 " + town + " 不存在，无法按所属镇街（组织）筛选");
            }
            List<String> subtree = directory.overseenOrganizationIds(town);
            organizations = organizations == null ? subtree : organizations.stream().filter(subtree::contains).toList();
        }
        return repository.findResultsInTowns(year, organizations, domain == null ? null : domain.name());
    }

    /** Not visible and not assessed answer alike: a card that may not be seen does not exist for the caller. */
    ReportCardDetail card(int year, String organizationId, ApiUser user) {
        List<String> visible = directory.visibleOrganizationIds(user);
        if (visible != null && !visible.contains(organizationId)) {
            throw noCard(year);
        }
        return repository.findRun(year)
                .flatMap(run -> repository.findResult(year, organizationId).map(result -> ReportCardDetail.of(run, result)))
                .orElseThrow(() -> noCard(year));
    }

    AssessmentSummary summary(int year, ApiUser user) {
        if (!user.isOrgDept() && !user.isInspector()) {
            throw ApiException.forbidden("只有组织部和督查人员可以查看年度考核汇总");
        }
        return assessments.summary(year).orElseThrow(() -> notAssessed(year));
    }

    private static ApiException notAssessed(int year) {
        return ApiException.notFound(year + "年度尚未进行年度考核");
    }

    private static ApiException noCard(int year) {
        return ApiException.notFound("未找到该组织" + year + "年度的成绩单");
    }
}
