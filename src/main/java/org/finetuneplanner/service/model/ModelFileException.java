package org.finetuneplanner.service.model;

/** A config.json or parameter count that cannot become a model; the message is meant for the user. */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
