package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFormats;
import org.finetuneplanner.service.report.content.Table.Cell;

/** The scenario as the user gave it: model, method, precision, batch, data and hardware. */
final class ScenarioSection {
    private ScenarioSection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        Scenario s = data.scenario();
        Estimate e = data.estimate();
        MethodSpec m = s.method();
        TrainingSpec t = s.training();
        ReportFormats f = w.f();
        List<Cell[]> rows = new ArrayList<>();
        rows.add(SummarySection.pair(w, "scenario.model", Cell.name(s.model().displayName())));
        rows.add(SummarySection.pair(w, "scenario.parameters", Cell.words(w.plain("scenario.parametersValue",
                f.parameters(e.parameters().total()), f.parameters(e.parameters().trainable())))));
        rows.add(SummarySection.pair(w, "scenario.architecture", Cell.of(architecture(s.model().architecture(),
                w))));
        Text method = Text.words(w.label(m.type()));
        if (m.usesAdapters()) {
            method = w.text("scenario.methodAdapters", method, m.rank(), m.alpha(), Text.name(targets(m)),
                    w.label(m.baseWeights()));
        }
        rows.add(SummarySection.pair(w, "scenario.method", Cell.of(method)));
        rows.add(SummarySection.pair(w, "scenario.precision", Cell.words(w.plain(t.masterWeights()
                ? "scenario.precisionMaster" : "scenario.precisionPure", w.label(t.precision())))));
        rows.add(SummarySection.pair(w, "scenario.optimizer", Cell.words(w.label(t.optimizer()))));
        int gpus = s.hardware().gpuCount();
        rows.add(SummarySection.pair(w, "scenario.batch", Cell.words(w.plain("scenario.batchValue",
                t.microBatchSize(), t.gradientAccumulationSteps(), gpus,
                (long) t.microBatchSize() * t.gradientAccumulationSteps() * gpus))));
        rows.add(SummarySection.pair(w, "scenario.sequence", Cell.words(w.plain("scenario.sequenceValue",
                f.integer(t.sequenceLength())))));
        rows.add(SummarySection.pair(w, "scenario.checkpointing", Cell.words(w.label(t.checkpointing()))));
        rows.add(SummarySection.pair(w, "scenario.attention", Cell.words(w.label(t.attention()) + " · "
                + w.label(t.loss()) + " · " + w.label(t.framework()))));
        rows.add(SummarySection.pair(w, "scenario.dataset", Cell.words(s.data().tokens().isPresent()
                ? w.plain("scenario.datasetValue", f.integer(s.data().tokens().getAsLong()),
                f.decimal(s.data().epochs()), f.integer(s.data().totalTokens().getAsDouble()))
                : w.plain("common.noTokens"))));
        rows.add(SummarySection.pair(w, "scenario.hardware", Cell.of(w.text("scenario.hardwareValue",
                gpus, Text.name(s.hardware().gpu().name()), w.sharding(s.hardware())))));
        return List.of(Heading.section(w.text("section.scenario")), Table.keyValue(rows, Table.Density.ROOMY));
    }

    private static Text architecture(Architecture a, Wording w) {
        ReportFormats f = w.f();
        Text base = w.text("scenario.architectureValue", Text.name(a.modelType().isEmpty() ? "—" : a.modelType()),
                a.numLayers(), f.integer(a.hiddenSize()), a.numHeads(), a.numKvHeads(),
                f.integer(a.intermediateSize()), f.integer(a.vocabSize()));
        if (a.moe().isMoe()) {
            base = base.then(" " + w.plain("scenario.moe", a.moe().experts(), a.moe().expertsPerToken()));
        }
        if (a.guessed()) {
            base = base.then(" " + w.plain("scenario.guessed"));
        }
        return base;
    }

    private static String targets(MethodSpec m) {
        return m.targets().stream().sorted().map(LoraTarget::id).collect(Collectors.joining(", "));
    }
}
