package org.finetuneplanner.core;

import java.util.Collection;
import java.util.Objects;

/**
 * One input that is not allowed, as data: which key, what it must be, the bounds and the value given. The text
 * layer turns it into a sentence in the user's language; the app finds the field by {@link #key()}.
 *
 * @param key        dotted path of the key in a scenario ({@code training.micro_batch_size}) or a config.json key
 *                   ({@code hidden_size})
 * @param constraint what the value must be
 * @param min        lower bound, or null when the constraint has none
 * @param max        upper bound (or the related key's value), or null when the constraint has none
 * @param value      the value given (a number, a shortened text, or a list of names), or null when missing
 * @param related    the other key the constraint refers to ({@code num_attention_heads}), the keys of a product
 *                   ({@code training.micro_batch_size × training.sequence_length × vocab_size}), or for
 *                   {@link Constraint#ONE_OF} the allowed names, comma-separated; "" when none
 */
public record Violation(String key, Constraint constraint, Number min, Number max, Object value, String related) {

    public Violation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(constraint, "constraint");
        related = related == null ? "" : related;
    }

    /** A violation that refers to no other key. */
    public Violation(String key, Constraint constraint, Number min, Number max, Object value) {
        this(key, constraint, min, max, value, "");
    }

    /** {@code value} of {@code key} must be at least {@code min}. */
    public static Violation atLeast(String key, Number min, Number value) {
        return new Violation(key, Constraint.AT_LEAST, min, null, value);
    }

    /** {@code value} of {@code key} must be from {@code min} to {@code max}. */
    public static Violation range(String key, Number min, Number max, Number value) {
        return new Violation(key, Constraint.RANGE, min, max, value);
    }

    /** {@code value} of {@code key} must be one of {@code allowed}. */
    public static Violation oneOf(String key, Object value, Collection<String> allowed) {
        return new Violation(key, Constraint.ONE_OF, null, null, value, String.join(", ", allowed));
    }

    /**
     * The product of keys {@code product} ({@link #times}; {@code key} among them, the field the app marks) must be
     * at most {@code max}; it was {@code value}.
     */
    public static Violation productAtMost(String key, String product, Number max, Number value) {
        return new Violation(key, Constraint.PRODUCT_AT_MOST, null, max, value, product);
    }

    /** Keys (or products of keys) written as their product: {@code a × b × c}. */
    public static String times(String... factors) {
        return String.join(" × ", factors);
    }

    /** Throws a {@link PlannerException} for this violation. */
    public PlannerException exception() {
        return new PlannerException(this);
    }
}
