package org.finetuneplanner.service.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.junit.jupiter.api.Test;

/** Violations are data in the core and sentences in the text layer, in both languages. */
class ViolationWordsTest {
    private final Words en = Words.forLocale(Locale.ENGLISH);
    private final Words vi = Words.forLocale(Locale.forLanguageTag("vi"));

    @Test
    void aViolationReadsAsASentenceNamingKeyBoundsAndValue() {
        Violation heads = new Violation("num_key_value_heads", Constraint.DIVIDES_KEY, null, 32, 5,
                "num_attention_heads");
        assertEquals("num_key_value_heads must divide num_attention_heads (32), was 5", en.violation(heads));
        assertEquals("num_key_value_heads phải là ước của num_attention_heads (32), nhưng đang là 5",
                vi.violation(heads));
        Violation missing = new Violation("hidden_size", Constraint.REQUIRED, 1, 1_048_576L,
                List.of("n_embd", "d_model"));
        assertEquals("hidden_size is missing: give a whole number from 1 to 1048576 (also read as n_embd, d_model)",
                en.violation(missing));
        // Numbers are written as in a file: 1e6 epochs without grouping or exponent.
        Violation epochs = new Violation("data.epochs", Constraint.ABOVE_AND_AT_MOST, 0, 1e6, 0.0);
        assertEquals("data.epochs must be > 0 and ≤ 1000000, was 0", en.violation(epochs));
    }

    /** A product names all its keys and the limit; a parameter count names the keys it is counted from. */
    @Test
    void productsAndParameterCountsReadAsOneLineNamingTheirKeys() {
        Violation logits = Violation.productAtMost("training.micro_batch_size", Violation.times(
                "training.micro_batch_size", "training.sequence_length", "vocab_size"), 1L << 48,
                new java.math.BigInteger("141018963332038656"));
        assertEquals("training.micro_batch_size × training.sequence_length × vocab_size must be ≤ 281474976710656, "
                + "was 141018963332038656", en.violation(logits));
        assertEquals("training.micro_batch_size × training.sequence_length × vocab_size phải ≤ 281474976710656, "
                + "nhưng đang là 141018963332038656", vi.violation(logits));
        Violation parameters = new Violation("model.config", Constraint.PARAMETERS_AT_MOST, null,
                100_000_000_000_000L, 176_026_739_016_728_576L, "num_hidden_layers, hidden_size");
        assertEquals("the model described by num_hidden_layers, hidden_size has 176026739016728576 parameters; at "
                + "most 100000000000000 are accepted", en.violation(parameters));
        Violation trained = new Violation("method.rank", Constraint.TRAINABLE_AT_MOST, null, 100_000_000_000_000L,
                123_145_302_310_912L, "method.targets");
        assertEquals("method.rank with method.targets trains 123145302310912 parameters; at most 100000000000000 are "
                + "accepted", en.violation(trained));
        // A tiny value is written with its exponent: 1e-300 in plain digits would be 300 zeros long.
        assertEquals("cost.mfu must be 0.01 to 1, was 1.0E-300",
                en.violation(Violation.range("cost.mfu", 0.01, 1, 1e-300)));
    }

    @Test
    void aCoreRecordThrowsATypedViolationThatTheTextLayerWords() {
        PlannerException e = assertThrows(PlannerException.class,
                () -> TrainingSpec.defaults(false).withMicroBatchSize(0));
        Violation v = e.violations().get(0);
        assertEquals(Violation.range("training.micro_batch_size", 1L, (long) (1 << 20), 0L), v);
        assertEquals("training.micro_batch_size", e.key());
        assertEquals("training.micro_batch_size must be 1 to 1048576, was 0", en.message(e));
        assertEquals("training.micro_batch_size phải từ 1 đến 1048576, nhưng đang là 0",
                vi.message(new CompletionException(e)));
    }

    @Test
    void aWordedErrorKeepsItsEnglishContextAndGivesItsViolationsInOtherLanguages() {
        PlannerException core = assertThrows(PlannerException.class,
                () -> TrainingSpec.defaults(false).withSequenceLength(-1));
        ScenarioException read = new ScenarioException(core.key(), "plan.json: " + en.message(core), core);
        assertEquals("plan.json: training.sequence_length must be 1 to 16777216, was -1", en.message(read));
        assertEquals("training.sequence_length phải từ 1 đến 16777216, nhưng đang là -1", vi.message(read));
        assertEquals(core.violations(), read.violations());
    }
}
