package org.finetuneplanner.service.io;

import org.finetuneplanner.service.text.Sentence;
import org.finetuneplanner.service.text.WordedException;

/**
 * A value in a JSON document that is not allowed. The message names the key (a dotted path such as
 * {@code training.micro_batch_size}), the value as written, and what is allowed; when it was built as a
 * {@link Sentence} the text layer words it in the reader's language, its English being the message.
 */
public final class InvalidValueException extends WordedException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String key, String message) {
        super(key, message, null);
    }

    /** The error of {@code key} worded by {@code sentence} (its English is the message). */
    public InvalidValueException(String key, Sentence sentence) {
        super(key, sentence, null);
    }
}
