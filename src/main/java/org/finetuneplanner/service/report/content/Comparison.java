package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFormats;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * Two to four scenarios side by side, in one language: their key inputs and results as rows, with each result's
 * fit status and range, the planner's advice for each (what it would change on the scenario's GPU model, and what
 * it recommends), and what differs between them. The comparison report and the app's compare view show the same
 * rows and the same sentences. Each scenario is compared on its own hardware, as its file gives it. Pure;
 * thread-safe (a new {@link Wording} per call).
 */
public final class Comparison {
    /** The letters of the slots, in order: slot 0 is A. */
    public static final String LETTERS = "ABCD";
    /** A scenario's name in a table cell is shown up to this many characters. */
    static final int NAME_IN_TABLE = 80;
    /** Below this many GiB a difference of memory is no difference (the figures are shown to 0.1 GiB). */
    private static final double SAME_GIB = 0.05;
    /** Below this share a difference of time or cost is no difference (the percentages are whole). */
    private static final double SAME_SHARE = 0.005;

    private Comparison() {
    }

    /**
     * One compared scenario.
     *
     * @param slot     its place, 0 to 3: its letter and its colour, kept while it is compared
     * @param estimate the scenario on its own hardware (its scenario is the one compared)
     * @param ranges   how sure that estimate is: its fit status and the ranges of its memory, hours and cost
     * @param plan     the planner's plan of the scenario over the GPUs compared, when it was planned: its advice on
     *                 the scenario's own GPU model and its recommendation
     */
    public record Entry(int slot, Estimate estimate, Ranges ranges, Optional<Plan> plan) {
        public Entry {
            Objects.requireNonNull(estimate, "estimate");
            Objects.requireNonNull(ranges, "ranges");
            Objects.requireNonNull(plan, "plan");
            if (slot < 0 || slot >= LETTERS.length()) {
                throw new IllegalArgumentException("slot " + slot + " is not 0 to " + (LETTERS.length() - 1));
            }
        }

        /** An estimate without measured ranges (zero wide: {@code fits} or {@code no}) and without a plan. */
        public Entry(int slot, Estimate estimate) {
            this(slot, estimate, Confidence.none().of(estimate), Optional.empty());
        }

        /** The planner's option on the scenario's own GPU model: what it would change there, or why it cannot. */
        public Optional<PlanOption> ownGpu() {
            return plan.flatMap(p -> p.option(estimate.scenario().hardware().gpu().id()));
        }

        /** The option the planner recommends over every GPU compared (as the report recommends it). */
        public Optional<PlanOption> recommended() {
            return plan.flatMap(ReportData::recommend);
        }

        /** "A" for slot 0. */
        public String letter() {
            return String.valueOf(LETTERS.charAt(slot));
        }

        Scenario scenario() {
            return estimate.scenario();
        }
    }

    /** What a row shows: the inputs first, then the results. */
    public enum Aspect {
        SCENARIO(true), MODEL(true), METHOD(true), PRECISION(true), BATCH(true), SEQUENCE(true), TOKENS(true),
        GPUS(true), SHARDING(true), MEMORY(false), STATUS(false), SPEED(false), TIME(false), COST(false),
        PRICE(false), PROVIDER(false), ADVICE(false), RECOMMENDED(false);

        private final boolean input;

        Aspect(boolean input) {
            this.input = input;
        }

        /** Whether the row is an input of the scenario (else a result of the estimate). */
        public boolean input() {
            return input;
        }
    }

    /**
     * One row of the comparison.
     *
     * @param aspect  what it shows
     * @param label   its name in the language
     * @param values  one cell per compared scenario, in order
     * @param differs whether the scenarios' values are not all the same
     */
    public record Row(Aspect aspect, Text label, List<Cell> values, boolean differs) {
        public Row {
            Objects.requireNonNull(aspect, "aspect");
            Objects.requireNonNull(label, "label");
            values = List.copyOf(values);
        }

        /** Whether it is an input that differs: tinted in the table, named in what differs (names aside). */
        public boolean inputDiffers() {
            return differs && aspect.input() && aspect != Aspect.SCENARIO;
        }
    }

    /**
     * The rows of {@code entries} in {@code language}: every {@link Aspect}, in order; amounts in the currency their
     * costs were quoted in ({@link #money}).
     */
    public static List<Row> rows(List<Entry> entries, ReportLanguage language) {
        return rows(entries, new Wording(language, money(entries)));
    }

    /** The currency of the entries' costs: the first priced entry's, else the US dollar. */
    static Exchange money(List<Entry> entries) {
        return entries.stream().flatMap(e -> e.estimate().cost().stream()).map(CostEstimate::exchange).findFirst()
                .orElse(Exchange.USD);
    }

    /**
     * What differs, as sentences in {@code language}: which inputs differ (and how), each scenario's effect on
     * memory, time and cost against the first, then the cheapest and the fastest of those that fit.
     */
    public static List<Text> differences(List<Entry> entries, ReportLanguage language) {
        return differences(entries, new Wording(language, money(entries)));
    }

    static List<Row> rows(List<Entry> entries, Wording w) {
        List<Row> out = new ArrayList<>();
        for (Aspect a : Aspect.values()) {
            List<Cell> values = entries.stream().map(e -> cell(a, e, w)).toList();
            boolean differs = values.stream().map(c -> c.text().plain()).distinct().count() > 1;
            out.add(new Row(a, Text.words(w.plain("compare.row." + a.name().toLowerCase(Locale.ROOT))),
                    values, differs));
        }
        return out;
    }

    private static Cell cell(Aspect a, Entry entry, Wording w) {
        Estimate e = entry.estimate();
        Ranges ranges = entry.ranges();
        Scenario s = e.scenario();
        TrainingSpec t = s.training();
        HardwareSpec hw = s.hardware();
        ReportFormats f = w.f();
        boolean fits = e.fits();
        return switch (a) {
            case SCENARIO -> Cell.of(Text.name(SafeText.shorten(s.name(), NAME_IN_TABLE)));
            case MODEL -> Cell.name(s.model().displayName());
            case METHOD -> Cell.words(method(s.method(), w));
            case PRECISION -> Cell.words(w.plain(t.masterWeights() ? "compare.precisionMaster"
                    : "compare.precisionPure", w.label(t.precision())));
            case BATCH -> Cell.figure(f.integer(t.microBatchSize()) + " × " + f.integer(t.gradientAccumulationSteps()));
            case SEQUENCE -> Cell.figure(w.plain("scenario.sequenceValue", f.integer(t.sequenceLength())));
            case TOKENS -> s.data().totalTokens().isPresent()
                    ? Cell.figure(w.plain("compare.tokensValue", f.integer(s.data().totalTokens().getAsDouble())))
                    : Cell.words(w.plain("compare.noTokens"));
            case GPUS -> Cell.of(w.configuration(hw.gpuCount(), hw.gpu().name()));
            case SHARDING -> Cell.words(w.sharding(hw));
            case MEMORY -> Cell.words(memory(e, ranges, w));
            case STATUS -> w.status(ranges.status());
            case SPEED -> Cell.figure(fits ? w.plain("compare.speedValue",
                    f.integer(e.throughput().tokensPerSecond())) : "—");
            case TIME -> Cell.words(fits ? SummarySection.hoursWithRange(e, ranges, w) : "—");
            case COST -> Cell.words(fits ? cost(e, ranges, w) : "—");
            case PRICE -> Cell.figure(priced(e).map(c -> f.usdPerGpuHour(c.usdPerGpuHour())).orElse("—"));
            case PROVIDER -> priced(e).isPresent() ? Cell.of(w.priceText(e)) : Cell.words("—");
            case ADVICE -> entry.ownGpu().map(o -> Cell.of(advice(o, hw, w))).orElse(Cell.words("—"));
            case RECOMMENDED -> entry.plan().isEmpty() ? Cell.words("—")
                    : Cell.of(entry.recommended().map(o -> recommended(o, w))
                            .orElse(Text.words(w.plain("compare.recommendedNone", Limits.PLANNER_MAX_GPUS))));
        };
    }

    /** "$14.89 (range $11.20–$20.41)", the cost alone without a range, a dash without a cost. */
    private static String cost(Estimate e, Ranges ranges, Wording w) {
        if (e.cost().isEmpty()) {
            return w.costOnly(e);
        }
        String usd = w.f().usd(e.cost().get().usd());
        return ranges.usd().filter(SummarySection::wide)
                .map(r -> w.plain("common.withRange", usd, w.f().usdRange(r))).orElse(usd);
    }

    /**
     * What the planner does on the scenario's GPU model: "runs as given"; "changes: 1 × NVIDIA L40S 48GB, one GPU,
     * no sharding; micro-batch 8 → 1, accumulation 4 → 32"; or that it does not fit there within the limit.
     */
    private static Text advice(PlanOption o, HardwareSpec own, Wording w) {
        if (!o.fits()) {
            return Text.words(w.plain("compare.adviceNo", Limits.PLANNER_MAX_GPUS));
        }
        HardwareSpec hw = o.estimate().scenario().hardware();
        boolean sameHardware = hw.gpuCount() == own.gpuCount() && hw.sharding() == own.sharding()
                && hw.offload() == own.offload();
        Text tight = o.status() == FitStatus.TIGHT ? Text.words(w.plain("compare.adviceTight")) : Text.EMPTY;
        if (sameHardware && o.adjustments().isEmpty()) {
            return Text.words(w.plain("compare.adviceAsGiven")).then(tight);
        }
        Text setup = w.configuration(o).then(", " + w.sharding(hw));
        Text changes = o.adjustments().isEmpty() ? w.text("compare.adviceHardware", setup)
                : w.text("compare.adviceChanges", setup, w.adjustments(o.adjustments()));
        return changes.then(tight);
    }

    /** "1 × NVIDIA GeForce RTX 4090 24GB · $2.23", tight marked; the cost left out when unknown. */
    private static Text recommended(PlanOption o, Wording w) {
        Text out = w.configuration(o);
        if (o.cost().isPresent()) {
            out = out.then(" · " + w.f().usd(o.cost().get().usd()));
        }
        return o.status() == FitStatus.TIGHT ? out.then(w.plain("compare.adviceTight")) : out;
    }

    /**
     * "36.9 GiB of 45.0 GiB (82%), range 33.0–40.1 GiB", or by how much it is over: "293.5 GiB of 24.0 GiB
     * (269.5 GiB over)".
     */
    private static String memory(Estimate e, Ranges ranges, Wording w) {
        long total = e.memory().perGpu().totalBytes();
        long capacity = e.memory().capacityBytes();
        if (total > capacity) {
            return w.plain("compare.memoryOver", w.f().gib(total), w.f().gib(capacity), w.f().gib(total - capacity));
        }
        String value = w.plain("compare.memoryValue", w.f().gib(total), w.f().gib(capacity),
                w.f().percent((double) total / capacity));
        return SummarySection.wide(ranges.memoryBytes())
                ? w.plain("compare.memoryRange", value, w.f().gibRange(ranges.memoryBytes())) : value;
    }

    /** The cost of a job that fits: one that does not fit quotes no price, as in the options table. */
    private static Optional<CostEstimate> priced(Estimate e) {
        return e.fits() ? e.cost() : Optional.empty();
    }

    private static String method(MethodSpec m, Wording w) {
        return m.usesAdapters() ? w.plain("compare.methodValue", w.label(m.type()), m.rank(),
                w.label(m.baseWeights())) : w.label(m.type());
    }

    static List<Text> differences(List<Entry> entries, Wording w) {
        List<Text> out = new ArrayList<>();
        boolean any = false;
        List<Row> rows = rows(entries, w);
        for (Row r : rows) {
            if (r.inputDiffers()) {
                any = true;
                out.add(r.label().then(" — ").then(grouped(r, entries)));
            }
        }
        if (!any) {
            out.add(w.text("compare.sameInputs"));
        }
        Entry first = entries.get(0);
        for (Entry other : entries.subList(1, entries.size())) {
            out.add(effect(other, first, w));
        }
        // The advice differs when the planner would do other things with the scenarios (A needs changes, B not).
        for (Row r : rows) {
            if (r.differs() && (r.aspect() == Aspect.ADVICE || r.aspect() == Aspect.RECOMMENDED
                    || r.aspect() == Aspect.STATUS)) {
                out.add(r.label().then(" — ").then(grouped(r, entries)));
            }
        }
        best(entries, w).ifPresent(out::add);
        return out;
    }

    /** Each value once, after the letters of the scenarios that have it: "A, B: Llama 3.1 8B; C: Llama 3.1 70B". */
    private static Text grouped(Row r, List<Entry> entries) {
        Map<String, List<Integer>> byValue = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            byValue.computeIfAbsent(r.values().get(i).text().plain(), v -> new ArrayList<>()).add(i);
        }
        Text out = Text.EMPTY;
        for (List<Integer> same : byValue.values()) {
            String letters = same.stream().map(i -> entries.get(i).letter()).collect(Collectors.joining(", "));
            out = out.then(out.isEmpty() ? "" : "; ").then(letters + ": ").then(r.values().get(same.get(0)).text());
        }
        return out;
    }

    /** "B against A: needs 10.3 GiB more per GPU; takes 1.2 h longer (+8%); costs $2.10 more (+14%)." */
    private static Text effect(Entry x, Entry base, Wording w) {
        Estimate e = x.estimate();
        Estimate b = base.estimate();
        ReportFormats f = w.f();
        List<String> parts = new ArrayList<>();
        long memory = e.memory().perGpu().totalBytes() - b.memory().perGpu().totalBytes();
        String gib = f.gib(Math.abs(memory));
        parts.add(Math.abs(memory) < SAME_GIB * ReportFormats.GIB ? w.plain("compare.memorySame")
                : w.plain(memory > 0 ? "compare.memoryMore" : "compare.memoryLess", gib));
        if (!e.fits()) {
            parts.add(w.plain("compare.effectNoFit", f.gib(e.memory().perGpu().totalBytes()),
                    f.gib(e.memory().capacityBytes())));
        } else if (!b.fits()) {
            parts.add(w.plain("compare.fitsWhereBaseDoesNot", base.letter()));
        } else {
            if (e.hours().isPresent() && b.hours().isPresent()) {
                parts.add(change(e.hours().getAsDouble(), b.hours().getAsDouble(), "compare.time", f::hours, w));
            }
            if (e.cost().isPresent() && b.cost().isPresent()) {
                parts.add(change(e.cost().get().usd(), b.cost().get().usd(), "compare.cost", f::usd, w));
            }
        }
        return w.text("compare.effect", x.letter(), base.letter(), String.join("; ", parts));
    }

    /** "takes 1.2 h longer (+8%)", "costs $2.10 less (−14%)", "the same cost". */
    private static String change(double value, double base, String key, Function<Double, String> format,
                                 Wording w) {
        double share = base > 0 ? value / base - 1 : 0;
        if (Math.abs(share) < SAME_SHARE) {
            return w.plain(key + "Same");
        }
        String percent = (share > 0 ? "+" : "−") + w.f().percent(Math.abs(share));
        return w.plain(key + (share > 0 ? "More" : "Less"), format.apply(Math.abs(value - base)), percent);
    }

    /**
     * "Cheapest: A ($14.89). Fastest: B (6.3 h).", among the scenarios that fit with margin (the tight ones only when
     * none does), or that none fits.
     */
    private static Optional<Text> best(List<Entry> entries, Wording w) {
        List<Entry> fit = entries.stream().filter(e -> e.ranges().status() == FitStatus.FITS).toList();
        if (fit.isEmpty()) {
            fit = entries.stream().filter(e -> e.ranges().status() == FitStatus.TIGHT).toList();
        }
        if (fit.isEmpty()) {
            return Optional.of(w.text("compare.noneFits"));
        }
        Optional<Entry> cheapest = fit.stream().filter(e -> e.estimate().cost().isPresent())
                .min(Comparator.comparingDouble(e -> e.estimate().cost().get().usd()));
        Optional<Entry> fastest = fit.stream().filter(e -> e.estimate().hours().isPresent())
                .min(Comparator.comparingDouble(e -> e.estimate().hours().getAsDouble()));
        if (cheapest.isEmpty() && fastest.isEmpty()) {
            return Optional.empty();
        }
        List<String> said = new ArrayList<>();
        cheapest.ifPresent(c -> said.add(w.plain("compare.cheapest", c.letter(), w.costOnly(c.estimate()))));
        fastest.ifPresent(c -> said.add(w.plain("compare.fastest", c.letter(), w.f().hours(c.estimate().hours()))));
        return Optional.of(Text.words(String.join(" ", said)));
    }
}
