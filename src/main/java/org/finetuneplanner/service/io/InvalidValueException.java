package org.finetuneplanner.service.io;

import org.finetuneplanner.core.PlannerException;

/**
 * A value in a JSON document that is not allowed. The message names the key (a dotted path such as
 * {@code training.micro_batch_size}), the value as written, and what is allowed.
 */
public final class InvalidValueException extends PlannerException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String key, String message) {
        super(key, message, null);
    }
}
