package org.finetuneplanner.core;

import java.util.List;

/**
 * The base of the project's own errors: bad input (a value, a file, a catalog entry, a path) and the failures of
 * writing what the user asked for. It carries the dotted key at fault ("" when the whole input is) and, when the
 * core checked a value, the typed {@link Violation}s, which the text layer words in the user's language and the app
 * maps to its fields by key. Subclasses exist only where callers tell errors apart (a scenario file, a catalog, a
 * report, …).
 *
 * <p>It is an {@link IllegalArgumentException}: every such error is about something the user gave, and callers
 * that guard input catch that type.
 */
public class PlannerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient List<Violation> violations;
    private final boolean worded;

    /** A core check that failed: the message is the violation as data (the text layer words it for people). */
    public PlannerException(Violation violation) {
        super(describe(violation));
        this.key = violation.key();
        this.violations = List.of(violation);
        this.worded = false;
    }

    /**
     * An error with a message already worded for people.
     *
     * @param key        the dotted key at fault, "" or null when none
     * @param message    one line naming the input and what is wrong
     * @param violations the core's violations behind it (may be empty)
     * @param cause      the underlying error, or null
     */
    public PlannerException(String key, String message, List<Violation> violations, Throwable cause) {
        super(message, cause);
        this.key = key == null ? "" : key;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.worded = true;
    }

    /**
     * An error with a message already worded for people, carrying the violations of a core check that caused it.
     *
     * @param key     the dotted key at fault, "" or null when none
     * @param message one line naming the input and what is wrong
     * @param cause   the underlying error, or null; its violations are kept when it is a {@code PlannerException}
     */
    public PlannerException(String key, String message, Throwable cause) {
        this(key, message, cause instanceof PlannerException p ? p.violations() : List.of(), cause);
    }

    /** The dotted key at fault, or "" when the whole input is (not JSON, a missing file …). */
    public String key() {
        return key;
    }

    /** The core's typed violations behind this error; empty when the error is worded only. */
    public List<Violation> violations() {
        return violations == null ? List.of() : violations;
    }

    /**
     * Whether {@link #getMessage()} is a sentence for people; false for a core check, whose message is the
     * violation as data and whose words come from the text layer.
     */
    public boolean worded() {
        return worded;
    }

    /** A violation as data, for logs (not for people: the text layer words violations). */
    private static String describe(Violation v) {
        return v.key() + ": " + v.constraint() + " min=" + v.min() + " max=" + v.max() + " value=" + v.value()
                + (v.related().isEmpty() ? "" : " related=" + v.related());
    }
}
