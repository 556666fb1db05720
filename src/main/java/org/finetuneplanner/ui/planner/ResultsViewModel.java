package org.finetuneplanner.ui.planner;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.planner.Outcome.Computed;

/**
 * The results of the planner screen, ready to bind: the recommendation, the memory of the selected option with
 * its parts and their explanation, a row, a bar and a cost curve per GPU option, and the notes, each worded in the
 * current language. The core runs once per new draft; a switch of language or of the explained part only re-words.
 * While the inputs are invalid the last valid results stay, marked stale. Call on the FX thread.
 */
public final class ResultsViewModel {
    private final PlannerServices services;
    private final ObservableValue<Messages> messages;
    private final Consumer<HardwareSpec> useHardware;

    private final ObjectProperty<MemoryComponent> selectedComponent =
            new SimpleObjectProperty<>(this, "selectedComponent", MemoryComponent.WEIGHTS);

    private final ObjectBinding<Outcome> outcome;
    /** The last valid results: what the screen shows (the outcome's, or the one before while it has problems). */
    private final ReadOnlyObjectWrapper<Computed> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ObservableValue<Boolean> stale;
    private final ObservableValue<Map<Field, Problem>> problems;
    private final ObservableValue<ResultSentences> sentences;
    private final ObservableValue<Estimate> estimate;
    private final ObservableValue<String> selectedGpuId;
    private final ObservableValue<List<OptionRow>> optionRows;
    private final ObservableValue<List<CostCurve>> costCurves;
    private final ObservableValue<List<String>> curveIds;
    private final ObservableValue<List<MemoryBarData>> optionBars;
    private final ObservableValue<MemoryBarData> selectedBar;
    private final ObservableValue<String> caption;
    private final Map<MemoryComponent, ObservableValue<String>> legend = new EnumMap<>(MemoryComponent.class);
    private final ObservableValue<String> recommendation;
    private final ObservableValue<String> summary;
    private final ObservableValue<List<NoteLine>> notes;
    private final ObservableValue<Explanation> explained;
    private final ObservableValue<String> explanationTitle;
    private final ObservableValue<List<ExplainedTerm>> explanation;

    /**
     * @param draft       the form's inputs read as a scenario
     * @param useHardware makes an option's hardware the form's (selecting a row or a bar)
     */
    public ResultsViewModel(PlannerServices services, ObservableValue<Draft> draft,
                            ObservableValue<Messages> messages, Consumer<HardwareSpec> useHardware) {
        this.services = services;
        this.messages = messages;
        this.useHardware = useHardware;
        outcome = Bindings.createObjectBinding(() -> compute(draft.getValue()), draft);
        // The one hand-written sync: keeping the last valid results is a fold over the outcomes, not a function of
        // the current one. It writes an output only, never an input.
        outcome.subscribe(o -> o.computed().ifPresent(shown::set));
        stale = outcome.map(o -> !o.valid());
        problems = outcome.map(Outcome::problems);
        sentences = messages.map(ResultSentences::new);

        estimate = shown.map(Computed::estimate);
        selectedGpuId = shown.map(c -> c.scenario().hardware().gpu().id());
        optionRows = words(s -> s.rows(shown.get().plan()), List.of());
        costCurves = words(s -> s.curves(shown.get().plan()), List.of());
        curveIds = costCurves.map(list -> list.stream().map(CostCurve::gpuId).toList());
        optionBars = words(s -> s.bars(shown.get().plan()), List.of());
        selectedBar = words(s -> s.bar(shown.get().estimate()), null);
        caption = Bindings.createStringBinding(() -> selectedBar.getValue() == null ? ""
                : sentences.getValue().caption(selectedBar.getValue()), selectedBar, sentences);
        for (MemoryComponent c : MemoryComponent.values()) {
            legend.put(c, Bindings.createStringBinding(() -> selectedBar.getValue() == null
                    ? messages.getValue().label(c) : sentences.getValue().legend(c, selectedBar.getValue()),
                    selectedBar, sentences));
        }
        recommendation = Bindings.createStringBinding(() -> shown.get() == null
                ? messages.getValue().text("recommend.unavailable")
                : sentences.getValue().recommend(shown.get().plan()), shown, sentences);
        summary = words(s -> s.summary(shown.get().estimate()), "");
        notes = words(s -> s.notes(shown.get().estimate()), List.of());
        // The explanation is made for the shown option only, once per new results, and only while someone looks.
        explained = Bindings.createObjectBinding(() -> shown.get() == null ? null
                : services.explainer().apply(shown.get().scenario()), shown);
        explanationTitle = Bindings.createStringBinding(
                () -> sentences.getValue().explanationTitle(selectedComponent.get()), selectedComponent, sentences);
        explanation = Bindings.createObjectBinding(() -> explained.getValue() == null ? List.of()
                : sentences.getValue().explain(explained.getValue(), selectedComponent.get()),
                explained, selectedComponent, sentences);
    }

    /** A value of the shown results worded in the current language; {@code none} before any valid results. */
    private <T> ObservableValue<T> words(java.util.function.Function<ResultSentences, T> of, T none) {
        return Bindings.createObjectBinding(() -> shown.get() == null ? none : of.apply(sentences.getValue()),
                shown, sentences);
    }

    /** The estimate and the plan of a draft, or its problems. Pure: runs the core, changes nothing. */
    private Outcome compute(Draft d) {
        if (d.scenario().isEmpty()) {
            return Outcome.failed(d.problems());
        }
        Scenario s = d.scenario().get();
        try {
            Estimate e = services.estimator().apply(s);
            Plan p = services.planner().apply(s, services.gpus());
            return Outcome.of(new Computed(s, e, p));
        } catch (PlannerException ex) {
            return Outcome.failed(InputsViewModel.problemsOf(ex));
        } catch (RuntimeException ex) {
            return Outcome.failed(Map.of(Field.GENERAL, new Problem.Failed("error.invalid", List.of(), ex)));
        }
    }

    // ---- commands -------------------------------------------------------------------------------------------

    /**
     * Makes the option of {@code gpuId} the current one: its GPU, count, sharding and offload become the inputs,
     * so the bar, the charts and the table all show it. Nothing happens for an id the plan does not list.
     */
    public void selectOption(String gpuId) {
        Optional<PlanOption> option = Optional.ofNullable(shown.get())
                .flatMap(c -> c.plan().option(gpuId == null ? "" : gpuId));
        option.ifPresent(o -> useHardware.accept(o.estimate().scenario().hardware()));
    }

    /** The planner's reasons for a row, worded (for its tooltip). */
    public String reasons(OptionRow row) {
        return messages.getValue().reasons(row.reasons());
    }

    /** One part of a bar as "Weights: 5.4 GiB" (for its tooltip). */
    public String part(MemoryBarData bar, MemoryComponent component) {
        return sentences.getValue().part(component, bar);
    }

    // ---- properties -----------------------------------------------------------------------------------------

    /** What the core made of the current inputs: results, or the problems that kept it from estimating. */
    public ObservableValue<Outcome> outcomeProperty() {
        return outcome;
    }

    /** The results on screen: the last valid ones, empty before the first valid inputs. */
    public ReadOnlyObjectProperty<Computed> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public Optional<Computed> shown() {
        return Optional.ofNullable(shown.get());
    }

    /** True while the inputs have problems: the results shown are those of the last valid inputs. */
    public ObservableValue<Boolean> staleProperty() {
        return stale;
    }

    /** The current inputs' problems by field (the form's and the core's), empty when the results are current. */
    public ObservableValue<Map<Field, Problem>> problemsProperty() {
        return problems;
    }

    /** The estimate of the selected GPU, count and sharding (the last valid one while inputs are invalid). */
    public ObservableValue<Estimate> estimateProperty() {
        return estimate;
    }

    /** The shown option's GPU id, for views that highlight it. */
    public ObservableValue<String> selectedGpuIdProperty() {
        return selectedGpuId;
    }

    public ObservableValue<List<OptionRow>> optionRowsProperty() {
        return optionRows;
    }

    public ObservableValue<List<CostCurve>> costCurvesProperty() {
        return costCurves;
    }

    /** The GPU ids of the cost curves; changes only when other options fit (then the chart's lines change). */
    public ObservableValue<List<String>> curveIdsProperty() {
        return curveIds;
    }

    public ObservableValue<List<MemoryBarData>> optionBarsProperty() {
        return optionBars;
    }

    public ObservableValue<MemoryBarData> selectedBarProperty() {
        return selectedBar;
    }

    /** "1 × L40S: 17.1 GiB of 44.4 GiB — 27.3 GiB free". */
    public ObservableValue<String> captionProperty() {
        return caption;
    }

    /** A part's legend: its name and size on the shown option. */
    public ObservableValue<String> legendProperty(MemoryComponent component) {
        return legend.get(component);
    }

    public ObservableValue<String> recommendationProperty() {
        return recommendation;
    }

    /** Parameters, throughput, time and cost of the shown option in one line. */
    public ObservableValue<String> summaryProperty() {
        return summary;
    }

    /** The notes of the shown option, each once; empty when there are none. */
    public ObservableValue<List<NoteLine>> notesProperty() {
        return notes;
    }

    /** The memory part whose computation is explained. */
    public ObjectProperty<MemoryComponent> selectedComponentProperty() {
        return selectedComponent;
    }

    /** "How Weights is computed". */
    public ObservableValue<String> explanationTitleProperty() {
        return explanationTitle;
    }

    /** The terms of the selected part: formula, numbers put in and source of each, worded. */
    public ObservableValue<List<ExplainedTerm>> explanationProperty() {
        return explanation;
    }

    /** The terms of the selected part as data (formula ids and numbers), for tests and other surfaces. */
    public List<org.finetuneplanner.core.memory.MemoryTerm> terms() {
        return explained.getValue() == null ? List.of() : explained.getValue().memory(selectedComponent.get());
    }
}
