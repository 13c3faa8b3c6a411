package org.partybuilding.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The failures Spring MVC finds while choosing the controller method, before there is one: a request to {@code /api}
 * with a content type (415) or method (405) no method takes, or a multipart body that does not parse (400). {@link ApiErrorHandler} only advises the product's
 * controllers, so without a handler these would be Spring's English error page; here they are the same Chinese
 * {@link ApiError} as every other failure, with the {@code Accept} or {@code Allow} header Spring would send.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestMappingErrorHandler {

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining("、"));
        ResponseEntity<ApiError> answer = ApiErrorHandler.answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不支持的内容类型 "
                + (e.getContentType() == null ? "（未指定）" : e.getContentType()) + (supported.isEmpty() ? "" : "，应为 " + supported), List.of());
        HttpHeaders headers = new HttpHeaders();
        if (!e.getSupportedMediaTypes().isEmpty()) {
            headers.setAccept(e.getSupportedMediaTypes());
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
    }

    /** A multipart body Tomcat cannot parse (no boundary, a broken envelope), met before any controller. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> multipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return ApiErrorHandler.answer(HttpStatus.PAYLOAD_TOO_LARGE, "上传文件过大", List.of());
        }
        return ApiErrorHandler.answer(HttpStatus.BAD_REQUEST, "上传内容不是有效的 multipart/form-data（缺少分隔符或格式不完整）", List.of());
    }

    /** An {@code /api} path no controller maps ({@code /api/rounds/}); elsewhere Spring's own answer. */
    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e, HttpServletRequest request) throws NoResourceFoundException {
        if (!RequestPaths.of(request).startsWith("/api/")) {
            throw e;
        }
        return ApiErrorHandler.answer(HttpStatus.NOT_FOUND, "请求的地址不存在", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ApiError> answer = ApiErrorHandler.answer(HttpStatus.METHOD_NOT_ALLOWED, "不支持的请求方法 " + e.getMethod(), List.of());
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
    }
}
