package org.finetuneplanner.ui.common;

import java.util.List;
import java.util.Optional;

/**
 * A message kept as data until shown: a key of the app's bundles with its arguments, and optionally a failure whose
 * words come last. Worded again in each language, so a switch of language leaves no sentence behind.
 *
 * @param key   the message's key; empty for a text given as it is ({@link #literal})
 * @param args  the arguments of its pattern (or the literal text); a {@link Worded} one (another phrase) is worded
 *              in the same language
 * @param error a failure worded as the last argument
 */
public record Phrase(String key, List<Object> args, Optional<Throwable> error) implements Worded {

    public Phrase {
        args = List.copyOf(args);
    }

    public static Phrase of(String key, Object... args) {
        return new Phrase(key, List.of(args), Optional.empty());
    }

    /** {@code key}'s pattern with {@code args} and then the words of {@code error}. */
    public static Phrase failed(String key, Throwable error, Object... args) {
        return new Phrase(key, List.of(args), Optional.of(error));
    }

    /** A text already worded elsewhere (another view-model's status), shown as it is. */
    public static Phrase literal(String text) {
        return new Phrase("", List.of(text), Optional.empty());
    }

    /** The phrase in the words of {@code m}. */
    @Override
    public String words(Messages m) {
        if (key.isEmpty()) {
            return String.valueOf(args.get(0));
        }
        Object[] all = new Object[args.size() + (error.isPresent() ? 1 : 0)];
        for (int i = 0; i < args.size(); i++) {
            all[i] = args.get(i) instanceof Worded w ? w.words(m) : args.get(i);
        }
        error.ifPresent(e -> all[args.size()] = m.words().message(e));
        return m.text(key, all);
    }
}
