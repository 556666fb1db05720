package org.finetuneplanner.core;

import java.util.List;
import java.util.Objects;

/**
 * A warning or remark attached to a result, as data: its kind and the values it speaks of (a {@link Bytes} amount,
 * a count, a GPU name, an enum constant, a number). The text layer words it in the reader's language.
 *
 * @param severity how much it matters
 * @param id       what kind of note it is
 * @param args     the values, in the order {@link NoteId} documents
 */
public record Note(Severity severity, NoteId id, List<Object> args) {

    public Note {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(id, "id");
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A note of kind {@code id}, with its kind's severity. */
    public static Note of(NoteId id, Object... args) {
        return new Note(id.severity(), id, List.of(args));
    }

    /** The stable code of the JSON output ({@code "memory.peak_phase"}). */
    public String code() {
        return id.code();
    }

    /** How much a note matters. */
    public enum Severity { INFO, WARNING }
}
