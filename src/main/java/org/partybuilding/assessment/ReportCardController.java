package org.partybuilding.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The year's report cards (成绩单) and the city's summary. */
@RestController
@RequestMapping("/api/report-cards")
@Tag(name = "成绩单")
class ReportCardController {

    private final ReportCards reportCards;

    ReportCardController(ReportCards reportCards) {
        this.reportCards = reportCards;
    }

    @GetMapping("/{year}")
    @Operation(summary = "某年度各组织的成绩单（各项得分、党的建设杯得分、星级、排名），仅限可见的组织，按排名排列")
    List<ReportCard> cards(@PathVariable int year, @Parameter(hidden = true) ApiUser user) {
        return reportCards.cards(year, user);
    }

    @GetMapping("/{year}/summary")
    @Operation(summary = "某年度考核汇总：三星及以上比例与目标、差一步达到三星的组织、谈优谈差名单、表彰和问责名单。仅组织部和督查人员可用。")
    AssessmentSummary summary(@PathVariable int year, @Parameter(hidden = true) ApiUser user) {
        return reportCards.summary(year, user);
    }

    @GetMapping("/{year}/{organizationId}")
    @Operation(summary = "某组织某年度的成绩单及得分明细（述职评议、整改事项及扣分、满意度测评、责任清单签订、权重）")
    ReportCardDetail card(@PathVariable int year, @PathVariable String organizationId, @Parameter(hidden = true) ApiUser user) {
        return reportCards.card(year, organizationId, user);
    }
}
