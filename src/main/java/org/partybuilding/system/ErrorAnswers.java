package org.partybuilding.system;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * The error answers of every {@code /api} operation in the OpenAPI document, each an {@link ApiError} with a Chinese
 * example, derived from the operation as the request guard, the authentication filter and {@link ApiErrorHandler}
 * answer it: 400 when it takes parameters or a body, 401 and 403 always, 404 when its path names something,
 * 413 and 415 when it takes a body, 409 when the method says so ({@link Conflicts}), 503 while the database is down.
 */
class ErrorAnswers implements OperationCustomizer {

    static final String SCHEMA = "ApiError";
    private static final String REF = Components.COMPONENTS_SCHEMAS_REF + SCHEMA;

    /** {@code ApiError} and {@code ApiErrorDetail}, for the document's components, read from the record's annotations. */
    @SuppressWarnings("rawtypes")
    static Map<String, Schema> schemas() {
        return ModelConverters.getInstance().readAll(new AnnotatedType(ApiError.class));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod method) {
        List<Parameter> parameters = Optional.ofNullable(operation.getParameters()).orElse(List.of());
        List<String> pathVariables = parameters.stream().filter(p -> "path".equals(p.getIn())).map(Parameter::getName).toList();
        String bodyType = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null ? null
                : operation.getRequestBody().getContent().keySet().stream().findFirst().orElse(null);
        boolean upload = bodyType != null && bodyType.startsWith("multipart/");
        ApiResponses responses = Optional.ofNullable(operation.getResponses()).orElseGet(ApiResponses::new);

        if (upload) {
            add(responses, 400, "上传内容有误：缺少文件、文件格式不对或内容未通过校验；errors 逐项列出出错的文件、行和原因",
                    "测评文件有 1 处错误，未导入任何数据", new ApiError.Detail("organizationId", 12, "第 12 行：组织编号不存在"));
        } else if (bodyType != null) {
            add(responses, 400, "请求内容有误：不是有效的 JSON、缺少必填字段或值不合要求；errors 逐项列出出错的字段（field）",
                    "请求内容有误：title：请填写标题", new ApiError.Detail("title", null, "请填写标题"));
        } else if (!parameters.isEmpty()) {
            String name = parameters.get(0).getName();
            String message = "参数 " + name + " 的值 “abc” 无效";
            add(responses, 400, "参数有误：缺少必填参数、值的类型或取值不对；errors 中的 field 为出错的参数名", message,
                    new ApiError.Detail(name, null, message));
        }
        add(responses, 401, "未登录：缺少 HTTP Basic 认证，或用户名、密码不正确（连续输错会暂时锁定账号）",
                "请先登录：使用 HTTP Basic 认证提供用户名和密码（密码连续输错会暂时锁定账号）");
        add(responses, 403, "无权执行此操作：角色不符、对象不在本人的可见范围，或写请求来自其他网站", "无权执行此操作");
        if (!pathVariables.isEmpty()) {
            add(responses, 404, "路径中的 " + String.join("、", pathVariables) + " 所指的对象不存在，或不在本人的可见范围内",
                    "请求的对象不存在");
        }
        Conflicts conflicts = method.getMethodAnnotation(Conflicts.class);
        if (conflicts != null) {
            add(responses, 409, "与当前状态冲突：" + conflicts.value(), conflicts.value());
        }
        if (bodyType != null) {
            add(responses, 413, upload ? "上传内容超过大小上限" : "请求内容超过大小上限", "请求内容过大，上限为 " + (upload ? "5 MB" : "1 MB"));
            String other = upload ? "application/json" : "text/plain";
            add(responses, 415, "不支持的内容类型：请求内容应为 " + bodyType, "不支持的内容类型 " + other + "，应为 " + bodyType);
        }
        add(responses, 503, "数据库暂时不可用（如正在重启）：请按 Retry-After 稍后重试，已提交的数据不会丢失", DatabaseOutage.MESSAGE);
        responses.get("503").addHeaderObject("Retry-After", new Header().description("建议多少秒后重试")
                .schema(new IntegerSchema().example(Integer.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS))));

        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> sorted.addApiResponse(e.getKey(), e.getValue()));
        return operation.responses(sorted);
    }

    private static void add(ApiResponses responses, int status, String description, String message, ApiError.Detail... errors) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("status", status);
        example.put("message", message);
        if (errors.length > 0) {
            example.put("errors", List.of(errors));
        }
        responses.putIfAbsent(String.valueOf(status), new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(REF)).example(example))));
    }
}
