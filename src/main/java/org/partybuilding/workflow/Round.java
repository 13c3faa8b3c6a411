package org.partybuilding.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A round and its progress, as {@code GET /api/rounds/{id}} shows it.
 *
 * @param created false when the round had been started before: nothing was started again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "一轮流程：范围、进度与失败原因")
public record Round(
        long id,
        String processId,
        @Schema(description = "本轮的键，如 2026-MID_YEAR") String key,
        @Schema(description = "名称，如 2026年年中述职") String name,
        RoundScope scope,
        Map<String, Object> parameters,
        String startedBy,
        OffsetDateTime createdAt,
        @Schema(description = "全部发起完毕（成功或失败）的时间；未完成为空") OffsetDateTime finishedAt,
        @Schema(description = "范围内组织数") int total,
        @Schema(description = "已发起") int started,
        @Schema(description = "发起失败") int failed,
        @Schema(description = "等待发起") int pending,
        @Schema(description = "发起失败的组织及原因") List<Failure> failures,
        @Schema(description = "本次请求是否新发起了这一轮；false 表示此前已发起，未重复发起") Boolean created,
        @Schema(description = "说明") String message) {

    public record Failure(String organizationId, String reason) {
    }

    Round answering(boolean created) {
        return new Round(id, processId, key, name, scope, parameters, startedBy, createdAt, finishedAt, total, started, failed,
                pending, failures, created, created ? "已发起，共 " + total + " 个组织，正在后台分批启动"
                        : "本轮已于此前发起，未重复发起（已启动 " + started + " / " + total + "）");
    }

    /** The parameter as text, or null. */
    public String parameter(String name) {
        Object value = parameters.get(name);
        return value == null ? null : value.toString();
    }
}
