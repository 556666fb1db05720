package org.finetuneplanner.ui.planner;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;

/** Reads the form's inputs into a {@link Draft}: a scenario, or the problems of the fields that keep it from one. */
final class DraftReader {
    private DraftReader() {
    }

    /** The inputs as a scenario, or the problems of their fields. Pure: reads the inputs, changes nothing. */
    static Draft read(InputsViewModel in) {
        Map<Field, Problem> problems = new EnumMap<>(Field.class);
        String tokensText = in.tokensTextProperty().get();
        String epochsText = in.epochsTextProperty().get();
        String priceText = in.priceTextProperty().get();
        OptionalLong tokens = OptionalLong.empty();
        try {
            tokens = Quantities.count(tokensText);
        } catch (NumberFormatException | ArithmeticException e) {
            problems.put(Field.TOKENS, Problem.Text.of("error.tokens", tokensText));
        }
        double epochs = 1;
        try {
            epochs = Quantities.decimal(epochsText).orElse(1);
        } catch (NumberFormatException e) {
            epochs = Double.NaN;
        }
        if (!(epochs > 0 && epochs <= Limits.MAX_EPOCHS)) {
            problems.put(Field.EPOCHS, Problem.Text.of("error.epochs", epochsText, Limits.MAX_EPOCHS));
        }
        OptionalDouble price = OptionalDouble.empty();
        try {
            price = Quantities.decimal(priceText);
        } catch (NumberFormatException e) {
            price = OptionalDouble.of(Double.NaN);
        }
        if (price.isPresent() && !(price.getAsDouble() >= 0 && price.getAsDouble() <= Limits.MAX_USD_PER_GPU_HOUR)) {
            problems.put(Field.PRICE, Problem.Text.of("error.price", priceText, Limits.MAX_USD_PER_GPU_HOUR));
        }
        GpuSpec g = in.gpuProperty().get();
        if (in.precisionProperty().get() == Precision.FP8 && g != null && !g.fp8Supported()) {
            problems.put(Field.PRECISION, Problem.Text.of("precision.fp8.unsupported", g.name()));
        }
        if (in.methodProperty().get() != FineTuneMethod.FULL && selectedTargets(in).isEmpty()) {
            problems.put(Field.TARGETS, Problem.Text.of("error.targets"));
        }
        if (!problems.isEmpty()) {
            return Draft.invalid(problems);
        }
        try {
            return Draft.of(buildScenario(in, tokens, epochs, price));
        } catch (PlannerException ex) {
            return Draft.invalid(problemsOf(ex));
        } catch (RuntimeException ex) {
            return Draft.invalid(Map.of(Field.GENERAL, new Problem.Failed("error.invalid", List.of(), ex)));
        }
    }

    /** Each violation at the field of its key; an error without violations at the field of its own key. */
    static Map<Field, Problem> problemsOf(PlannerException ex) {
        Map<Field, Problem> problems = new EnumMap<>(Field.class);
        if (ex.violations().isEmpty()) {
            problems.put(Field.forKey(ex.key()), new Problem.Failed("error.invalid", List.of(), ex));
        }
        for (Violation v : ex.violations()) {
            problems.put(Field.forKey(v.key()), new Problem.Invalid(v));
        }
        return problems;
    }

    /** The LoRA targets checked in the form. */
    static Set<LoraTarget> selectedTargets(InputsViewModel in) {
        Set<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        for (LoraTarget t : LoraTarget.values()) {
            if (in.targetProperty(t).get()) {
                set.add(t);
            }
        }
        return set;
    }

    private static Scenario buildScenario(InputsViewModel in, OptionalLong tokens, double epochs,
                                          OptionalDouble price) {
        Set<LoraTarget> chosen = selectedTargets(in);
        // Full fine-tuning ignores the targets; keep a valid set so switching back to LoRA restores the choice.
        Set<LoraTarget> t = chosen.isEmpty() ? MethodSpec.allLinear() : chosen;
        MethodSpec m = new MethodSpec(in.methodProperty().get(), in.loraRankProperty().get(),
                in.loraAlphaProperty().get(), t, in.extraTrainableProperty().get(), in.baseWeightsProperty().get(),
                in.doubleQuantProperty().get());
        TrainingSpec tr = new TrainingSpec(in.precisionProperty().get(), in.masterWeightsProperty().get(),
                in.optimizerProperty().get(), in.optimizerInBackwardProperty().get(), in.microBatchProperty().get(),
                in.sequenceLengthProperty().get(), in.accumulationProperty().get(), in.checkpointingProperty().get(),
                in.attentionProperty().get(), in.lossProperty().get(), in.compileProperty().get(),
                in.frameworkProperty().get());
        int gpus = in.gpuCountProperty().get();
        HardwareSpec h = new HardwareSpec(in.gpuProperty().get(), gpus, in.gpuMemoryBudgetProperty().get(),
                Math.min(gpus, 8), in.shardingProperty().get(), in.offloadProperty().get(),
                in.hostMemoryProperty().get(), in.layout().read());
        DataSpec d = new DataSpec(tokens, epochs);
        CostSpec c = new CostSpec(price, in.providerProperty().get(), in.mfuProperty().get());
        // The name is read, not depended on: a draft carries the name of its time; currentScenario() the latest.
        return new Scenario(in.scenarioNameProperty().get(), in.modelProperty().get(), m, tr, h, d, c);
    }
}
