package org.partybuilding.workflow;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Which organizations a round covers: every grassroots organization (ALL), those of one domain (DOMAIN), those under
 * one organization, e.g. a town (UNDER), or a random sample of {@code sampleSize} grassroots organizations (SAMPLE),
 * drawn with {@code seed} so that the draw can be repeated and audited (a seed is chosen and recorded when none is given).
 */
@Schema(description = "发起范围")
public record RoundScope(
        @Schema(description = "ALL 全部基层党组织；DOMAIN 某一领域；UNDER 某一组织（如镇街）以下；SAMPLE 随机抽取") Kind kind,
        @Schema(description = "领域（DOMAIN 时必填），如 VILLAGE") String domain,
        @Schema(description = "上级组织编号（UNDER 时必填），如 town-hexi") String organizationId,
        @Schema(description = "抽取数量（SAMPLE 时必填）") Integer sampleSize,
        @Schema(description = "随机种子（SAMPLE 时可填；不填则自动生成并记录）") Long seed) {

    public enum Kind {
        ALL, DOMAIN, UNDER, SAMPLE
    }

    public static RoundScope all() {
        return new RoundScope(Kind.ALL, null, null, null, null);
    }

    /** In Chinese, for lists and mails: 全部基层党组织, 农村领域, … */
    public String label() {
        return switch (kind) {
            case ALL -> "全部基层党组织";
            case DOMAIN -> "领域 " + domain;
            case UNDER -> organizationId + " 以下的基层党组织";
            case SAMPLE -> "随机抽取 " + sampleSize + " 个（种子 " + seed + "）";
        };
    }
}
