package org.partybuilding.system;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task action the server refuses, with the Chinese message the user reads: a variable that is not a field of the
 * task's form, a verifier who may not verify, a secretary approving their own organization's work. Both REST APIs
 * answer it with its status (400, or 403 for "not you"), whatever wraps it on the way.
 */
public class TaskRefusedException extends BadUserRequestException {

    private final boolean forbidden;

    private TaskRefusedException(String message, boolean forbidden) {
        super(message);
        this.forbidden = forbidden;
    }

    /** The request itself is wrong (400). */
    public static TaskRefusedException invalid(String message) {
        return new TaskRefusedException(message, false);
    }

    /** This user may not do this (403). */
    public static TaskRefusedException forbidden(String message) {
        return new TaskRefusedException(message, true);
    }

    public boolean isForbidden() {
        return forbidden;
    }
}
