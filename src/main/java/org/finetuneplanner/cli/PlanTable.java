package org.finetuneplanner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.cost.Rental;
import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.text.LocaleFormat;
import org.finetuneplanner.service.text.Words;

/**
 * {@code plan}'s human output in the reader's language: one row per GPU (options that fit first, {@code no} last,
 * each group in the order asked), the legend, the cheapest and fastest, then the reasons and caveats per GPU. Every
 * word comes from the text layer ({@code cli}, {@code core} bundles), every number from {@link LocaleFormat}.
 */
final class PlanTable {

    private static final double GIB = LocaleFormat.GIB;

    private final Words words;
    private final LocaleFormat format;
    private final CostProjector prices;
    /** The currency of the amounts: a price list's, else the US dollar. */
    private final Exchange money;

    PlanTable(Words words, CostProjector prices) {
        this.words = words;
        this.format = words.format();
        this.prices = prices;
        this.money = prices.exchange();
    }

    void print(Plan plan, PrintWriter out) {
        out.println(words.text("plan.title", SafeText.escape(plan.name())));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {t("gpu"), t("count"), t("sharding"), t("offload"), t("host"), t("status"),
            t("memory"), t("speed"), t("time"), words.text("plan.column.price", money.currency()),
            t("total"), t("largest"), t("provider"), t("changes")});
        List<PlanOption> sorted = new ArrayList<>(plan.options());
        sorted.sort((a, b) -> a.status().compareTo(b.status()));
        for (PlanOption o : sorted) {
            rows.add(row(o));
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            out.println(line(rows.get(r), widths));
            if (r == 0) {
                out.println("-".repeat(line(rows.get(0), widths).length()));
            }
        }
        out.println(words.text("plan.legend.status"));
        out.println(words.text("plan.legend.host"));
        out.println(words.text("plan.legend.largest"));
        plan.options().stream().findFirst().ifPresent(o -> out.println(words.text("plan.legend.changes",
                format.count(stepOf(o)))));
        out.println();
        out.println(words.text("plan.cheapest", plan.cheapest().map(id -> describe(plan, id))
                .orElse(words.text("plan.none"))));
        out.println(words.text("plan.fastest", plan.fastest().map(id -> describe(plan, id))
                .orElse(words.text("plan.none"))));
        if (plan.onlyTight()) {
            out.println(words.text("plan.onlyTight"));
        }
        notes(plan, out);
    }

    /** The scenario's sequences per step: what every option keeps (or says it cannot). */
    private static int stepOf(PlanOption o) {
        int step = o.sequencesPerStep();
        return o.reasons(PlanReason.InexactSplit.class).stream().findFirst().map(PlanReason.InexactSplit::wanted)
                .orElse(step);
    }

    private String[] row(PlanOption o) {
        Estimate e = o.estimate();
        HardwareSpec hw = e.scenario().hardware();
        Range memory = o.ranges().memoryBytes();
        String mem = format.gibNumber(e.memory().perGpu().totalBytes()) + " ("
                + format.decimal(memory.low() / GIB, 1) + "–" + format.decimal(memory.high() / GIB, 1) + ") / "
                + format.gibNumber(e.memory().capacityBytes());
        String host = o.hostBytes() > 0 ? format.gibNumber(o.hostBytes()) : "–";
        String speed = o.tokensPerSecond().isPresent() ? format.integer(o.tokensPerSecond().getAsDouble()) : "–";
        String time = o.hours().isPresent() ? format.duration(o.hours().getAsDouble()) : "–";
        Optional<CostEstimate> cost = o.cost();
        Optional<Rental> rental = o.fits() ? prices.rental(e.scenario()) : Optional.empty();
        String price = cost.map(c -> money(c.usdPerGpuHour())).orElse(rental.map(r -> money(
                r.usdPerGpuHour() * (1 - prices.assumptions().discount()))).orElse("–"));
        String total = cost.map(c -> money(c.usd()) + o.ranges().usd().map(r -> " (" + money(r.low())
                + "–" + money(r.high()) + ")").orElse("")).orElse("–");
        String largest = o.fits() ? format.count(o.largestMicroBatch()) + " / "
                + format.count(o.largestSequenceLength()) : "–";
        String provider = cost.map(c -> origin(c.origin(), c.provider(), c.priceSeen()))
                .orElse(rental.map(r -> origin(r.origin(), r.provider(), r.seen()))
                        .orElse(o.fits() ? words.text("plan.noPrice") : "–"));
        StringJoiner changes = new StringJoiner(", ");
        o.adjustments().stream().map(words::adjustment).forEach(changes::add);
        return new String[] {SafeText.escape(o.gpu().id()), format.count(hw.gpuCount()), hw.sharding().id(),
            hw.offload() == Offload.NONE ? "–" : hw.offload().id(), host, words.label(o.status()), mem, speed, time,
            price, total, largest, SafeText.escape(provider), changes.length() == 0 ? "–" : changes.toString()};
    }

    private String origin(PriceOrigin origin, String provider, String seen) {
        if (origin == PriceOrigin.SCENARIO) {
            return words.text("plan.scenarioPrice");
        }
        return seen.isEmpty() ? provider : provider + " (" + seen + ")";
    }

    private String describe(Plan plan, String id) {
        PlanOption o = plan.option(id).orElseThrow();
        Estimate e = o.estimate();
        HardwareSpec hw = e.scenario().hardware();
        StringBuilder b = new StringBuilder(hw.gpuCount() > 1
                ? words.text("plan.describe.sharded", format.count(hw.gpuCount()), SafeText.escape(o.gpu().name()),
                        words.label(hw.sharding()))
                : words.text("plan.describe", format.count(hw.gpuCount()), SafeText.escape(o.gpu().name())));
        o.hours().ifPresent(h -> b.append(words.text("plan.describe.hours", format.duration(h))));
        o.cost().ifPresent(c -> {
            String from = origin(c.origin(), SafeText.escape(c.provider()), c.priceSeen());
            if (c.discount() > 0) {
                from = words.text("plan.describe.discount", from, format.percent(c.discount()));
            }
            b.append(c.energyKwh() > 0 ? words.text("plan.describe.cost", money(c.usd()),
                    format.pricePerGpuHour(c.usdPerGpuHour(), money), from, format.integer(c.energyKwh()),
                    money(c.energyUsd())) : words.text("plan.describe.costOnly", money(c.usd()),
                    format.pricePerGpuHour(c.usdPerGpuHour(), money), from));
        });
        return b.toString();
    }

    /** Per GPU, the reasons (for options that need explaining) and the caveats. */
    private void notes(Plan plan, PrintWriter out) {
        List<String> reasons = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        for (PlanOption o : plan.options()) {
            boolean explain = o.status() != FitStatus.FITS || o.reasons().size() > 1 || o.gpuCount() > 1;
            if (explain) {
                reasons.add("  " + SafeText.escape(o.gpu().id() + ": " + words.reasons(o.reasons())));
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Caveat c : o.caveats()) {
                seen.add(words.caveat(c));
            }
            seen.forEach(text -> caveats.add("  " + SafeText.escape(o.gpu().id() + ": " + text)));
        }
        if (!reasons.isEmpty()) {
            out.println(words.text("plan.notes"));
            reasons.forEach(out::println);
        }
        if (!caveats.isEmpty()) {
            out.println(words.text("plan.caveats"));
            caveats.forEach(out::println);
        }
    }

    /** An amount the core holds in US dollars, in the currency of the prices. */
    private String money(double usd) {
        return format.money(usd, money);
    }

    private String t(String column) {
        return words.text("plan.column." + column);
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append("  ");
            }
            boolean number = i == 1 || i == 4 || i == 7;
            String cell = cells[i];
            String pad = " ".repeat(widths[i] - cell.length());
            b.append(number ? pad + cell : cell + (i == cells.length - 1 ? "" : pad));
        }
        return b.toString();
    }
}
