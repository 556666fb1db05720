package org.finetuneplanner.core.scenario;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The data a job sees.
 *
 * @param tokens tokens in the training set (one epoch), or empty when unknown (then no time or cost)
 * @param epochs passes over the data (&gt; 0)
 */
public record DataSpec(OptionalLong tokens, double epochs) {

    public DataSpec {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isPresent() && tokens.getAsLong() < 1) {
            throw new IllegalArgumentException("data.tokens must be ≥ 1, was " + tokens.getAsLong());
        }
        if (!(epochs > 0 && epochs <= 1e6)) {
            throw new IllegalArgumentException("data.epochs must be > 0, was " + epochs);
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
