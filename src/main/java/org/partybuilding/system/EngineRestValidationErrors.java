package org.partybuilding.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * A task listener that refuses a form (e.g. a rejection without a reason) reaches {@code /engine-rest} wrapped
 * as "Exception while invoking TaskListener", which Camunda answers with 500. This answers 400 with the
 * listener's own Chinese message; everything else is left to Camunda's handler.
 */
@Component
class EngineRestValidationErrors implements ResourceConfigCustomizer {

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(Mapper.class);
    }

    @Priority(1)
    static class Mapper extends RestExceptionHandler implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof FormFieldValidationException invalid) {
                    ExceptionDto dto = new ExceptionDto();
                    dto.setType(FormFieldValidationException.class.getSimpleName());
                    dto.setMessage(invalid.getMessage());
                    return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
                }
            }
            return super.toResponse(exception);
        }
    }
}
