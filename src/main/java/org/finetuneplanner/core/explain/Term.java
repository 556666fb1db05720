package org.finetuneplanner.core.explain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One explained contribution to an estimate, as data: what it is, its value, the numbers put into its formula and
 * where the formula comes from. The text layer words it ({@code term.<id>.title}, {@code .formula},
 * {@code .numbers}, {@code source.<SourceId>}).
 *
 * @param id      which kind of term (and so which formula)
 * @param subject the enum constant the term is about, named in its title ("AdamW states", "ZeRO-3 collectives"),
 *                or empty
 * @param value   its size: bytes on one GPU for memory, seconds per optimizer step for time, a share for the
 *                utilisation
 * @param inputs  the numbers put into the formula, by symbol
 * @param sources where the formula comes from, most specific first
 */
public record Term(TermId id, Optional<Enum<?>> subject, double value, Map<Input, Double> inputs,
                   List<SourceId> sources) {

    public Term {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        inputs = inputs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(inputs));
        sources = List.copyOf(sources);
    }

    /** The value put in for {@code input}, or NaN when the formula was not given it. */
    public double input(Input input) {
        Double v = inputs.get(input);
        return v == null ? Double.NaN : v;
    }

    /** A term builder: {@code Term.of(id, value).in(Input.N, n).from(SourceId.X).build()}. */
    public static Builder of(TermId id, double value) {
        return new Builder(id, value);
    }

    /** Collects a term's inputs and sources; made only when an explanation is asked for. */
    public static final class Builder {
        private final TermId id;
        private final double value;
        private final EnumMap<Input, Double> inputs = new EnumMap<>(Input.class);
        private Enum<?> subject;
        private List<SourceId> sources = List.of();

        private Builder(TermId id, double value) {
            this.id = id;
            this.value = value;
        }

        /** The number put in for {@code input}. */
        public Builder in(Input input, double number) {
            inputs.put(input, number);
            return this;
        }

        /** The number put in for {@code input}, only {@code when} true (an optional part of the formula). */
        public Builder in(Input input, double number, boolean when) {
            return when ? in(input, number) : this;
        }

        /** The constant the term is about. */
        public Builder about(Enum<?> value) {
            this.subject = value;
            return this;
        }

        /** Where the formula comes from. */
        public Builder from(SourceId... from) {
            this.sources = List.of(from);
            return this;
        }

        /** Where the formula comes from. */
        public Builder from(List<SourceId> from) {
            this.sources = List.copyOf(from);
            return this;
        }

        public Term build() {
            return new Term(id, Optional.ofNullable(subject), value, inputs, sources);
        }
    }
}
