package org.finetuneplanner.ui.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.report.ComparisonData;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.content.Comparison;
import org.finetuneplanner.service.report.content.Text;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.planner.MemoryBarData;

/**
 * Pinned scenarios side by side: up to four pins, each an immutable snapshot of a scenario and its estimate taken
 * from the planner when pinned, so later changes in the planner leave it as it was. A pin keeps its slot (its letter
 * and colour) until it is unpinned; a new pin takes the first free slot. The table, what differs, the memory bars
 * on one scale and the cost curves are the comparison report's ({@link Comparison}), worded in the app's language.
 * Call on the FX thread.
 */
public final class CompareViewModel {
    /** The most scenarios compared at once: as many as the comparison report holds. */
    public static final int MAX_PINS = ComparisonData.MAX_SCENARIOS;

    /**
     * What a pin takes from the planner: the named scenario's estimate on its own hardware, how sure it is, and the
     * plan over the catalog (the advice the comparison shows).
     *
     * @param estimate the scenario (named) on its own hardware
     * @param ranges   its fit status and ranges
     * @param plan     the planner's plan of the scenario, when there is one
     */
    public record Snapshot(Estimate estimate, Ranges ranges, Optional<Plan> plan) {
        public Snapshot {
            Objects.requireNonNull(estimate, "estimate");
            Objects.requireNonNull(ranges, "ranges");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /**
     * A scenario and its results as they were when pinned.
     *
     * @param slot     its place (0 to 3): its letter and its colour
     * @param estimate the scenario (named) on its own hardware
     * @param ranges   its fit status and ranges
     * @param plan     the planner's plan of the scenario, when there was one
     */
    public record Pin(int slot, Estimate estimate, Ranges ranges, Optional<Plan> plan) {
        public Pin {
            Objects.requireNonNull(estimate, "estimate");
            Objects.requireNonNull(ranges, "ranges");
            Objects.requireNonNull(plan, "plan");
        }

        /** "A" for slot 0. */
        public String letter() {
            return String.valueOf(Comparison.LETTERS.charAt(slot));
        }

        public Scenario scenario() {
            return estimate.scenario();
        }
    }

    /**
     * One row of the table, worded.
     *
     * @param label  what it shows
     * @param values one per pin, in slot order
     * @param input  whether it is an input of the scenario (else a result)
     * @param tinted an input whose values differ between the pins (the report tints the same rows)
     */
    public record Row(String label, List<String> values, boolean input, boolean tinted) {
    }

    /**
     * One pin's cost over time.
     *
     * @param slot   the pin's slot (its colour)
     * @param letter the pin's letter, drawn at the line's end
     * @param label  "A: Llama 3.1 8B QLoRA"
     * @param points hours and cumulative US dollars
     */
    public record Curve(int slot, String letter, String label, List<CostPoint> points) {
    }

    /**
     * One pin's memory bar.
     *
     * @param slot the pin's slot
     * @param data the bar ({@code label}: "A · 1 × NVIDIA L40S 48GB", {@code value}: "21.4 / 44.4 GiB")
     */
    public record Bar(int slot, MemoryBarData data) {
    }

    private final Supplier<Optional<Snapshot>> current;
    private final BooleanSupplier stale;
    private final ObservableValue<Messages> messages;

    private final ObservableList<Pin> pins = FXCollections.observableArrayList();
    private final ObservableList<Pin> pinsView = FXCollections.unmodifiableObservableList(pins);
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private final ReadOnlyObjectWrapper<Phrase> said = new ReadOnlyObjectWrapper<>(this, "said");
    private final ObservableValue<Boolean> canPin;
    private final ObservableValue<Boolean> canExport;
    private final ObservableValue<List<Row>> rows;
    private final ObservableValue<List<String>> differences;
    private final ObservableValue<List<Bar>> bars;
    private final ObservableValue<Long> spanBytes;
    private final ObservableValue<List<Curve>> curves;
    private final ObservableValue<String> pinsTitle;

    /**
     * @param current  the planner's current scenario, named as the user named it, with its estimate on its own
     *                 hardware, its ranges and its plan; empty before the first valid inputs
     * @param stale    whether the planner's inputs have problems (then {@code current} is the last valid one)
     * @param messages the app's language
     */
    public CompareViewModel(Supplier<Optional<Snapshot>> current, BooleanSupplier stale,
                            ObservableValue<Messages> messages) {
        this.current = Objects.requireNonNull(current, "current");
        this.stale = Objects.requireNonNull(stale, "stale");
        this.messages = Objects.requireNonNull(messages, "messages");
        canPin = Bindings.createBooleanBinding(() -> pins.size() < MAX_PINS, pins);
        canExport = Bindings.createBooleanBinding(() -> pins.size() >= ComparisonData.MIN_SCENARIOS, pins);
        rows = Bindings.createObjectBinding(this::words, pins, messages);
        differences = Bindings.createObjectBinding(() -> pins.size() < 2 ? List.of()
                : Comparison.differences(entries(), language()).stream().map(Text::plain).toList(), pins, messages);
        spanBytes = Bindings.createObjectBinding(() -> pins.stream().mapToLong(p -> Math.max(
                p.estimate().memory().perGpu().totalBytes(), p.estimate().memory().capacityBytes())).max()
                .orElse(0), pins);
        bars = Bindings.createObjectBinding(this::barsNow, pins, messages);
        curves = Bindings.createObjectBinding(this::curvesNow, pins);
        pinsTitle = Bindings.createStringBinding(() -> messages.getValue().text("pins.pinned", pins.size(),
                MAX_PINS), pins, messages);
    }

    /**
     * Pins the planner's current scenario and its results, in the first free slot. Refused, with the reason said,
     * when four are pinned, when there is no valid scenario yet, or when the same scenario is pinned already.
     *
     * @return the new pin, or empty when refused
     */
    public Optional<Pin> pinCurrent() {
        Optional<Snapshot> now = current.get();
        if (now.isEmpty()) {
            said.set(Phrase.of("pins.noScenario"));
            return Optional.empty();
        }
        Estimate e = now.get().estimate();
        Optional<Pin> same = pins.stream().filter(p -> sameSetup(p.scenario(), e.scenario())).findFirst();
        if (same.isPresent()) {
            said.set(Phrase.of("pins.already", same.get().letter()));
            return Optional.empty();
        }
        if (pins.size() >= MAX_PINS) {
            said.set(Phrase.of("pins.full", MAX_PINS));
            return Optional.empty();
        }
        int slot = 0;
        while (slotTaken(slot)) {
            slot++;
        }
        Pin pin = new Pin(slot, named(e), now.get().ranges(), now.get().plan());
        List<Pin> all = new ArrayList<>(pins);
        all.add(pin);
        all.sort(Comparator.comparingInt(Pin::slot));
        pins.setAll(all);
        said.set(Phrase.of(stale.getAsBoolean() ? "pins.pinnedLastValid" : "pins.pinnedAs", pin.letter(),
                pin.scenario().name()));
        return Optional.of(pin);
    }

    /** Unpins the scenario of {@code slot}; its letter and colour become free. Nothing happens for a free slot. */
    public void unpin(int slot) {
        pins.stream().filter(p -> p.slot() == slot).findFirst().ifPresent(p -> {
            pins.remove(p);
            said.set(Phrase.of("pins.unpinned", p.letter()));
        });
    }

    /** Unpins every scenario. */
    public void unpinAll() {
        pins.clear();
        said.set(Phrase.of("pins.unpinnedAll"));
    }

    /** The pinned scenarios, in slot order: what File → Export comparison… writes. */
    public List<Scenario> scenarios() {
        return pins.stream().map(Pin::scenario).toList();
    }

    private boolean slotTaken(int slot) {
        return pins.stream().anyMatch(p -> p.slot() == slot);
    }

    /** The same inputs, whatever the names. */
    private static boolean sameSetup(Scenario a, Scenario b) {
        return a.withName("").equals(b.withName(""));
    }

    /** A scenario without a name is named after its model and method, so its column and its part say what it is. */
    private Estimate named(Estimate e) {
        Scenario s = e.scenario();
        if (!s.name().isBlank()) {
            return e;
        }
        String name = messages.getValue().text("pins.pinName", s.model().displayName(),
                messages.getValue().label(s.method().type()));
        return new Estimate(s.withName(name), e.parameters(), e.memory(), e.throughput(), e.hours(), e.cost(),
                e.notes());
    }

    private ReportLanguage language() {
        return ReportLanguage.fromId(messages.getValue().locale().getLanguage()).orElse(ReportLanguage.EN);
    }

    private List<Comparison.Entry> entries() {
        return pins.stream().map(p -> new Comparison.Entry(p.slot(), p.estimate(), p.ranges(), p.plan())).toList();
    }

    private List<Row> words() {
        if (pins.isEmpty()) {
            return List.of();
        }
        // The scenarios' names head the columns: no row repeats them.
        return Comparison.rows(entries(), language()).stream().filter(r -> r.aspect() != Comparison.Aspect.SCENARIO)
                .map(r -> new Row(r.label().plain(),
                r.values().stream().map(c -> c.text().plain()).toList(), r.aspect().input(), r.inputDiffers()))
                .toList();
    }

    private List<Bar> barsNow() {
        Formats f = Formats.of(messages.getValue());
        List<Bar> out = new ArrayList<>();
        for (Pin p : pins) {
            Estimate e = p.estimate();
            var hw = e.scenario().hardware();
            out.add(new Bar(p.slot(), new MemoryBarData(hw.gpu().id(), p.letter() + " · " + hw.gpuCount() + " × "
                    + hw.gpu().name(), e.memory().perGpu(), e.memory().capacityBytes(),
                    f.gibNumber(e.memory().perGpu().totalBytes()) + " / " + f.gib(e.memory().capacityBytes()))));
        }
        return out;
    }

    private List<Curve> curvesNow() {
        List<Curve> out = new ArrayList<>();
        for (Pin p : pins) {
            Estimate e = p.estimate();
            if (e.fits() && e.cost().isPresent()) {
                out.add(new Curve(p.slot(), p.letter(), p.letter() + ": " + p.scenario().name(),
                        e.cost().get().seriesInCurrency()));
            }
        }
        return out;
    }

    /** A part of a pin's bar, for its tooltip: "Weights: 5.4 GiB". */
    public String part(MemoryBarData bar, MemoryComponent component) {
        Messages m = messages.getValue();
        return m.label(component) + ": " + Formats.of(m).gib(bar.parts().bytes(component));
    }

    /** The pins, in slot order (read-only). */
    public ObservableList<Pin> pins() {
        return pinsView;
    }

    /** Whether the compare view is on screen (View → Compare; the shell swaps it with the planner). */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The last thing the comparison said (pinned, refused, unpinned), as data: worded when shown. */
    public ReadOnlyObjectProperty<Phrase> saidProperty() {
        return said.getReadOnlyProperty();
    }

    /** Whether another scenario can be pinned (fewer than four are). */
    public ObservableValue<Boolean> canPinProperty() {
        return canPin;
    }

    /** Whether there is a comparison to export: two pins at least. */
    public ObservableValue<Boolean> canExportProperty() {
        return canExport;
    }

    /** The table: every aspect of the comparison but the names (the columns' heads), worded; empty without pins. */
    public ObservableValue<List<Row>> rowsProperty() {
        return rows;
    }

    /** What differs, as sentences; empty below two pins. */
    public ObservableValue<List<String>> differencesProperty() {
        return differences;
    }

    /** One memory bar per pin, in slot order. */
    public ObservableValue<List<Bar>> barsProperty() {
        return bars;
    }

    /** The bytes the width of every bar stands for: the largest total or capacity of the pins (one scale). */
    public ObservableValue<Long> spanBytesProperty() {
        return spanBytes;
    }

    /** The cost curves of the pins that fit and have a cost. */
    public ObservableValue<List<Curve>> curvesProperty() {
        return curves;
    }

    /** "2 of 4 pinned". */
    public ObservableValue<String> pinsTitleProperty() {
        return pinsTitle;
    }
}
