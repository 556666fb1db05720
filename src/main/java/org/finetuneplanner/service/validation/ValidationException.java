package org.finetuneplanner.service.validation;

import org.finetuneplanner.core.PlannerException;

/** A validation file that cannot be read; the message names the file and the reason. */
public final class ValidationException extends PlannerException {
    private static final long serialVersionUID = 1L;

    public ValidationException(String message, Throwable cause) {
        super("", message, cause);
    }
}
