package org.partybuilding.dutyreport;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.workflow.Round;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rounds of duty reports for the organization department, and the reports with their scores and grades. */
@RestController
@RequestMapping("/api/duty-reports")
@Tag(name = "书记述职")
class DutyReportController {

    private final DutyReportService reports;

    DutyReportController(DutyReportService reports) {
        this.reports = reports;
    }

    @PostMapping("/rounds")
    @Operation(summary = "发起一轮书记述职（年中或年末）：每个基层党组织一个流程，后台分批启动；同一年度同一半年再次发起不会重复启动。"
            + "进度见 GET /api/rounds/{id}。仅组织部可用。")
    ResponseEntity<Round> startRound(@RequestBody NewDutyReportRound request, @Parameter(hidden = true) ApiUser user) {
        Round round = reports.startRound(request, user);
        return ResponseEntity.status(Boolean.TRUE.equals(round.created()) ? HttpStatus.ACCEPTED : HttpStatus.OK).body(round);
    }

    @GetMapping
    @Operation(summary = "述职报告列表：状态、得分与评定等次（好、较好、一般、差）；只列出本人可见组织的报告。")
    List<DutyReport> list(
            @Parameter(description = "年度") @RequestParam(required = false) Integer year,
            @Parameter(description = "MID_YEAR 年中 或 YEAR_END 年末") @RequestParam(required = false) String half,
            @Parameter(description = "组织编号") @RequestParam(required = false) String organizationId,
            @Parameter(hidden = true) ApiUser user) {
        return reports.search(year, half, organizationId, user);
    }
}
