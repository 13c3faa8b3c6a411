package org.partybuilding.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The body of every error answer of {@code /api/**}: a Chinese message and, where known, the field or line. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String message, List<Detail> errors) {

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
    public record Detail(String field, Integer line, String message) {
    }
}
