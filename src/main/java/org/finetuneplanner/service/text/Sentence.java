package org.finetuneplanner.service.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sentence as data: a text key and the values put in, worded by {@link Words#sentence} in the reader's language.
 * A value that is itself a sentence is worded first, an error by {@link Words#message}; any other value is put in as
 * written ({@link String#valueOf}), so that line numbers, byte offsets and values quoted from a file read exactly as
 * in the file.
 *
 * <p>Services that read files build their refusals this way: the command line words them in English, the app in
 * the user's language, from the same data.
 *
 * @param key  the key in a bundle ({@code read.json.at})
 * @param args the values, in the order the key's pattern numbers them
 */
public record Sentence(String key, List<Object> args) {

    public Sentence {
        Objects.requireNonNull(key, "key");
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** The sentence of {@code key} with {@code args}. */
    public static Sentence of(String key, Object... args) {
        return new Sentence(key, Arrays.asList(args));
    }

    /** Text already worded (in English) by a caller that does not word it as data yet: put in as it is. */
    public static Sentence verbatim(String text) {
        return of("sentence.verbatim", text);
    }

    /** The message of {@code error}, worded by {@link Words#message} in the reader's language. */
    public static Sentence ofError(Throwable error) {
        return of("sentence.verbatim", error);
    }

    /** The sentence in English (the wording of the command line, the JSON output and the logs). */
    public String english() {
        return Words.english().sentence(this);
    }

    /** An error that carries its message as a sentence, so that every surface words it in its own language. */
    public interface Carrier {
        /** The message as data; empty when the error's message is only the English text it was built with. */
        Optional<Sentence> sentence();
    }
}
