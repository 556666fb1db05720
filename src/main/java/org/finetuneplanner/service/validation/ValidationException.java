package org.finetuneplanner.service.validation;

/** A validation file that cannot be read; the message names the file and the reason. */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
