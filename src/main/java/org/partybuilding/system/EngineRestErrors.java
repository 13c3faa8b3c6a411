package org.partybuilding.system;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Camunda's REST resources wrap whatever a command throws, so a task refused by the server (a form field that is
 * not there, a verifier who may not verify, a listener's Chinese message) would reach the user as "500 Cannot
 * complete task ...". These mappers answer 400 (or 403) with the server's own Chinese message, and 403 for a record
 * of an organization the user does not oversee (the engine's tenant check), 400 for a password the policy refuses.
 * Everything else is Camunda's answer, in Chinese when it refuses a request (4xx): before its English message, which
 * stays in parentheses; a form field's error names the field ({@code field}).
 * Registered on {@code /engine-rest} and on the webapps' engine API ({@code /camunda/api/engine}) alike.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

    private static final String NOT_YOUR_TENANT = "no authenticated tenant";
    private static final String WEAK_PASSWORD = "Password does not match policy";

    @Bean
    ResourceConfigCustomizer engineRestErrorMappers() {
        return config -> config.register(WrappedErrors.class).register(EngineErrors.class).register(RequestErrors.class)
                .register(UnreadableJson.class).register(MalformedJson.class);
    }

    /**
     * The webapps' engine API is a Jersey servlet the webapp starter registers unless one of that name exists:
     * registered here first, with the same application and these mappers added.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ServletContextInitializer webappEngineApiWithErrorMappers(@org.springframework.beans.factory.annotation.Value(
            "${camunda.bpm.webapp.application-path}") String applicationPath) {
        return (ServletContext servletContext) -> {
            ServletRegistration registration = servletContext.addServlet("Engine Api", ServletContainer.class);
            registration.addMapping(applicationPath + "/api/engine/*");
            registration.setInitParameters(Map.of(
                    ServletProperties.JAXRS_APPLICATION_CLASS, EngineRestApplication.class.getName(),
                    ServerProperties.PROVIDER_CLASSNAMES, String.join(",", WrappedErrors.class.getName(), EngineErrors.class.getName(),
                            RequestErrors.class.getName(), UnreadableJson.class.getName(), MalformedJson.class.getName())));
        };
    }

    /** The refusal found in an exception or its causes, or null to leave the answer to Camunda. */
    static Response refusal(Throwable exception) {
        if (DatabaseOutage.causedBy(exception)) {
            ExceptionDto dto = new ExceptionDto();
            dto.setType("DatabaseUnavailable");
            dto.setMessage(DatabaseOutage.MESSAGE);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
                    .entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TaskRefusedException refused) {
                return answer(Response.Status.fromStatusCode(refused.status()), refused);
            }
            if (cause instanceof FormFieldValidationException invalid) {
                FieldExceptionDto dto = new FieldExceptionDto(invalid.getDetail() instanceof String field ? field : null);
                dto.setType(invalid.getClass().getSimpleName());
                dto.setMessage(invalid.getMessage());
                return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
            if (cause instanceof ProcessEngineException engine && engine.getMessage() != null
                    && engine.getMessage().contains(WEAK_PASSWORD)) {
                ExceptionDto dto = new ExceptionDto();
                dto.setType("PasswordPolicyException");
                dto.setMessage("密码不符合要求：至少 10 个字符，包含大写字母、小写字母、数字和特殊字符，且不能包含用户名或姓名");
                return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
            if (cause instanceof ProcessEngineException engine && engine.getMessage() != null
                    && engine.getMessage().contains(NOT_YOUR_TENANT)) {
                ExceptionDto dto = new ExceptionDto();
                dto.setType("AuthorizationException");
                dto.setMessage("无权访问：该记录不属于您管辖的组织");
                return Response.status(Response.Status.FORBIDDEN).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
            if (cause instanceof org.camunda.bpm.engine.AuthorizationException denied) {
                // the engine names the missing permissions in English; the user reads what it means
                ExceptionDto dto = new ExceptionDto();
                dto.setType("AuthorizationException");
                dto.setMessage(denied(denied));
                return Response.status(Response.Status.FORBIDDEN).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
        }
        return null;
    }

    /** What a refused permission means to the user, by the kind of record it concerns. */
    static String denied(org.camunda.bpm.engine.AuthorizationException denied) {
        java.util.Set<String> resources = new java.util.HashSet<>();
        denied.getMissingAuthorizations().forEach(missing -> resources.add(missing.getResourceType()));
        if (resources.contains(org.camunda.bpm.engine.authorization.Resources.TASK.resourceName())) {
            return "无权执行此操作：您不是该任务的办理人或候选人，或没有相应权限";
        }
        if (resources.contains(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE.resourceName())
                || resources.contains(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION.resourceName())) {
            return "无权执行此操作：发起、修改、挂起或删除流程实例只能由系统管理员进行";
        }
        if (resources.contains(org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT.resourceName())) {
            return "无权执行此操作：只有系统管理员可以部署或删除流程模型";
        }
        return "无权执行此操作：您没有相应权限";
    }

    private static Response answer(Response.Status status, Exception exception) {
        ExceptionDto dto = new ExceptionDto();
        dto.setType(exception.getClass().getSimpleName());
        dto.setMessage(exception.getMessage());
        return Response.status(status).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Camunda's own answer to a request it refuses (4xx), in Chinese: its English message (a value that does not convert
     * to its type, a task that does not exist, an unbounded query) stays behind the Chinese one, for those who know it.
     */
    static Response inChinese(Response response) {
        int status = response.getStatus();
        if (status >= 400 && status < 500 && response.getEntity() instanceof ExceptionDto dto
                && (dto.getMessage() == null || !CHINESE.matcher(dto.getMessage()).find())) {
            String english = dto.getMessage() == null || dto.getMessage().isBlank() ? "" : "（" + dto.getMessage() + "）";
            dto.setMessage(switch (status) {
                case 401 -> "请先登录";
                case 403 -> "无权执行此操作";
                case 404 -> "未找到请求的记录或地址";
                case 405 -> "不支持的请求方法";
                case 406 -> "无法按请求的格式（Accept）回答";
                case 409 -> "操作冲突，请刷新后重试";
                case 413 -> "请求内容过大";
                case 415 -> "不支持的内容类型，应为 application/json";
                default -> "请求有误";
            } + english);
        }
        return response;
    }

    private static final java.util.regex.Pattern CHINESE = java.util.regex.Pattern.compile("[\\u4e00-\\u9fff]");

    /** A command's exception as Camunda's resources rethrow it. */
    @Priority(1)
    static class WrappedErrors implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            Response refusal = refusal(exception);
            return refusal != null ? refusal : inChinese(ExceptionHandlerHelper.getInstance().getResponse(exception));
        }
    }

    /** A command's exception that reaches JAX-RS unwrapped. */
    @Priority(1)
    static class EngineErrors implements ExceptionMapper<ProcessEngineException> {

        @Override
        public Response toResponse(ProcessEngineException exception) {
            Response refusal = refusal(exception);
            return refusal != null ? refusal : inChinese(ExceptionHandlerHelper.getInstance().getResponse(exception));
        }
    }

    /** What JAX-RS itself refuses before any resource: a content type (415), method (405) or path (404) it does not take. */
    @Priority(1)
    static class RequestErrors implements ExceptionMapper<WebApplicationException> {

        @Override
        public Response toResponse(WebApplicationException exception) {
            return inChinese(ExceptionHandlerHelper.getInstance().getResponse(exception));
        }
    }

    /** A body that is JSON but not what the resource takes ({@code "variables": []}): 400 naming where. */
    @Priority(1)
    static class UnreadableJson implements ExceptionMapper<JsonMappingException> {

        @Override
        public Response toResponse(JsonMappingException exception) {
            String field = exception.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            FieldExceptionDto dto = new FieldExceptionDto(field.isEmpty() ? null : field);
            dto.setType("InvalidRequestException");
            dto.setMessage(field.isEmpty() ? "请求内容的结构不正确" : "字段 " + field + " 的值无效");
            return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** A body that is not JSON at all. */
    @Priority(1)
    static class MalformedJson implements ExceptionMapper<JsonParseException> {

        @Override
        public Response toResponse(JsonParseException exception) {
            ExceptionDto dto = new ExceptionDto();
            dto.setType("InvalidRequestException");
            dto.setMessage("请求内容不是有效的 JSON");
            return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** Camunda's error answer with the form field (or JSON path) it is about. */
    public static class FieldExceptionDto extends ExceptionDto {

        private final String field;

        FieldExceptionDto(String field) {
            this.field = field;
        }

        public String getField() {
            return field;
        }
    }
}
