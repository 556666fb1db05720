package org.finetuneplanner.service.model;

import org.finetuneplanner.service.text.Sentence;
import org.finetuneplanner.service.text.WordedException;

/** A config.json or parameter count that cannot become a model; the message is meant for the user. */
public final class ModelFileException extends WordedException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super("", message, null);
    }

    public ModelFileException(String message, Throwable cause) {
        super("", message, cause);
    }

    /** An error worded by {@code sentence} (its English is the message). */
    public ModelFileException(Sentence sentence, Throwable cause) {
        super("", sentence, cause);
    }
}
