package org.finetuneplanner.ui.planner;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.memory.Phase;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.planner.Outcome.Computed;

/**
 * The results of the planner screen, ready to bind: the recommendation (with the changes it makes, applied in one
 * step) and the advice for the user's own GPU; the memory of the user's setup with its range, status, phases,
 * caveats and limits, and the explanation of its parts; a row, a bar and a cost curve per GPU option; the notes;
 * the options as CSV and a summary as plain text; each worded in the current language. The core runs once per new
 * draft; a switch of language, of the explained part or of the phase shown only re-words. While the inputs are
 * invalid the last valid results stay, marked stale. Call on the FX thread.
 */
public final class ResultsViewModel {
    private final PlannerServices services;
    private final ObservableValue<Messages> messages;
    private final Consumer<Scenario> useOption;

    private final ObjectProperty<MemoryComponent> selectedComponent =
            new SimpleObjectProperty<>(this, "selectedComponent", MemoryComponent.WEIGHTS);
    /** The phase the memory card shows; null for the peak's, whichever phase that is. */
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase");
    private final BooleanProperty showAllCurves = new SimpleBooleanProperty(this, "showAllCurves");
    /** Each GPU's line colour, kept while the screen lives. */
    private final CurveChoice.Colours curveColours = new CurveChoice.Colours();

    private final ObjectBinding<Outcome> outcome;
    /** The last valid results: what the screen shows (the outcome's, or the one before while it has problems). */
    private final ReadOnlyObjectWrapper<Computed> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    /** The GPU the user chose (in the form or a file), kept while options are picked from the table. */
    private final ReadOnlyStringWrapper ownGpuId = new ReadOnlyStringWrapper(this, "ownGpuId");
    private boolean picking;
    private final ObservableValue<Boolean> stale;
    private final ObservableValue<Map<Field, Problem>> problems;
    private final ObservableValue<ResultSentences> sentences;
    private final ObservableValue<Estimate> estimate;
    private final ObservableValue<SetupFacts> facts;
    private final ObservableValue<FitStatus> status;
    private final ObservableValue<String> selectedGpuId;
    private final ObservableValue<List<OptionRow>> optionRows;
    private final ObservableValue<List<CostCurve>> costCurves;
    private final ObservableValue<List<String>> curveIds;
    private final ObservableValue<Integer> drawableCurves;
    private final ObservableValue<List<MemoryBarData>> optionBars;
    private final ObservableValue<Optional<Phase>> shownPhase;
    private final ObservableValue<List<PhaseChoice>> phases;
    private final ObservableValue<MemoryBarData> selectedBar;
    private final ObservableValue<String> caption;
    private final Map<MemoryComponent, ObservableValue<String>> legend = new EnumMap<>(MemoryComponent.class);
    private final ObservableValue<Advice> advice;
    private final ObservableValue<Optional<Advice>> ownAdvice;
    private final ObservableValue<String> recommendation;
    private final ObservableValue<String> summary;
    private final ObservableValue<String> details;
    private final ObservableValue<List<String>> caveats;
    private final ObservableValue<List<NoteLine>> notes;
    private final ObservableValue<Explanation> explained;
    private final ObservableValue<String> explanationTitle;
    private final ObservableValue<List<ExplainedTerm>> explanation;

    /**
     * @param draft     the form's inputs read as a scenario
     * @param useOption makes an option's setup the form's: its hardware and the settings the planner changed
     *                  (selecting a row or a bar, applying the recommendation)
     */
    public ResultsViewModel(PlannerServices services, ObservableValue<Draft> draft,
                            ObservableValue<Messages> messages, Consumer<Scenario> useOption) {
        this.services = services;
        this.messages = messages;
        this.useOption = useOption;
        outcome = Bindings.createObjectBinding(() -> compute(draft.getValue()), draft);
        // Each binding below names every observable it reads as a dependency: a value derived from one already
        // invalidated may be read before its own invalidation arrives, and would be cached stale.
        // The one hand-written sync: keeping the last valid results is a fold over the outcomes, not a function of
        // the current one. It writes outputs only, never an input. The user's own GPU follows the results' GPU
        // except while an option is picked from the table or the recommendation.
        outcome.subscribe(o -> o.computed().ifPresent(c -> {
            shown.set(c);
            if (!picking) {
                ownGpuId.set(c.scenario().hardware().gpu().id());
            }
        }));
        stale = outcome.map(o -> !o.valid());
        problems = outcome.map(Outcome::problems);
        sentences = messages.map(ResultSentences::new);

        estimate = shown.map(Computed::estimate);
        facts = shown.map(Computed::facts);
        status = facts.map(f -> f.ranges().status());
        selectedGpuId = shown.map(c -> c.scenario().hardware().gpu().id());
        optionRows = words(s -> s.rows(plan(), shown.get().scenario().hardware().parallel()), List.of());
        // The default curves are given their colours first, so that they never share one; "show all" adds the rest.
        drawableCurves = shown.map(c -> (int) c.plan().options().stream().filter(CurveChoice::drawn).count()).orElse(0);
        costCurves = Bindings.createObjectBinding(() -> shown.get() == null ? List.of()
                : CurveChoice.curves(plan(), CurveChoice.chosen(plan(), shown.get().scenario().hardware().gpu().id(),
                ownGpuId.get()), showAllCurves.get(), curveColours, label(sentences.getValue())),
                shown, sentences, showAllCurves, ownGpuId);
        curveIds = costCurves.map(list -> list.stream().map(CostCurve::gpuId).toList());
        optionBars = words(s -> s.bars(plan()), List.of());
        shownPhase = Bindings.createObjectBinding(() -> shown.get() == null ? Optional.empty()
                : Optional.ofNullable(phase.get()).filter(p -> shown.get().estimate().memory().at(p).isPresent())
                .or(() -> shown.get().estimate().memory().peakPhase()), shown, phase);
        phases = words(s -> s.phases(shown.get().estimate()), List.of());
        selectedBar = Bindings.createObjectBinding(() -> shown.get() == null ? null : sentences.getValue()
                .bar(shown.get().estimate(), shown.get().facts().ranges(), shownPhase.getValue()),
                shown, sentences, shownPhase);
        caption = Bindings.createStringBinding(() -> selectedBar.getValue() == null ? ""
                : sentences.getValue().caption(selectedBar.getValue(), shown.get().estimate(),
                shownPhase.getValue()), selectedBar, sentences, shownPhase);
        for (MemoryComponent c : MemoryComponent.values()) {
            legend.put(c, Bindings.createStringBinding(() -> selectedBar.getValue() == null
                    ? messages.getValue().label(c) : sentences.getValue().legend(c, selectedBar.getValue()),
                    selectedBar, sentences, messages));
        }
        advice = Bindings.createObjectBinding(() -> shown.get() == null
                ? Advice.none(messages.getValue().text("recommend.unavailable"))
                : sentences.getValue().advice().recommend(plan(), shown.get().scenario()), shown, sentences,
                messages);
        // The recommended GPU from the plan itself, not from the advice's words: a binding that another depends on is
        // computed when the other is made, and the plan is made when the results first read it (Outcome.Computed).
        ownAdvice = Bindings.createObjectBinding(() -> shown.get() == null ? Optional.empty()
                : sentences.getValue().advice().own(plan(), shown.get().scenario(),
                shown.get().facts().ranges().status(), plan().recommended().map(o -> o.gpu().id())), shown,
                sentences);
        recommendation = advice.map(Advice::text);
        summary = words(s -> s.summary(shown.get().estimate(), shown.get().facts().ranges()), "");
        details = words(s -> s.details(shown.get().estimate(), shown.get().facts()), "");
        caveats = words(s -> s.caveats(shown.get().facts().caveats()), List.of());
        notes = words(s -> s.notes(shown.get().estimate()), List.of());
        // The explanation is made for the shown option only, once per new results, and only while someone looks.
        explained = Bindings.createObjectBinding(() -> shown.get() == null ? null
                : services.explainer().apply(shown.get().scenario()), shown);
        explanationTitle = Bindings.createStringBinding(() -> sentences.getValue().explanationTitle(
                selectedComponent.get(), estimate.getValue() == null ? Optional.empty()
                        : estimate.getValue().memory().peakPhase(), shownPhase.getValue()),
                selectedComponent, sentences, shownPhase, estimate);
        explanation = Bindings.createObjectBinding(() -> explained.getValue() == null ? List.of()
                : sentences.getValue().explain(explained.getValue(), selectedComponent.get()),
                explained, selectedComponent, sentences);
    }

    private Plan plan() {
        return shown.get().plan();
    }

    private static Function<PlanOption, String> label(ResultSentences s) {
        return o -> s.optionLabel(o.gpuCount(), o.gpu());
    }

    /** A value of the shown results worded in the current language; {@code none} before any valid results. */
    private <T> ObservableValue<T> words(Function<ResultSentences, T> of, T none) {
        return Bindings.createObjectBinding(() -> shown.get() == null ? none : of.apply(sentences.getValue()),
                shown, sentences);
    }

    /** The estimate, the facts and the plan of a draft, or its problems. Pure: runs the core, changes nothing. */
    private Outcome compute(Draft d) {
        if (d.scenario().isEmpty()) {
            return Outcome.failed(d.problems());
        }
        Scenario s = d.scenario().get();
        try {
            Estimate e = services.estimator().apply(s);
            // The plan when first read (after the window's first frame at start): it plans the scenario the
            // estimator has just accepted, whose violations the estimator has already said.
            return Outcome.of(new Computed(s, e, () -> services.planner().apply(s, services.gpus()),
                    services.facts().apply(e)));
        } catch (PlannerException ex) {
            return Outcome.failed(InputsViewModel.problemsOf(ex));
        } catch (RuntimeException ex) {
            return Outcome.failed(Map.of(Field.GENERAL, new Problem.Failed("error.invalid", List.of(), ex)));
        }
    }

    // ---- commands -------------------------------------------------------------------------------------------

    /**
     * Makes the option of {@code gpuId} the current one: its GPU, count, sharding and offload and the settings the
     * planner changed for it (micro-batch, accumulation, checkpointing, loss) become the inputs, so the bar, the
     * charts and the table all show it as the table did, with the same sequences per step. The user's own GPU stays
     * what it was. Nothing happens for an id the plan does not list.
     */
    public void selectOption(String gpuId) {
        Optional<PlanOption> option = Optional.ofNullable(shown.get())
                .flatMap(c -> c.plan().option(gpuId == null ? "" : gpuId));
        option.ifPresent(o -> {
            picking = true;
            try {
                useOption.accept(o.estimate().scenario());
            } finally {
                picking = false;
            }
        });
    }

    /** Applies the recommendation: its option with the changes it lists, in one step. */
    public void applyAdvice() {
        advice.getValue().gpuId().ifPresent(this::selectOption);
    }

    /** Applies the advice for the user's own GPU, when there is one. */
    public void applyOwnAdvice() {
        ownAdvice.getValue().flatMap(Advice::gpuId).ifPresent(this::selectOption);
    }

    /** The planner's reasons for a row, and its changes from → to, worded (for its tooltip). */
    public String reasons(OptionRow row) {
        ResultSentences s = sentences.getValue();
        String changes = row.fits() ? s.advice().changes(row.option(),
                shown.get().scenario().hardware().parallel()) : "";
        String why = messages.getValue().reasons(row.reasons());
        return changes.isEmpty() ? why : why + "\n" + changes;
    }

    /** A row's caveats, one per line (for the tooltip of its caveats cell); "" when it has none. */
    public String caveats(OptionRow row) {
        return String.join("\n", sentences.getValue().caveats(row.option().caveats()));
    }

    /** One part of a bar as "Weights: 5.4 GiB" (for its tooltip). */
    public String part(MemoryBarData bar, MemoryComponent component) {
        return sentences.getValue().part(component, bar);
    }

    /** The options table as CSV rows, the header first (File → Export options as CSV…); empty before results. */
    public List<List<String>> csv() {
        return shown.get() == null ? List.of() : new OptionsCsv(messages.getValue()).rows(plan(),
                shown.get().scenario().hardware().parallel());
    }

    /** The recommendation and the key numbers as plain text (Copy summary); "" before results. */
    public String summaryText() {
        Computed c = shown.get();
        return c == null ? "" : new ResultsSummary(messages.getValue(), sentences.getValue()).text(c,
                advice.getValue(), ownAdvice.getValue(), caption.getValue());
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

    /** The ranges, caveats and limits of the user's setup. */
    public ObservableValue<SetupFacts> factsProperty() {
        return facts;
    }

    /** Whether the user's setup fits with margin, only by its estimate, or not at all. */
    public ObservableValue<FitStatus> statusProperty() {
        return status;
    }

    /** The shown option's GPU id, for views that highlight it. */
    public ObservableValue<String> selectedGpuIdProperty() {
        return selectedGpuId;
    }

    /** The GPU the user chose in the form or a file: kept while options are picked from the table. */
    public ReadOnlyStringProperty ownGpuIdProperty() {
        return ownGpuId.getReadOnlyProperty();
    }

    public ObservableValue<List<OptionRow>> optionRowsProperty() {
        return optionRows;
    }

    /**
     * The cost curves the chart draws: by default the selected option, the user's own GPU, the cheapest, the
     * fastest and the cheapest of each vendor (at most {@value CurveChoice#MOST}); every option that fits with a
     * cost while {@link #showAllCurvesProperty()} is on.
     */
    public ObservableValue<List<CostCurve>> costCurvesProperty() {
        return costCurves;
    }

    /** Whether the chart draws every option's curve, not only the compared ones. */
    public BooleanProperty showAllCurvesProperty() {
        return showAllCurves;
    }

    /** How many options have a curve at all (what "show all" shows). */
    public ObservableValue<Integer> drawableCurvesProperty() {
        return drawableCurves;
    }

    /** The GPU ids of the cost curves; changes only when other lines are drawn (then the chart's lines change). */
    public ObservableValue<List<String>> curveIdsProperty() {
        return curveIds;
    }

    public ObservableValue<List<MemoryBarData>> optionBarsProperty() {
        return optionBars;
    }

    public ObservableValue<MemoryBarData> selectedBarProperty() {
        return selectedBar;
    }

    /**
     * The phase of the step the memory card shows (see {@link #shownPhaseProperty()}); null, the default, for the
     * peak's. Setting the peak's phase is the same as null.
     */
    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    /** The phase shown: the one chosen when the estimate has it, else the peak's; empty without phases. */
    public ObservableValue<Optional<Phase>> shownPhaseProperty() {
        return shownPhase;
    }

    /** The phases of the step, in step order, the peak's marked. */
    public ObservableValue<List<PhaseChoice>> phasesProperty() {
        return phases;
    }

    /** "1 × L40S 48GB: 27.1–33.0 GiB of 45.0 GiB (estimate 29.4 GiB) — fits, 12.0 GiB free at the high end". */
    public ObservableValue<String> captionProperty() {
        return caption;
    }

    /** A part's legend: its name and size on the shown option. */
    public ObservableValue<String> legendProperty(MemoryComponent component) {
        return legend.get(component);
    }

    /** The recommendation: option, ranges, changes, status; its gpu id names what {@link #applyAdvice()} uses. */
    public ObservableValue<Advice> adviceProperty() {
        return advice;
    }

    /** The advice for the user's own GPU when it is not the recommended one and the setup does not fit it. */
    public ObservableValue<Optional<Advice>> ownAdviceProperty() {
        return ownAdvice;
    }

    /** The recommendation's sentence. */
    public ObservableValue<String> recommendationProperty() {
        return recommendation;
    }

    /** Parameters, throughput, time and cost (with their ranges) of the shown option in one line. */
    public ObservableValue<String> summaryProperty() {
        return summary;
    }

    /** The largest micro-batch and sequence, the host memory and the price (who, when) of the user's setup. */
    public ObservableValue<String> detailsProperty() {
        return details;
    }

    /** The caveats of the user's setup, worded, each once. */
    public ObservableValue<List<String>> caveatsProperty() {
        return caveats;
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
    public List<MemoryTerm> terms() {
        return explained.getValue() == null ? List.of() : explained.getValue().memory(selectedComponent.get());
    }
}
