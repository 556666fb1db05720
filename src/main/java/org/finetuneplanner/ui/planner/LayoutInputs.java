package org.finetuneplanner.ui.planner;

import java.util.List;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Parallelism;

/**
 * The form's model-parallel layout (Megatron style): tensor, pipeline with its virtual stages, context and expert
 * parallel degrees and sequence parallelism, each its own input so a spinner moves one degree and undo names it.
 * Read together into a {@link Parallelism} only by the draft, which turns a combination the core refuses into the
 * problem of its field. Call on the FX thread.
 */
public final class LayoutInputs {
    private final IntegerProperty tensor = new SimpleIntegerProperty(this, "tensorParallel", 1);
    private final IntegerProperty pipeline = new SimpleIntegerProperty(this, "pipelineParallel", 1);
    private final IntegerProperty virtualStages = new SimpleIntegerProperty(this, "virtualStages", 1);
    private final IntegerProperty context = new SimpleIntegerProperty(this, "contextParallel", 1);
    private final IntegerProperty expert = new SimpleIntegerProperty(this, "expertParallel", 1);
    private final BooleanProperty sequenceParallel = new SimpleBooleanProperty(this, "sequenceParallel");
    private final ObservableValue<Boolean> split = Bindings.createBooleanBinding(
            () -> tensor.get() > 1 || pipeline.get() > 1 || virtualStages.get() > 1 || context.get() > 1
                    || expert.get() > 1 || sequenceParallel.get(),
            tensor, pipeline, virtualStages, context, expert, sequenceParallel);
    private final ObservableValue<Boolean> expertAvailable;
    private final ObservableValue<Boolean> matters;

    /**
     * @param model     the form's model: expert parallelism means something only for one with routed experts
     * @param framework the form's framework: with Megatron the layout is part of the setup
     */
    LayoutInputs(ObservableValue<ModelSpec> model, ObservableValue<Framework> framework) {
        expertAvailable = model.map(m -> m.architecture().moe().isMoe()).orElse(false);
        matters = Bindings.createBooleanBinding(() -> framework.getValue() == Framework.MEGATRON
                || split.getValue(), framework, split);
    }

    /** Every input of the layout, for the draft's dependencies. */
    List<Observable> all() {
        return List.of(tensor, pipeline, virtualStages, context, expert, sequenceParallel);
    }

    /** The layout the inputs describe; throws the core's violation when the degrees do not go together. */
    Parallelism read() {
        return new Parallelism(tensor.get(), pipeline.get(), virtualStages.get(), context.get(), expert.get(),
                sequenceParallel.get());
    }

    /** Whether the inputs hold {@code p} degree by degree (a combination the core refuses holds none). */
    boolean holds(Parallelism p) {
        return p.tensor() == tensor.get() && p.pipeline() == pipeline.get() && p.virtualStages() == virtualStages.get()
                && p.context() == context.get() && p.expert() == expert.get()
                && p.sequenceParallel() == sequenceParallel.get();
    }

    /** Puts {@code p}'s degrees in. Call inside a batch of the draft: the degrees change together. */
    void put(Parallelism p) {
        tensor.set(p.tensor());
        pipeline.set(p.pipeline());
        virtualStages.set(p.virtualStages());
        context.set(p.context());
        expert.set(p.expert());
        sequenceParallel.set(p.sequenceParallel());
    }

    /** Whether any degree is above 1 or sequence parallelism is asked for: the layout is in use. */
    public ObservableValue<Boolean> splitProperty() {
        return split;
    }

    /** Whether the model has routed experts to split (expert parallelism means nothing for a dense model). */
    public ObservableValue<Boolean> expertAvailableProperty() {
        return expertAvailable;
    }

    /** Whether the layout deserves a place in sight: the Megatron framework, or a layout already set. */
    public ObservableValue<Boolean> mattersProperty() {
        return matters;
    }

    /** TP: each block's linears split over this many GPUs of one node. */
    public IntegerProperty tensorProperty() {
        return tensor;
    }

    /** PP: the layers split into this many stages. */
    public IntegerProperty pipelineProperty() {
        return pipeline;
    }

    /** Interleaved model chunks per pipeline rank (1 = plain 1F1B); above 1 only with PP above 1. */
    public IntegerProperty virtualStagesProperty() {
        return virtualStages;
    }

    /** CP: the sequence split over this many GPUs. */
    public IntegerProperty contextProperty() {
        return context;
    }

    /** EP: the routed experts of a MoE layer split over this many GPUs. */
    public IntegerProperty expertProperty() {
        return expert;
    }

    /** Sequence parallelism with TP (norms and dropouts on 1/TP of the tokens). */
    public BooleanProperty sequenceParallelProperty() {
        return sequenceParallel;
    }
}
