package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * Every input of the form in one list: read together into a {@link FormState}, put back together, made from a
 * scenario, and compared input by input to word a change ("Micro-batch 8 → 4"). The one place that knows how a
 * scenario's values sit in the form. Call on the FX thread; {@link #restore} inside a batch.
 */
final class FormInputs {
    /**
     * One input.
     *
     * @param key   its label in the text layer (the form's label where it has one)
     * @param read  its value now
     * @param write puts a value back
     * @param of    its value in a scenario, as the form holds it
     * @param words a value worded for a change's description; null for an input whose values are too long to say
     * @param typed whether it is typed a character at a time (consecutive edits make one step)
     * @param meant what a value means: texts that mean the same value ("80M", "80000000") are no change of it
     */
    private record Input<T>(String key, Supplier<T> read, Consumer<T> write, Function<Scenario, T> of,
                            BiFunction<Messages, T, String> words, boolean typed, Function<T, Object> meant) {
        @SuppressWarnings("unchecked")
        void put(Object value) {
            write.accept((T) value);
        }

        @SuppressWarnings("unchecked")
        String say(Messages m, Object value) {
            return words.apply(m, (T) value);
        }

        @SuppressWarnings("unchecked")
        boolean same(Object a, Object b) {
            return Objects.equals(a, b) || Objects.equals(meant.apply((T) a), meant.apply((T) b));
        }
    }

    private final List<Input<?>> inputs = new ArrayList<>();
    private final List<ObservableValue<?>> sources = new ArrayList<>();

    FormInputs(InputsViewModel in) {
        text("inputs.scenarioName", in.scenarioNameProperty(), Scenario::name, t -> t);
        add("inputs.model", in.modelProperty()::get, in::putModel, Scenario::model, (m, v) -> v.displayName(),
                in.modelProperty());
        value("inputs.method", in.methodProperty(), s -> s.method().type(),
                (m, v) -> m.text("inputs.method." + v.name()));
        count("inputs.rank", in.loraRankProperty(), s -> s.method().rank());
        count("inputs.alpha", in.loraAlphaProperty(), s -> s.method().alpha());
        List<BooleanProperty> targets = new ArrayList<>();
        for (LoraTarget t : LoraTarget.values()) {
            targets.add(in.targetProperty(t));
        }
        add("inputs.targets", () -> targets(in), set -> {
            for (LoraTarget t : LoraTarget.values()) {
                in.targetProperty(t).set(set.contains(t));
            }
        }, s -> Set.copyOf(s.method().targets()), null, targets.toArray(ObservableValue<?>[]::new));
        value("edit.input.extraTrainable", in.extraTrainableProperty(), s -> s.method().extraTrainable(), null);
        value("inputs.baseWeights", in.baseWeightsProperty(), s -> s.method().baseWeights(), Messages::label);
        value("inputs.precision", in.precisionProperty(), s -> s.training().precision(), Messages::label);
        flag("inputs.masterWeights", in.masterWeightsProperty(), s -> s.training().masterWeights());
        value("inputs.optimizer", in.optimizerProperty(), s -> s.training().optimizer(), Messages::label);
        flag("inputs.optimizerInBackward", in.optimizerInBackwardProperty(), s -> s.training().optimizerInBackward());
        count("inputs.microBatch", in.microBatchProperty(), s -> s.training().microBatchSize());
        count("inputs.sequence", in.sequenceLengthProperty(), s -> s.training().sequenceLength());
        count("inputs.accumulation", in.accumulationProperty(), s -> s.training().gradientAccumulationSteps());
        value("inputs.checkpointing", in.checkpointingProperty(), s -> s.training().checkpointing(),
                Messages::label);
        value("inputs.attention", in.attentionProperty(), s -> s.training().attention(), Messages::label);
        value("inputs.loss", in.lossProperty(), s -> s.training().loss(), Messages::label);
        value("inputs.framework", in.frameworkProperty(), s -> s.training().framework(), Messages::label);
        flag("inputs.compile", in.compileProperty(), s -> s.training().compile());
        value("inputs.gpu", in.gpuProperty(), s -> s.hardware().gpu(), (m, v) -> v.name());
        count("inputs.gpuCount", in.gpuCountProperty(), s -> s.hardware().gpuCount());
        value("inputs.sharding", in.shardingProperty(), s -> s.hardware().sharding(), Messages::label);
        value("inputs.offload", in.offloadProperty(), s -> s.hardware().offload(), Messages::label);
        value("edit.input.gpuMemory", in.gpuMemoryBudgetProperty(), s -> s.hardware().gpuMemoryGib(),
                FormInputs::decimal);
        text("inputs.tokens", in.tokensTextProperty(), s -> s.data().tokens().isPresent()
                ? Long.toString(s.data().tokens().getAsLong()) : "", FormInputs::count);
        text("inputs.epochs", in.epochsTextProperty(), s -> plain(s.data().epochs()), FormInputs::decimal);
        text("inputs.price", in.priceTextProperty(), s -> s.cost().usdPerGpuHour().isPresent()
                ? plain(s.cost().usdPerGpuHour().getAsDouble()) : "", FormInputs::decimal);
        value("edit.input.provider", in.providerProperty(), s -> s.cost().provider(),
                (m, v) -> v.orElse(m.text("edit.value.none")));
        value("edit.input.mfu", in.mfuProperty(), s -> s.cost().mfu(), FormInputs::decimal);
        LayoutInputs layout = in.layout();
        count("inputs.tensorParallel", layout.tensorProperty(), s -> s.hardware().parallel().tensor());
        count("inputs.pipelineParallel", layout.pipelineProperty(), s -> s.hardware().parallel().pipeline());
        count("inputs.virtualStages", layout.virtualStagesProperty(), s -> s.hardware().parallel().virtualStages());
        count("inputs.contextParallel", layout.contextProperty(), s -> s.hardware().parallel().context());
        count("inputs.expertParallel", layout.expertProperty(), s -> s.hardware().parallel().expert());
        flag("inputs.sequenceParallel", layout.sequenceParallelProperty(),
                s -> s.hardware().parallel().sequenceParallel());
        value("edit.input.hostMemory", in.hostMemoryProperty(), s -> s.hardware().hostMemoryGib(),
                FormInputs::decimal);
        flag("edit.input.doubleQuant", in.doubleQuantProperty(), s -> s.method().doubleQuant());
    }

    private <T> void add(String key, Supplier<T> read, Consumer<T> write, Function<Scenario, T> of,
                         BiFunction<Messages, T, String> words, ObservableValue<?>... observed) {
        inputs.add(new Input<>(key, read, write, of, words, false, v -> v));
        sources.addAll(List.of(observed));
    }

    private <T> void value(String key, Property<T> p, Function<Scenario, T> of, BiFunction<Messages, T, String> words) {
        add(key, p::getValue, p::setValue, of, words, p);
    }

    private void count(String key, IntegerProperty p, Function<Scenario, Integer> of) {
        add(key, p::get, p::set, of, (m, v) -> Formats.of(m).count(v), p);
    }

    private void flag(String key, BooleanProperty p, Function<Scenario, Boolean> of) {
        add(key, p::get, p::set, of, (m, v) -> m.text(v ? "edit.value.on" : "edit.value.off"), p);
    }

    /** A typed input; {@code meant} reads its text as the value it stands for (the text itself when unreadable). */
    private void text(String key, Property<String> p, Function<Scenario, String> of, Function<String, Object> meant) {
        inputs.add(new Input<>(key, p::getValue, p::setValue, of, (m, v) -> v == null || v.isEmpty()
                ? m.text("edit.value.empty") : m.text("edit.value.text", v), true, meant));
        sources.add(p);
    }

    /** The count a text stands for ("80M" is 80,000,000), or the text when it is none. */
    private static Object count(String text) {
        try {
            return Quantities.count(text);
        } catch (NumberFormatException | ArithmeticException e) {
            return text;
        }
    }

    /** The number a text stands for ("3.0" is 3), or the text when it is none. */
    private static Object decimal(String text) {
        try {
            return Quantities.decimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Set<LoraTarget> targets(InputsViewModel in) {
        Set<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        for (LoraTarget t : LoraTarget.values()) {
            if (in.targetProperty(t).get()) {
                set.add(t);
            }
        }
        return Set.copyOf(set);
    }

    private static String decimal(Messages m, OptionalDouble v) {
        return v.isPresent() ? Formats.of(m).number(v.getAsDouble()) : m.text("edit.value.none");
    }

    /** A number as a person types it: "3", "0.5" (no ".0", no exponent below 10^15). */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Every observable input, for listeners that follow changes. */
    List<ObservableValue<?>> sources() {
        return sources;
    }

    /** The form now. */
    FormState capture() {
        List<Object> values = new ArrayList<>(inputs.size());
        for (Input<?> i : inputs) {
            values.add(i.read().get());
        }
        return new FormState(values);
    }

    /** The form as {@code s} fills it. Pure. */
    FormState of(Scenario s) {
        List<Object> values = new ArrayList<>(inputs.size());
        for (Input<?> i : inputs) {
            values.add(i.of().apply(s));
        }
        return new FormState(values);
    }

    /** Puts every input of {@code state} back. Call inside a batch: the inputs change together. */
    void restore(FormState state) {
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).put(state.values().get(i));
        }
    }

    /** The index of the one input that differs, when it is the only one and a typed one; empty otherwise. */
    Optional<Integer> onlyTyped(FormState a, FormState b) {
        List<Integer> changed = changed(a, b);
        return changed.size() == 1 && inputs.get(changed.get(0)).typed() ? Optional.of(changed.get(0))
                : Optional.empty();
    }

    /**
     * Whether two states mean the same inputs: every value equal, a typed text standing for the same value as the
     * other ("80M" and "80000000"). An edit between them is no change to undo.
     */
    boolean sameValues(FormState a, FormState b) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).same(a.values().get(i), b.values().get(i))) {
                return false;
            }
        }
        return true;
    }

    private List<Integer> changed(FormState a, FormState b) {
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!Objects.equals(a.values().get(i), b.values().get(i))) {
                changed.add(i);
            }
        }
        return changed;
    }

    /**
     * A change in words: the first input that changed other than the name (a name that follows the model is no
     * change of its own), as "Micro-batch 8 → 4", or only its label for an input whose values are too long to say.
     * Empty when nothing changed.
     */
    String describe(Messages m, FormState before, FormState after) {
        List<Integer> changed = changed(before, after);
        if (changed.isEmpty()) {
            return "";
        }
        int first = changed.stream().filter(i -> i != 0).findFirst().orElse(changed.get(0));
        Input<?> input = inputs.get(first);
        String label = m.text(input.key());
        if (input.words() == null) {
            return label;
        }
        Object was = before.values().get(first);
        Object now = after.values().get(first);
        return m.text("edit.change", label, was == null ? m.text("edit.value.none") : input.say(m, was),
                now == null ? m.text("edit.value.none") : input.say(m, now));
    }
}
