package org.partybuilding.system;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A refusal of an {@code /api} request with its status and Chinese message, thrown by the capabilities' services. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient List<ApiError.Detail> details;

    public ApiException(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    public ApiException(HttpStatus status, String message, List<ApiError.Detail> details) {
        super(message);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public static ApiException badField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail(field, null, message)));
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiError.Detail> details() {
        return details;
    }
}
