package org.partybuilding.inspection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * A quarter's inspection plan, as {@code POST /api/inspections} takes it and the planning form fills it in. With only
 * {@code year} and {@code quarter}, the round starts with the planning task for the organization department.
 */
@Schema(description = "专项督查方案")
public record InspectionPlan(
        @Schema(description = "年度", example = "2026") Integer year,
        @Schema(description = "季度 1–4", example = "4") Integer quarter,
        @Schema(description = "督查主题", example = "基层党组织“三会一课”制度落实情况") String theme,
        @Schema(description = "范围：ALL 全部基层党组织；DOMAIN 某一领域；UNDER 某一组织以下；SAMPLE 随机抽取", example = "SAMPLE") String scope,
        @Schema(description = "领域（DOMAIN 时必填），如 VILLAGE") String domain,
        @Schema(description = "上级组织编号（UNDER 时必填），如 town-hexi") String organizationId,
        @Schema(description = "抽取数量（SAMPLE 时必填）", example = "10") Integer sampleSize,
        @Schema(description = "随机种子（SAMPLE 时可填；不填则自动生成并记录，同一种子抽取结果相同）") Long seed,
        @Schema(description = "检查项编号（取自责任清单）；不填则为本季度到期的全部清单项") List<String> checklist,
        @Schema(description = "督查人员用户名；不填则为督查组全体") List<String> inspectors,
        @Schema(description = "督查完成期限（工作日）", example = "2026-12-18") LocalDate dueDate) {

    /** Only the year and quarter: the organization department plans the round in its planning task. */
    boolean unplanned() {
        return theme == null && scope == null && domain == null && organizationId == null && sampleSize == null && seed == null
                && (checklist == null || checklist.isEmpty()) && (inspectors == null || inspectors.isEmpty()) && dueDate == null;
    }
}
