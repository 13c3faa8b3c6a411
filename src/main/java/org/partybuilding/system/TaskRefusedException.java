package org.partybuilding.system;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task action the server refuses, with the Chinese message the user reads: a variable that is not a field of the
 * task's form, a verifier who may not verify, a secretary approving their own organization's work, a task already
 * done. Both REST APIs answer it with its status (400, 403 for "not you", 404 for a task no longer there), whatever
 * wraps it on the way.
 */
public class TaskRefusedException extends BadUserRequestException {

    private final int status;

    private TaskRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The request itself is wrong (400). */
    public static TaskRefusedException invalid(String message) {
        return new TaskRefusedException(message, 400);
    }

    /** This user may not do this (403). */
    public static TaskRefusedException forbidden(String message) {
        return new TaskRefusedException(message, 403);
    }

    /** The task is not there (any more): done meanwhile, in another window, on another node or by a colleague (404). */
    public static TaskRefusedException gone(String message) {
        return new TaskRefusedException(message, 404);
    }

    /** The HTTP status that answers it. */
    public int status() {
        return status;
    }
}
