package org.finetuneplanner.service.io;

/**
 * A value in a JSON document that is not allowed. The message names the key (a dotted path such as
 * {@code training.micro_batch_size}), the value as written, and what is allowed.
 */
public class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidValueException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The dotted path of the offending key, or "" for the whole document. */
    public String key() {
        return key;
    }
}
