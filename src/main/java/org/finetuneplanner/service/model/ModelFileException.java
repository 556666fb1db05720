package org.finetuneplanner.service.model;

import org.finetuneplanner.core.PlannerException;

/** A config.json or parameter count that cannot become a model; the message is meant for the user. */
public final class ModelFileException extends PlannerException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super("", message, null);
    }

    public ModelFileException(String message, Throwable cause) {
        super("", message, cause);
    }
}
