package org.finetuneplanner.core;

import java.util.List;
import java.util.Objects;

/**
 * A warning or remark attached to a result, such as "FP8 is not supported on this GPU".
 *
 * @param severity how much it matters
 * @param code     stable key ("fp8.unsupported"); the UI looks it up as {@code note.<code>} in its bundle
 * @param message  English text with the numbers filled in (used where no translation exists)
 * @param args     the values in the message, in order, for translations
 */
public record Note(Severity severity, String code, String message, List<Object> args) {

    public Note {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Note info(String code, String message, Object... args) {
        return new Note(Severity.INFO, code, message, List.of(args));
    }

    public static Note warning(String code, String message, Object... args) {
        return new Note(Severity.WARNING, code, message, List.of(args));
    }

    /** How much a note matters. */
    public enum Severity { INFO, WARNING }
}
