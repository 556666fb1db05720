package org.finetuneplanner.service.persistence;

/**
 * A scenario that cannot be read: not JSON, or a value that is not allowed. The message is one line naming the
 * key (dotted, e.g. {@code training.micro_batch_size}), the value as written and what is allowed, ready to show.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ScenarioException(String key, String message) {
        super(message);
        this.key = key == null ? "" : key;
    }

    public ScenarioException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key == null ? "" : key;
    }

    /** The dotted key at fault, or "" when the whole document is (not JSON, not an object). */
    public String key() {
        return key;
    }
}
