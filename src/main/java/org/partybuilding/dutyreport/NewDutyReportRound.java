package org.partybuilding.dutyreport;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import org.partybuilding.workflow.RoundScope;

/** {@code POST /api/duty-reports/rounds}: a half year's duty reports for every organization of the scope. */
@Schema(description = "发起一轮书记述职")
public record NewDutyReportRound(
        @Schema(description = "年度，如 2026", example = "2026") Integer year,
        @Schema(description = "MID_YEAR 年中 或 YEAR_END 年末", example = "YEAR_END") String half,
        @Schema(description = "述职报告提交期限（须为工作日）", example = "2026-12-31") LocalDate dueDate,
        @Schema(description = "评议人的用户名：组织部或被评议组织的上级党组织工作人员；每个组织至少 3 人") List<String> reviewerIds,
        @Schema(description = "发起范围；不填为全部基层党组织") RoundScope scope) {
}
