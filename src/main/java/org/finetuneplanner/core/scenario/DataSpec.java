package org.finetuneplanner.core.scenario;

import java.util.Objects;
import java.util.OptionalLong;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * The data a job sees.
 *
 * @param tokens tokens in the training set (one epoch), or empty when unknown (then no time or cost)
 * @param epochs passes over the data (&gt; 0)
 */
public record DataSpec(OptionalLong tokens, double epochs) {

    public DataSpec {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isPresent()) {
            Checks.range("data.tokens", tokens.getAsLong(), 1, Limits.MAX_TOKENS);
        }
        if (!(epochs > 0 && epochs <= Limits.MAX_EPOCHS)) {
            throw new Violation("data.epochs", Constraint.ABOVE_AND_AT_MOST, 0, Limits.MAX_EPOCHS, epochs).exception();
        }
    }

    public static DataSpec of(long tokens, double epochs) {
        return new DataSpec(OptionalLong.of(tokens), epochs);
    }

    public static DataSpec unknown() {
        return new DataSpec(OptionalLong.empty(), 1);
    }

    /** Tokens processed over the whole job (tokens × epochs), or empty. */
    public java.util.OptionalDouble totalTokens() {
        return tokens.isPresent() ? java.util.OptionalDouble.of(tokens.getAsLong() * epochs)
                : java.util.OptionalDouble.empty();
    }
}
