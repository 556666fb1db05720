package org.finetuneplanner.ui.planner;

import java.util.Optional;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * The value lines of the form, worded in the current language: each follows its inputs and the language, so a
 * view only binds. Part of {@link InputsViewModel}.
 */
public final class InputsTexts {
    private final ObservableValue<String> modelSummary;
    private final ObservableValue<String> rank;
    private final ObservableValue<String> microBatch;
    private final ObservableValue<String> sequence;
    private final ObservableValue<String> accumulation;
    private final ObservableValue<String> tokens;
    private final ObservableValue<String> layout;
    private final ObservableValue<String> expertReason;
    private final ObservableValue<String> price;
    private final ObservableValue<String> openConfig;
    private final ObservableValue<Function<GpuSpec, String>> gpuName;

    InputsTexts(InputsViewModel vm, ObservableValue<Messages> messages) {
        modelSummary = Bindings.createStringBinding(() -> modelSummary(vm, messages.getValue()),
                vm.modelProperty(), vm.shownEstimateProperty(), messages);
        rank = Bindings.createStringBinding(() -> messages.getValue().text("inputs.rank.value",
                vm.loraRankProperty().get()), vm.loraRankProperty(), messages);
        microBatch = Bindings.createStringBinding(() -> messages.getValue().text("inputs.microBatch.value",
                vm.microBatchProperty().get()), vm.microBatchProperty(), messages);
        sequence = Bindings.createStringBinding(() -> messages.getValue().text("inputs.sequence.value",
                formats(messages).count(vm.sequenceLengthProperty().get())), vm.sequenceLengthProperty(), messages);
        accumulation = Bindings.createStringBinding(() -> messages.getValue().text("inputs.accumulation.value",
                formats(messages).count((long) vm.microBatchProperty().get() * vm.accumulationProperty().get()
                        * replicas(vm))),
                vm.microBatchProperty(), vm.accumulationProperty(), vm.gpuCountProperty(), vm.draftProperty(),
                messages);
        layout = Bindings.createStringBinding(() -> layout(vm, messages.getValue()), vm.draftProperty(), messages);
        expertReason = Bindings.createStringBinding(() -> vm.layout().expertAvailableProperty().getValue()
                || vm.modelProperty().get() == null ? ""
                : messages.getValue().text("inputs.expertParallel.dense", vm.modelProperty().get().displayName()),
                vm.layout().expertAvailableProperty(), vm.modelProperty(), messages);
        tokens = Bindings.createStringBinding(() -> {
            Draft d = vm.draftProperty().getValue();
            if (d.problems().containsKey(Field.TOKENS) || d.scenario().isEmpty()) {
                return "";
            }
            var t = d.scenario().get().data().tokens();
            return t.isPresent() ? messages.getValue().text("inputs.tokens.value",
                    formats(messages).shortCount(t.getAsLong())) : messages.getValue().text("inputs.tokens.none");
        }, vm.draftProperty(), messages);
        price = Bindings.createStringBinding(() -> price(vm, messages.getValue()),
                vm.shownEstimateProperty(), vm.gpuProperty(), messages);
        openConfig = Bindings.createStringBinding(() -> messages.getValue().text(
                vm.loadingConfigProperty().get() ? "inputs.openConfig.loading" : "inputs.openConfig"),
                vm.loadingConfigProperty(), messages);
        gpuName = messages.map(m -> g -> m.text("inputs.gpu.item", g.name(),
                Formats.of(m).gib(g.usableMemoryGib()).replace(" GiB", "").replace("\u00a0GiB", "")));
    }

    /** Data-parallel replicas of the draft (GPUs over TP·PP·CP); the GPU count while the draft is invalid. */
    private static long replicas(InputsViewModel vm) {
        return vm.draftProperty().getValue().scenario().map(s -> (long) s.hardware().dataParallel())
                .orElse((long) vm.gpuCountProperty().get());
    }

    /** "8 GPUs = TP 4 × PP 2 × CP 1 × 1 data-parallel replica"; "" while the draft is invalid. */
    private static String layout(InputsViewModel vm, Messages m) {
        return vm.draftProperty().getValue().scenario().map(s -> {
            var h = s.hardware();
            var p = h.parallel();
            return m.text("inputs.layout.value", h.gpuCount(), p.tensor(), p.pipeline(), p.context(),
                    h.dataParallel());
        }).orElse("");
    }

    /**
     * The short name of a choice ({@code enum.<Type>.<NAME>.short}: the first words of its name) where it has one,
     * else its name: what a closed choice box half a row wide shows.
     */
    static String shortLabel(Messages m, Enum<?> value) {
        String key = "enum." + value.getDeclaringClass().getSimpleName() + "." + value.name() + ".short";
        return m.has(key) ? m.text(key) : m.label(value);
    }

    private static Formats formats(ObservableValue<Messages> messages) {
        return Formats.of(messages.getValue());
    }

    private static String modelSummary(InputsViewModel vm, Messages m) {
        ModelSpec model = vm.modelProperty().get();
        if (model == null) {
            return "";
        }
        Formats f = Formats.of(m);
        Architecture a = model.architecture();
        Estimate e = vm.shownEstimateProperty().getValue();
        String params = e == null ? "?" : f.shortCount(e.parameters().base());
        return m.text("inputs.model.summary", params, a.numLayers(), f.count(a.hiddenSize()), a.numHeads(),
                a.numKvHeads(), f.count(a.vocabSize())) + " \u00b7 " + m.text("inputs.model.origin." + model.origin());
    }

    private static String price(InputsViewModel vm, Messages m) {
        Formats f = Formats.of(m);
        Estimate e = vm.shownEstimateProperty().getValue();
        if (e != null && e.cost().isPresent()) {
            var c = e.cost().get();
            if (c.origin() == PriceOrigin.SELLER) {
                return m.text("inputs.price.seller", f.usdPerGpuHour(c.usdPerGpuHour()), c.provider(),
                        f.seenDate(c.priceSeen()));
            }
            return c.provider().isEmpty() ? m.text("inputs.price.value", f.usdPerGpuHour(c.usdPerGpuHour()))
                    : m.text("inputs.price.catalog", f.usdPerGpuHour(c.usdPerGpuHour()), c.provider(),
                            f.seenDate(c.priceSeen()));
        }
        var notOffered = e == null ? Optional.<Note>empty()
                : e.notes().stream().filter(n -> n.id() == NoteId.COST_NOT_OFFERED).findFirst();
        if (notOffered.isPresent()) {
            return m.text("inputs.price.notOffered", notOffered.get().args().get(0));
        }
        GpuSpec g = vm.gpuProperty().get();
        return g != null && g.prices().isEmpty() ? m.text("inputs.price.none") : "";
    }

    /** "405 B parameters · 126 layers · …: catalog preset". */
    public ObservableValue<String> modelSummary() {
        return modelSummary;
    }

    public ObservableValue<String> rank() {
        return rank;
    }

    public ObservableValue<String> microBatch() {
        return microBatch;
    }

    public ObservableValue<String> sequence() {
        return sequence;
    }

    /** The effective batch: micro-batch × accumulation × data-parallel replicas. */
    public ObservableValue<String> accumulation() {
        return accumulation;
    }

    /** How the GPUs are split: "8 GPUs = TP 4 × PP 2 × CP 1 × 1 data-parallel replica". */
    public ObservableValue<String> layout() {
        return layout;
    }

    /** Why expert parallelism cannot be set: the model is dense; "" for a mixture-of-experts model. */
    public ObservableValue<String> expertReason() {
        return expertReason;
    }

    public ObservableValue<String> tokens() {
        return tokens;
    }

    /** Which price the estimate used: the override, or the catalog's with provider and date. */
    public ObservableValue<String> price() {
        return price;
    }

    /** The config button's text: "Open config.json…" or "Reading…". */
    public ObservableValue<String> openConfig() {
        return openConfig;
    }

    /** GPUs as "NVIDIA L40S · 44.4", in the current language. */
    public ObservableValue<Function<GpuSpec, String>> gpuName() {
        return gpuName;
    }
}
