package org.finetuneplanner.service.persistence;

import org.finetuneplanner.service.text.Sentence;
import org.finetuneplanner.service.text.WordedException;

/**
 * A scenario that cannot be read: not JSON, or a value that is not allowed. The message is one line naming the
 * key (dotted, e.g. {@code training.micro_batch_size}), the value as written and what is allowed, ready to show;
 * a core check behind it keeps its violations.
 */
public final class ScenarioException extends WordedException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String key, String message) {
        super(key, message, null);
    }

    public ScenarioException(String key, String message, Throwable cause) {
        super(key, message, cause);
    }

    /** The error of {@code key} worded by {@code sentence} (its English is the message). */
    public ScenarioException(String key, Sentence sentence, Throwable cause) {
        super(key, sentence, cause);
    }
}
