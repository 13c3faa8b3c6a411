package org.partybuilding.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every error answer of {@code /api/**}: a Chinese message and, where known, the field or line. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String message, List<Detail> errors) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String field, Integer line, String message) {
    }
}
