package org.partybuilding.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Domain;
import org.partybuilding.system.SpreadsheetExport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The year's report cards (成绩单) and the city's summary. */
@RestController
@RequestMapping("/api/report-cards")
@Tag(name = "成绩单")
class ReportCardController {

    private final ReportCards reportCards;
    private final ReportCardExport exports;

    ReportCardController(ReportCards reportCards, ReportCardExport exports) {
        this.reportCards = reportCards;
        this.exports = exports;
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

    @GetMapping("/{year}/export.xlsx")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    @Operation(summary = "导出某年度成绩单（Excel，含各项得分、权重、折合分）：可见范围与成绩单相同，town、domain 可进一步筛选；"
            + "一个“全部”工作表，另按所属镇街分表")
    void exportXlsx(@PathVariable int year, @RequestParam(required = false) String town,
            @RequestParam(required = false) Domain domain, @Parameter(hidden = true) ApiUser user, HttpServletResponse response)
            throws IOException {
        exports.xlsx(export(year, town, domain, user, response, SpreadsheetExport.XLSX, "xlsx"), response.getOutputStream());
    }

    @GetMapping("/{year}/export.csv")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv"))
    @Operation(summary = "导出某年度成绩单（CSV，UTF-8 带 BOM）：可见范围与成绩单相同，town、domain 可进一步筛选")
    void exportCsv(@PathVariable int year, @RequestParam(required = false) String town,
            @RequestParam(required = false) Domain domain, @Parameter(hidden = true) ApiUser user, HttpServletResponse response)
            throws IOException {
        exports.csv(export(year, town, domain, user, response, SpreadsheetExport.CSV, "csv"), response.getOutputStream());
    }

    /** The rows and the answer's headers, before anything is written: a refusal is still the usual JSON error. */
    private List<AssessmentRepository.ResultInTown> export(int year, String town, Domain domain, ApiUser user,
            HttpServletResponse response, MediaType type, String extension) {
        List<AssessmentRepository.ResultInTown> rows = reportCards.export(year, town, domain, user);
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, exports.contentDisposition(year, extension));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        return rows;
    }

    @GetMapping("/{year}/{organizationId}")
    @Operation(summary = "某组织某年度的成绩单及得分明细（述职评议、整改事项及扣分、满意度测评、责任清单签订、权重）")
    ReportCardDetail card(@PathVariable int year, @PathVariable String organizationId, @Parameter(hidden = true) ApiUser user) {
        return reportCards.card(year, organizationId, user);
    }
}
