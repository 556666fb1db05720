package org.finetuneplanner.service.text;

import java.util.Optional;

import org.finetuneplanner.core.PlannerException;

/**
 * A service's error whose message may be a {@link Sentence}: the command line and the logs read its English message,
 * the app words the sentence in the user's language ({@link Words#message}). Built from a plain English message it
 * behaves as a {@link PlannerException}.
 */
public abstract class WordedException extends PlannerException implements Sentence.Carrier {
    private static final long serialVersionUID = 1L;

    private final transient Sentence sentence;

    /** An error worded in English only (see {@link PlannerException#PlannerException(String, String, Throwable)}). */
    protected WordedException(String key, String message, Throwable cause) {
        super(key, message, cause);
        this.sentence = null;
    }

    /** An error of {@code key} worded by {@code sentence}; its English is the message. */
    protected WordedException(String key, Sentence sentence, Throwable cause) {
        super(key, sentence.english(), cause);
        this.sentence = sentence;
    }

    @Override
    public final Optional<Sentence> sentence() {
        return Optional.ofNullable(sentence);
    }
}
