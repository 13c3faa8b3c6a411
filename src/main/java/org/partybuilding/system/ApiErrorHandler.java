package org.partybuilding.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure of an {@code /api} request into an {@link ApiError} with a Chinese message. */
@RestControllerAdvice(basePackages = "org.partybuilding")
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return answer(e.status(), e.getMessage(), e.details());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        List<ApiError.Detail> details = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiError.Detail(f.getField(), null, f.getDefaultMessage())).toList();
        String fields = details.stream().map(d -> d.field() + "：" + d.message()).collect(Collectors.joining("；"));
        return answer(HttpStatus.BAD_REQUEST, "请求内容有误：" + fields, details);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = "字段 " + field + " 的值无效";
            if (mapping instanceof InvalidFormatException format && format.getTargetType() != null) {
                if (format.getTargetType().isEnum()) {
                    message += "，应为以下之一：" + Arrays.stream(format.getTargetType().getEnumConstants())
                            .map(String::valueOf).collect(Collectors.joining("、"));
                } else if (java.time.temporal.Temporal.class.isAssignableFrom(format.getTargetType())
                        && format.getTargetType() != java.time.LocalDate.class) {
                    // a moment (OffsetDateTime …), as the annual cycle's schedule takes it: a date alone is refused
                    message += "，时间格式应为 ISO 8601 并含时区，如 2027-03-01T09:00:00+08:00";
                } else if (format.getTargetType().getSimpleName().contains("Date")) {
                    message += "，日期格式应为 YYYY-MM-DD";
                }
            }
            return answer(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail(field, null, message)));
        }
        return answer(HttpStatus.BAD_REQUEST, "请求内容不是有效的 JSON", List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        String message = "缺少参数 " + e.getParameterName();
        return answer(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail(e.getParameterName(), null, message)));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        String message = "缺少上传文件 " + e.getRequestPartName();
        return answer(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail(e.getRequestPartName(), null, message)));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        String message = "参数 " + e.getName() + " 的值 “" + e.getValue() + "” 无效";
        Class<?> type = e.getRequiredType();
        if (type != null && type.isEnum()) {
            message += "，应为以下之一：" + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining("、"));
        }
        return answer(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail(e.getName(), null, message)));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, "上传文件过大", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不支持的内容类型 " + e.getContentType(), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "不支持的请求方法 " + e.getMethod(), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "请求的地址不存在", List.of());
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ApiError> forbidden(AuthorizationException e) {
        return answer(HttpStatus.FORBIDDEN, "无权执行此操作", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (DatabaseOutage.causedBy(e)) {
            log.warn("Database unavailable, answered 503: {}", e.toString());
            return DatabaseOutage.answer();
        }
        log.error("Unexpected error in API request", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误，请稍后重试或联系管理员", List.of());
    }

    static ResponseEntity<ApiError> answer(HttpStatus status, String message, List<ApiError.Detail> details) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), message, details));
    }
}
