package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.Bytes;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.range.ErrorBand;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.report.ReportFormats;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.text.Words;

/**
 * The report's words in one language, as {@link Text}: the text layer's patterns with names and citations put in as
 * their own spans, and the phrases several sections share (a configuration, its sharding, its cost). Not
 * thread-safe: one per report.
 */
final class Wording {
    /** A name in running text is shown up to this many characters; the cover and the header fit it themselves. */
    static final int NAME_IN_TEXT = 160;

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    private final ReportLanguage language;
    private final Words words;
    private final ReportFormats f;
    private final Optional<PriceList> prices;

    /** Words of a report at the catalog's prices, amounts in US dollars. */
    Wording(ReportLanguage language) {
        this(language, Optional.empty());
    }

    /** Words of a report quoting {@code prices} (its amounts in their currency), or at the catalog's prices. */
    Wording(ReportLanguage language, Optional<PriceList> prices) {
        this(language, prices, prices.map(PriceList::exchange).orElse(Exchange.USD));
    }

    /** Words of amounts in {@code money}'s currency, naming no price list (the app's comparison of its pins). */
    Wording(ReportLanguage language, Exchange money) {
        this(language, Optional.empty(), money);
    }

    private Wording(ReportLanguage language, Optional<PriceList> prices, Exchange money) {
        this.language = language;
        this.words = Words.forLocale(language.locale());
        this.prices = prices;
        this.f = new ReportFormats(language, money);
    }

    /** The price list the report quotes, if any. */
    Optional<PriceList> prices() {
        return prices;
    }

    ReportFormats f() {
        return f;
    }

    Words words() {
        return words;
    }

    /**
     * The text of {@code key}, or with a price list of {@code key.seller} with the seller's name put in after
     * {@code args} (the same sentence naming the seller instead of the catalog's providers).
     */
    Text sellers(String key, Object... args) {
        if (prices.isEmpty()) {
            return text(key, args);
        }
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = Text.name(prices.get().seller().name());
        return text(key + ".seller", all);
    }

    /** The plain text of {@code key} with {@code args} put in. */
    String plain(String key, Object... args) {
        return words.text(key, args);
    }

    /**
     * The text of {@code key} with {@code args} put in; an argument that is a {@link Text} keeps its spans (a GPU's
     * name stays a name inside the sentence), other arguments are formatted as MessageFormat does.
     */
    Text text(String key, Object... args) {
        boolean spans = false;
        Object[] marked = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Text) {
                marked[i] = OPEN + Integer.toString(i) + CLOSE;
                spans = true;
            }
        }
        if (!spans) {
            return Text.words(words.text(key, args));
        }
        String formatted = words.text(key, marked);
        List<Span> out = new ArrayList<>();
        int from = 0;
        for (int at = formatted.indexOf(OPEN); at >= 0; at = formatted.indexOf(OPEN, from)) {
            int end = formatted.indexOf(CLOSE, at);
            out.add(new Span(formatted.substring(from, at), Span.Kind.WORDS));
            out.addAll(((Text) args[Integer.parseInt(formatted.substring(at + 1, end))]).spans());
            from = end + 1;
        }
        out.add(new Span(formatted.substring(from), Span.Kind.WORDS));
        return new Text(out);
    }

    /** An enum constant's name in this language. */
    String label(Enum<?> value) {
        return words.label(value);
    }

    /**
     * A name given by the user, as a name span, shortened with an ellipsis past {@link #NAME_IN_TEXT} characters:
     * running text shows it, the file keeps it whole.
     */
    static Text userName(String name) {
        return Text.name(SafeText.shorten(name, NAME_IN_TEXT));
    }

    /** "2 × NVIDIA H100 SXM5 80GB": the count and the GPU's name. */
    Text configuration(int count, String gpuName) {
        return Text.words(count + " × ").then(Text.name(gpuName));
    }

    Text configuration(PlanOption o) {
        return configuration(o.gpuCount(), o.gpu().name());
    }

    Text configuration(Estimate e) {
        HardwareSpec hw = e.scenario().hardware();
        return configuration(hw.gpuCount(), hw.gpu().name());
    }

    /** How the job is spread over the GPUs: "FSDP full sharding + offload: CPU", "one GPU, no sharding". */
    String sharding(HardwareSpec hw) {
        String s = hw.sharding() != Sharding.NONE ? label(hw.sharding())
                : plain(hw.gpuCount() == 1 ? "common.singleGpu" : "common.ddp");
        if (hw.offload() != Offload.NONE) {
            s += " + " + plain("common.offload", label(hw.offload()).toLowerCase(language.locale()));
        }
        return s;
    }

    /** For narrow table cells: "—" for one GPU without sharding, since the count column says it already. */
    String shardingShort(HardwareSpec hw) {
        if (hw.sharding() == Sharding.NONE && hw.gpuCount() == 1 && hw.offload() == Offload.NONE) {
            return "—";
        }
        String sh = hw.sharding() != Sharding.NONE ? label(hw.sharding())
                : plain(hw.gpuCount() == 1 ? "common.singleGpu" : "common.ddp");
        return hw.offload() == Offload.NONE ? sh : sh + " + " + plain("common.offloadShort");
    }

    /** The cost in the report's currency, or a dash. */
    String costOnly(Estimate e) {
        return e.cost().map(c -> f.usd(c.usd())).orElse("—");
    }

    /** Who the price is from: the provider's name, or the words for a price the scenario gave. */
    Text provider(CostEstimate c) {
        return c.provider().isEmpty() ? Text.words(plain("method.userPrice")) : Text.name(c.provider());
    }

    /** "$6.66 at $2.39/GPU·h (RunPod, price of August 22, 2026)", or why there is no cost. */
    Text costText(Estimate e) {
        if (e.cost().isEmpty()) {
            return Text.words(plain(e.hours().isPresent() ? "common.noPrice" : "common.noTokens"));
        }
        CostEstimate c = e.cost().get();
        return text("summary.costValue", f.usd(c.usd()), f.usdPerGpuHour(c.usdPerGpuHour()), provider(c),
                priceDate(c.priceSeen()));
    }

    /** "RunPod · August 22, 2026" for a table cell, or the words for an unpriced option. */
    Text priceText(Estimate e) {
        return e.cost().map(c -> provider(c).then(" · " + priceDate(c.priceSeen())))
                .orElse(Text.words(plain("options.unpriced")));
    }

    /** Memory against the card: "36.9 GiB of 45.0 GiB: fits, 8.1 GiB (18%) headroom". */
    String memoryText(MemoryEstimate m) {
        double share = (double) m.headroomBytes() / m.capacityBytes();
        return plain(m.fits() ? "summary.memoryFits" : "summary.memoryDoesNotFit",
                f.gib(m.perGpu().totalBytes()), f.gib(m.capacityBytes()), f.gib(Math.abs(m.headroomBytes())),
                f.percent(Math.abs(share)));
    }

    /**
     * A memory total's range in words: "range 23.3–35.0 GiB"; when the whole range lies above the estimate (a kind
     * the estimator reads low), it says so, so the reader does not take the estimate for a slip.
     */
    String memoryRange(long totalBytes, Range range) {
        String r = f.gibRange(range);
        return words.aboveEstimate(totalBytes, range).map(why -> plain("common.rangeAbove", r, why))
                .orElseGet(() -> plain("common.range", r));
    }

    /** The fit status as a cell: "fits", "no", and "tight ⚠" (the sign kept with the word) in the warning tone. */
    Table.Cell status(FitStatus s) {
        Table.Cell cell = Table.Cell.words(label(s) + (s == FitStatus.TIGHT ? ReportFormats.NBSP + "⚠" : ""));
        return s == FitStatus.TIGHT ? cell.in(Table.Cell.Tone.WARNING) : cell;
    }

    /** The settings the planner changed, compactly: "micro-batch 8 → 2, accumulation 4 → 16"; "" for none. */
    String adjustments(List<Adjustment> changed) {
        List<String> each = new ArrayList<>(changed.size());
        changed.forEach(a -> each.add(words.adjustment(a)));
        return String.join(", ", each);
    }

    /**
     * The sequences per optimizer step an option trains with, and the scenario's when the option could not keep
     * them exactly: the words say which.
     */
    Text sequencesPerStep(PlanOption o) {
        return o.reasons(PlanReason.InexactSplit.class).stream().findFirst()
                .map(r -> text("advice.stepInexact", f.integer(r.got()), f.integer(r.wanted())))
                .orElse(text("advice.stepKept", f.integer(o.sequencesPerStep())));
    }

    /**
     * A caveat in this language, with the names it puts in (the GPU, the provider, the instance) as name spans and
     * sizes as this language writes them.
     */
    Text caveat(Caveat c) {
        Object[] args = new Object[c.args().size()];
        for (int i = 0; i < args.length; i++) {
            Object a = c.args().get(i);
            args[i] = a instanceof String name ? Text.name(name) : a instanceof Bytes || a instanceof Number
                    ? words.value(a) : a;
        }
        return text(words.caveatKey(c), args);
    }

    /** The runs a band was measured on: "published LoRA runs on one GPU", "published runs of every method". */
    String bandKind(ErrorBand band) {
        if (band.group().method().isEmpty()) {
            return plain("band.all");
        }
        String method = plain("band." + band.group().method().get().name());
        return band.group().multiGpu().map(multi -> plain(multi ? "band.multi" : "band.single", method))
                .orElse(method);
    }

    /** A signed percentage of an error: "+37%", "−7%" (a true minus sign). */
    String signedPercent(double share) {
        String p = f.percent(Math.abs(share));
        return Math.round(share * 100) == 0 ? p : (share > 0 ? "+" : "−") + p;
    }

    /** Model FLOPs utilisation of the whole job, over all its GPUs. */
    static double endToEndMfu(Estimate e) {
        return e.throughput().modelFlopsUtilisation(e.scenario().hardware().gpuCount());
    }

    /**
     * The date a price was seen, as the catalog gives it ("2026-08-22", "2026-06", "2026"), in this language's
     * style; the words for "undated" when the catalog has no date.
     */
    String priceDate(String seen) {
        return f.seenDate(seen);
    }
}
