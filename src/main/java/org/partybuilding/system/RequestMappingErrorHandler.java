package org.partybuilding.system;

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

/**
 * The failures Spring MVC finds while choosing the controller method, before there is one: a request to {@code /api}
 * with a content type (415) or method (405) no method takes. {@link ApiErrorHandler} only advises the product's
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
