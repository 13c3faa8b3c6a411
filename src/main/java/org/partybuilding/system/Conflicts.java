package org.partybuilding.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@code /api} operation that can answer 409 because of the state it finds (started once a year, a file that may
 * only change while the task is open...). The OpenAPI document lists the 409 with this Chinese description; every
 * other error answer is derived from the operation itself ({@link ErrorAnswers}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Conflicts {

    /** When the conflict arises, in Chinese, as a user would read it. */
    String value();
}
