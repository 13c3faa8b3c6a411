package org.partybuilding.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The body of every error answer of {@code /api/**}: a Chinese message and, where known, the field or line. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "ApiError", description = "接口出错时的应答：HTTP 状态码、中文说明，以及能确定时出错的字段或行")
public record ApiError(
        @Schema(description = "HTTP 状态码，与应答的状态码相同", example = "400", requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(description = "出错原因（中文），可直接展示给用户", example = "请求内容有误：title：请填写标题",
                requiredMode = Schema.RequiredMode.REQUIRED) String message,
        @Schema(description = "逐项列出的问题（出错的字段、参数或上传文件中的行）；没有时省略") List<Detail> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers a request from a servlet filter, before any controller, in the same form as the controllers' errors. */
    public static void send(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, message, List.of());
    }

    /** The same, naming the fields (parameters) at fault. */
    public static void send(HttpServletResponse response, int status, String message, List<Detail> errors) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getWriter(), new ApiError(status, message, errors));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ApiErrorDetail", description = "一项具体问题")
    public record Detail(
            @Schema(description = "出错的字段或参数名（嵌套字段以点连接，如 items.[0].weight）", example = "title") String field,
            @Schema(description = "上传文件中出错的行号（从 1 起）", example = "12") Integer line,
            @Schema(description = "该项问题的中文说明", example = "请填写标题", requiredMode = Schema.RequiredMode.REQUIRED) String message) {
    }
}
