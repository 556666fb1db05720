package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Align;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * Every GPU of the catalog with the planner's answer, in two tables: what each option is (status, count, sharding,
 * offload, memory, time and cost with their ranges, where the price comes from), then what it changes and what to
 * know (settings changed, host memory, the largest micro-batch and sequence that fit, caveats). Options that do not
 * fit come last, without time or cost, and say why and what would make them fit; the caveats follow in full with
 * their sources.
 */
final class OptionsSection {
    /** Fits, then tight, then no; cheapest first within each (priced before unpriced), then fastest. */
    static final Comparator<PlanOption> ORDER = PlanOption.BY_COST
            .thenComparingDouble(o -> o.hours().orElse(Double.MAX_VALUE));

    /** The catalog's key in front of a citation: "S2: ". */
    private static final Pattern CATALOG_KEY = Pattern.compile("^S\\d+:\\s*");

    private OptionsSection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.options")));
        out.add(Paragraph.intro(w.sellers("options.intro", data.plan().options().size())));
        String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
        List<PlanOption> sorted = new ArrayList<>(data.plan().options());
        sorted.sort(ORDER);
        out.add(Table.of(sorted)
                .column(Text.words(w.plain("options.gpu")), 1.75f, o -> Cell.name(o.gpu().name()))
                .column(Text.words(w.plain("options.status")), 0.75f, o -> w.status(o.status()))
                .figures(Text.words(w.plain("options.count")), 0.5f, o -> String.valueOf(o.gpuCount()))
                .column(Text.words(w.plain("options.sharding")), 1.05f,
                        o -> Cell.words(sharding(o.estimate().scenario().hardware(), w)))
                .column(Text.words(w.plain("options.offload")), 0.95f,
                        o -> Cell.words(offload(o.estimate().scenario().hardware(), w)))
                .column(Text.words(w.plain("options.memoryRange")), 1.25f, Align.RIGHT, o -> memory(o, w))
                .column(Text.words(w.plain("options.timeRange")), 0.95f, Align.RIGHT, o -> time(o, w))
                .column(Text.words(w.plain("options.costRange")), 1.2f, Align.RIGHT, o -> cost(o, w))
                .column(w.sellers("options.price"), 1.35f, o -> price(o, w))
                .highlight(o -> o.gpu().id().equals(recId))
                .density(Table.Density.COMPACT)
                .build().withFootnote(w.text("options.legend")));
        out.add(Heading.sub(w.text("options.adviceTitle")));
        out.add(Paragraph.intro(w.text("options.adviceIntro")));
        List<Marked> marked = marked(sorted);
        Map<String, Integer> sources = sources(marked);
        out.add(Table.of(sorted)
                .column(Text.words(w.plain("options.gpu")), 1.75f, o -> Cell.name(o.gpu().name()))
                .column(Text.words(w.plain("options.changes")), 2.3f, o -> Cell.words(changes(o, w)))
                .column(Text.words(w.plain("options.host")), 0.9f, Align.RIGHT, o -> Cell.figure(o.hostBytes() > 0
                        ? w.f().gib(o.hostBytes()) : "—"))
                .column(Text.words(w.plain("options.largest")), 1.1f, Align.RIGHT, o -> largest(o, w))
                .column(Text.words(w.plain("options.caveats")), 1.8f, o -> Cell.words(markers(o, w)))
                .highlight(o -> o.gpu().id().equals(recId))
                .density(Table.Density.COMPACT)
                .build().withFootnote(w.text("options.adviceLegend")));
        List<PlanOption> failing = sorted.stream().filter(o -> !o.fits()).toList();
        if (!failing.isEmpty()) {
            out.add(Heading.sub(w.text("options.whyNot")));
            out.add(new BulletList(failing.stream().map(o -> Text.name(o.gpu().name())
                    .then(": " + w.words().reasons(o.reasons()))).toList(), false));
        }
        // A faster or cheaper option whose figures assume another precision (a V100 for a BF16 job) says why it is
        // never named fastest or cheapest.
        List<PlanOption> otherPrecision = sorted.stream().filter(o -> o.fits() && !precision(o).isEmpty()).toList();
        if (!otherPrecision.isEmpty()) {
            out.add(Heading.sub(w.text("options.notRanked")));
            // The reason names the GPU itself.
            out.add(new BulletList(otherPrecision.stream().map(o -> Text.words(w.words().reasons(precision(o))))
                    .toList(), false));
        }
        List<Text> legend = legend(marked, sources, w);
        if (!legend.isEmpty()) {
            out.add(Heading.sub(w.text("options.caveatsTitle")));
            out.add(Paragraph.intro(w.text("options.caveatsIntro")));
            out.add(new BulletList(legend, false));
            out.add(Heading.sub(w.text("options.sourcesTitle")));
            // The catalog keys its citations ("S2: PyTorch BF16 …"); the list numbers them itself.
            out.add(new BulletList(sources.keySet().stream().map(s -> Text.citation(CATALOG_KEY.matcher(s)
                    .replaceFirst(""))).toList(), true));
        }
        List<PlanOption> unpriced = sorted.stream().filter(o -> o.fits() && o.cost().isEmpty()
                && o.hours().isPresent()).toList();
        if (!unpriced.isEmpty()) {
            out.add(Heading.sub(w.text("options.noPrice")));
            out.add(new BulletList(unpriced.stream().map(o -> Text.name(o.gpu().name()).then(": ")
                    .then(w.text("options.noPriceDefault", o.gpuCount(), w.sharding(o.estimate().scenario()
                            .hardware())))).toList(), false));
        }
        return out;
    }

    /** "36.9 / 45.0": GiB used of GiB usable per GPU. */
    static String memory(Estimate e, Wording w) {
        return w.f().gibNumber(e.memory().perGpu().totalBytes()) + " / " + w.f().gibNumber(e.memory().capacityBytes());
    }

    /** Why an option's figures assume another precision than the job's (and it is not ranked), if they do. */
    static List<PlanReason> precision(PlanOption o) {
        return o.reasons().stream().filter(r -> r instanceof PlanReason.PrecisionEmulated
                || r instanceof PlanReason.Fp8Fallback).toList();
    }

    /** "31.5 / 45.0" over "(23.3–35.0)": the estimate of the usable memory, its range below when the cell is narrow. */
    private static Cell memory(PlanOption o, Wording w) {
        String range = SummarySection.wide(o.ranges().memoryBytes())
                ? "(" + w.f().gibRangeNumber(o.ranges().memoryBytes()) + ")" : "";
        return stacked(memory(o.estimate(), w), range);
    }

    /** "3.4 h" over "(2.4–5.0 h)": the hours and their range; a dash for an option without hours. */
    private static Cell time(PlanOption o, Wording w) {
        if (o.hours().isEmpty()) {
            return Cell.figure("—");
        }
        // "4.6 days (111 h)": the hours under the days, so the column stays narrow.
        String hours = w.f().hours(o.hours().getAsDouble()).replace(" (", "\n(");
        return stacked(hours, o.ranges().hours().filter(SummarySection::wide)
                .map(r -> "(" + w.f().hoursRange(r) + ")").orElse(""));
    }

    private static Cell cost(PlanOption o, Wording w) {
        if (o.cost().isEmpty()) {
            return Cell.figure(o.fits() && o.hours().isPresent() ? w.plain("options.unpricedShort") : "—");
        }
        // The range as numbers: the figure above it carries the currency, and the column stays narrow.
        String range = o.ranges().usd().filter(SummarySection::wide).map(r -> "(" + w.f().usdRangeNumber(r) + ")")
                .orElse("");
        return stacked(w.f().usd(o.cost().get().usd()), range);
    }

    /** A figure over its range, each on a line of its own and never broken. */
    private static Cell stacked(String figure, String range) {
        return Cell.figure(range.isEmpty() ? figure : figure + "\n" + range);
    }

    /** The provider and date of an option's price; a dash for an option without one. */
    private static Cell price(PlanOption o, Wording w) {
        if (!o.fits()) {
            return Cell.words("—");
        }
        return Cell.of(w.priceText(o.estimate()));
    }

    /** The sharding alone (the offload has its column): "—" for one GPU without sharding. */
    private static String sharding(HardwareSpec hw, Wording w) {
        if (hw.sharding() != Sharding.NONE) {
            return w.label(hw.sharding());
        }
        return hw.gpuCount() == 1 ? "—" : w.plain("common.ddpShort");
    }

    /** What is offloaded to the CPU, "—" for nothing: words, broken at spaces in a narrow column. */
    private static String offload(HardwareSpec hw, Wording w) {
        return hw.offload() == Offload.NONE ? "—" : w.plain("options.offload." + hw.offload().name());
    }

    /** The settings the planner changed, "as given" when none, a dash for an option that does not fit. */
    private static String changes(PlanOption o, Wording w) {
        if (!o.fits()) {
            return "—";
        }
        String changed = o.adjustments().isEmpty() ? w.plain("options.asGiven") : w.adjustments(o.adjustments());
        return o.reasons(PlanReason.InexactSplit.class).stream().findFirst().map(r -> changed + "; "
                + w.plain("options.inexact", w.f().integer(r.got()), w.f().integer(r.wanted()))).orElse(changed);
    }

    /**
     * "3 / 3,618": the largest micro-batch (at the sequence length) and sequence (at the micro-batch) that fit; a dash
     * for an option that does not fit or whose largest were not searched (an option assembled by hand).
     */
    private static Cell largest(PlanOption o, Wording w) {
        return Cell.figure(o.fits() && o.largestMicroBatch() > 0 ? w.f().integer(o.largestMicroBatch()) + " / "
                + w.f().integer(o.largestSequenceLength()) : "—");
    }

    /** The caveats' short markers: "no NVLink, rented in 8s"; the legend after the table explains each. */
    private static String markers(PlanOption o, Wording w) {
        if (o.caveats().isEmpty()) {
            return "—";
        }
        StringJoiner all = new StringJoiner(", ");
        o.caveats().forEach(c -> all.add(marker(c.id(), markerArg(c), w)));
        return all.toString();
    }

    /**
     * One marker of the caveats column with the GPUs that carry it.
     *
     * @param id      the caveat
     * @param arg     what its marker puts in (a rental unit, devices per card), or ""
     * @param gpus    the GPUs' names, in the table's order
     * @param sources the catalog's citations for it
     */
    private record Marked(CaveatId id, Object arg, List<String> gpus, List<String> sources) {
    }

    /** The markers of the options' caveats, each once, in caveat order: what the legend explains. */
    private static List<Marked> marked(List<PlanOption> options) {
        Map<List<Object>, Marked> byMarker = new LinkedHashMap<>();
        for (PlanOption o : options) {
            for (Caveat c : o.caveats()) {
                Marked m = byMarker.computeIfAbsent(List.of(c.id(), markerArg(c)), k -> new Marked(c.id(),
                        markerArg(c), new ArrayList<>(), new ArrayList<>()));
                m.gpus().add(o.gpu().name());
                c.sources().stream().filter(s -> !m.sources().contains(s)).forEach(m.sources()::add);
            }
        }
        return byMarker.values().stream().sorted(Comparator.comparing(Marked::id)).toList();
    }

    /** Every source the markers cite, once, numbered in the legend's order (1, 2, …). */
    private static Map<String, Integer> sources(List<Marked> marked) {
        Map<String, Integer> out = new LinkedHashMap<>();
        marked.forEach(m -> m.sources().forEach(s -> out.putIfAbsent(s, out.size() + 1)));
        return out;
    }

    /** What a marker puts in: the count of a rental unit or of devices per card, else nothing. */
    private static Object markerArg(Caveat c) {
        return (c.id() == CaveatId.RENTAL_UNIT || c.id() == CaveatId.MULTI_DEVICE_CARD) && !c.args().isEmpty()
                ? c.args().get(0) : "";
    }

    private static String marker(CaveatId id, Object arg, Wording w) {
        return w.plain("caveat.short." + id.name(), arg instanceof Number n ? w.f().integer(n.doubleValue()) : arg);
    }

    /** "no NVLink — NVIDIA L40 48GB, NVIDIA L4 24GB: the GPUs talk over PCIe, … [3]": each marker explained once. */
    private static List<Text> legend(List<Marked> marked, Map<String, Integer> sources, Wording w) {
        List<Text> out = new ArrayList<>();
        for (Marked m : marked) {
            Text item = Text.words(marker(m.id(), m.arg(), w) + " — ");
            for (int i = 0; i < m.gpus().size(); i++) {
                item = item.then(i == 0 ? "" : ", ").then(Text.name(m.gpus().get(i)));
            }
            item = item.then(": ").then(w.text("caveat.legend." + m.id().name()));
            if (!m.sources().isEmpty()) {
                StringJoiner refs = new StringJoiner(", ", " [", "]");
                m.sources().forEach(s -> refs.add(String.valueOf(sources.get(s))));
                item = item.then(refs.toString());
            }
            out.add(item);
        }
        return out;
    }
}
