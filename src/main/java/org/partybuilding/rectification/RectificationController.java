package org.partybuilding.rectification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Domain;
import org.partybuilding.system.SpreadsheetExport;
import org.partybuilding.workflow.Deadlines;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The rectification ledger over HTTP. */
@RestController
@RequestMapping("/api/rectifications")
@Tag(name = "整改台账")
class RectificationController {

    private final RectificationService rectifications;
    private final LedgerExport exports;
    private final Deadlines deadlines;

    RectificationController(RectificationService rectifications, LedgerExport exports, Deadlines deadlines) {
        this.rectifications = rectifications;
        this.exports = exports;
        this.deadlines = deadlines;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "发起整改事项并启动整改闭环流程（组织部、督查组、上级党组织工作人员）")
    Created open(@Valid @RequestBody NewRectification request, ApiUser caller) {
        RectificationItem item = rectifications.open(request, caller);
        return new Created(item.id(), item.processInstanceId(), item.status());
    }

    @GetMapping("/{id}")
    @Operation(summary = "整改事项及其全部历史")
    RectificationItem item(@PathVariable long id, ApiUser caller) {
        return rectifications.find(id, caller);
    }

    @GetMapping
    @Operation(summary = "查询整改台账；overdue=true 只列逾期未销号的事项；town 为某组织及其下级的事项，domain 为组织所属领域。"
            + "每行另有 organizationName、townId、townName（所属镇街）。最多 2000 条，最新的在前")
    List<RectificationListItem> search(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) Source source, @RequestParam(required = false) Status status,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String town,
            @RequestParam(required = false) Domain domain, ApiUser caller) {
        return rectifications.search(new RectificationFilter(organizationId, source, status, overdue, town, domain), caller);
    }

    @GetMapping("/export.xlsx")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    @Operation(summary = "导出整改台账（Excel）：筛选条件和可见范围与查询相同，一个“全部”工作表，另按所属镇街分表。最多 20000 条")
    void exportXlsx(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) Source source, @RequestParam(required = false) Status status,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String town,
            @RequestParam(required = false) Domain domain, ApiUser caller, HttpServletResponse response) throws IOException {
        List<RectificationListItem> rows = export(new RectificationFilter(organizationId, source, status, overdue, town, domain),
                caller, response, SpreadsheetExport.XLSX, "xlsx");
        exports.xlsx(rows, response.getOutputStream());
    }

    @GetMapping("/export.csv")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv"))
    @Operation(summary = "导出整改台账（CSV，UTF-8 带 BOM）：筛选条件和可见范围与查询相同。最多 20000 条")
    void exportCsv(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) Source source, @RequestParam(required = false) Status status,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String town,
            @RequestParam(required = false) Domain domain, ApiUser caller, HttpServletResponse response) throws IOException {
        List<RectificationListItem> rows = export(new RectificationFilter(organizationId, source, status, overdue, town, domain),
                caller, response, SpreadsheetExport.CSV, "csv");
        exports.csv(rows, response.getOutputStream());
    }

    /**
     * The rows of an export and the answer's headers, before anything is written: a refusal (a bad filter) is still the
     * usual JSON error. One row more than the limit is read to tell a cut export ({@code X-Export-Truncated: true}).
     */
    private List<RectificationListItem> export(RectificationFilter filter, ApiUser caller, HttpServletResponse response,
            MediaType type, String extension) {
        List<RectificationListItem> rows = rectifications.search(filter, caller, RectificationService.EXPORT_LIMIT + 1);
        if (rows.size() > RectificationService.EXPORT_LIMIT) {
            rows = rows.subList(0, RectificationService.EXPORT_LIMIT);
            response.setHeader("X-Export-Truncated", "true");
        }
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, exports.contentDisposition(deadlines.today(), extension));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        return rows;
    }

    record Created(long id, String processInstanceId, Status status) {
    }
}
