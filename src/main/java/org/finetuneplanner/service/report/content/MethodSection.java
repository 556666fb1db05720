package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.BandGroup;
import org.finetuneplanner.core.range.ErrorBand;
import org.finetuneplanner.core.range.ErrorBands;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.core.time.TimeTerm;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFormats;
import org.finetuneplanner.service.report.content.Table.Cell;
import org.finetuneplanner.service.text.Words;

/**
 * The appendix: every memory term with its formula, numbers and source; the throughput model; the prices with where
 * they were read; the estimate's notes; the estimator's measured accuracy.
 */
final class MethodSection {
    /** A number and the unit after it in a formula ("2 B", "0.25 GiB"): kept on one line. */
    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d) (B|GiB|bit|TFLOPS|s)(?![\\p{L}])");

    private MethodSection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.assumptions")));
        memory(data, w, out);
        time(data, w, out);
        prices(data, w, out);
        List<Note> notes = data.baseline().notes();
        if (!notes.isEmpty()) {
            out.add(Heading.sub(w.text("method.notesTitle")));
            out.add(new BulletList(notes.stream().map(n -> Text.words((n.severity() == Note.Severity.WARNING ? "⚠ "
                    : "") + w.words().note(n))).toList(), false));
        }
        accuracy(data.accuracy(), w, out);
        bands(data.accuracy().bands(), w, out);
        out.add(new Paragraph(w.text("method.closing"), Paragraph.Style.SMALL, false));
        return out;
    }

    private static void memory(ReportData data, Wording w, List<Block> out) {
        Words words = w.words();
        out.add(Heading.sub(w.text("method.memoryTitle")));
        List<MemoryTerm> terms = data.explanation().memory();
        if (terms.isEmpty()) {
            out.add(Paragraph.body(w.text("method.noTerms")));
            return;
        }
        out.add(Paragraph.intro(w.text("method.memoryIntro", w.configuration(data.baseline()))));
        out.add(Table.of(terms)
                .column(Text.words(w.plain("method.term")), 1.5f,
                        t -> Cell.words(w.label(t.component()) + ": " + words.title(t.term())))
                .column(Text.words(w.plain("method.formula")), 1.5f, t -> Cell.words(glue(words.formula(t.term()))))
                .column(Text.words(w.plain("method.inputs")), 1.6f, t -> Cell.words(glue(words.numbers(t.term()))))
                .figures(Text.words("GiB"), 0.55f, t -> w.f().gibNumber(t.bytes()))
                .column(Text.words(w.plain("method.source")), 2.4f, t -> Cell.of(sources(t.term(), words)))
                .density(Table.Density.DENSE).build());
    }

    private static void time(ReportData data, Wording w, List<Block> out) {
        Words words = w.words();
        ReportFormats f = w.f();
        Estimate base = data.baseline();
        Explanation why = data.explanation();
        ThroughputEstimate tp = base.throughput();
        out.add(Heading.sub(w.text("method.timeTitle")));
        out.add(Paragraph.intro(w.text("method.timeFormula")));
        List<Cell[]> rows = new ArrayList<>();
        rows.add(SummarySection.pair(w, "method.flopsPerToken", Cell.words(f.scientific(tp.flopsPerToken()))));
        rows.add(SummarySection.pair(w, "method.peak", Cell.words(w.plain("method.peakValue",
                f.decimal(tp.peakTflops()), w.label(base.scenario().training().precision())))));
        Text mfu = Text.words(f.percent(tp.mfu()) + " — " + glue(words.formula(why.utilisation())));
        Text mfuSources = sources(why.utilisation(), words);
        rows.add(SummarySection.pair(w, "method.mfu", Cell.of(mfuSources.isEmpty() ? mfu
                : mfu.then(" — ").then(mfuSources))));
        rows.add(SummarySection.pair(w, "method.throughput", Cell.words(w.plain("method.throughputValue",
                f.integer(tp.tokensPerSecond()), f.decimal(tp.stepSeconds()), f.decimal(tp.commSecondsPerStep())))));
        base.scenario().data().totalTokens().ifPresent(tokens -> rows.add(SummarySection.pair(w, "method.tokens",
                Cell.words(f.integer(tokens)))));
        rows.add(SummarySection.pair(w, "summary.time", Cell.words(f.hours(base.hours()))));
        out.add(Table.keyValue(rows, Table.Density.NORMAL));
        if (!why.time().isEmpty()) {
            out.add(Paragraph.intro(w.text("method.timeTerms")));
            out.add(Table.of(why.time())
                    .column(Text.words(w.plain("method.timeTerm")), 1.5f, t -> Cell.words(words.title(t.term())))
                    .column(Text.words(w.plain("method.formula")), 1.5f,
                            t -> Cell.words(glue(words.formula(t.term()))))
                    .column(Text.words(w.plain("method.inputs")), 1.6f,
                            t -> Cell.words(glue(words.numbers(t.term()))))
                    .figures(Text.words(w.plain("method.secondsPerStep")), 0.7f,
                            (TimeTerm t) -> f.seconds(t.secondsPerStep()))
                    .column(Text.words(w.plain("method.source")), 2.3f, t -> Cell.of(sources(t.term(), words)))
                    .density(Table.Density.DENSE).build());
        }
    }

    private static void prices(ReportData data, Wording w, List<Block> out) {
        out.add(Heading.sub(w.text("method.priceTitle")));
        List<PlanOption> priced = data.plan().options().stream().filter(o -> o.estimate().cost().isPresent())
                .toList();
        if (priced.isEmpty()) {
            out.add(Paragraph.body(w.sellers("method.priceIntro")));
            return;
        }
        out.add(Paragraph.intro(w.sellers("method.priceIntro")));
        out.add(Table.of(priced)
                .column(Text.words(w.plain("options.gpu")), 1.8f, o -> Cell.name(o.gpu().name()))
                .column(Text.words(w.plain("method.provider")), 1.2f,
                        o -> Cell.of(w.provider(o.estimate().cost().get())))
                .figures(Text.words(w.plain("cost.perGpuHour")), 1.45f,
                        o -> w.f().usdPerGpuHour(o.estimate().cost().get().usdPerGpuHour()))
                .column(Text.words(w.plain("method.seen")), 1.1f,
                        o -> Cell.words(w.priceDate(o.estimate().cost().get().priceSeen())))
                .column(Text.words(w.plain("method.source")), 2.4f,
                        o -> source(o.estimate().cost().get(), w))
                .density(Table.Density.DENSE).build());
    }

    /** Where a price comes from: the scenario, the seller's price list, or the catalog's citation. */
    private static Cell source(CostEstimate c, Wording w) {
        return switch (c.origin()) {
            case SCENARIO -> Cell.of(Text.words(w.plain("method.userPrice")));
            case SELLER -> Cell.of(w.text("method.sellerSource", Text.name(c.provider())));
            case LISTED, MARKETPLACE -> Cell.of(Text.citation(c.priceSource()));
        };
    }

    private static void accuracy(ReportAccuracy acc, Wording w, List<Block> out) {
        out.add(Heading.sub(w.text("method.accuracyTitle")));
        if (acc.rows().isEmpty()) {
            out.add(Paragraph.body(w.text("method.accuracyNone")));
            return;
        }
        ReportFormats f = w.f();
        out.add(Paragraph.intro(w.text("method.accuracyIntro", acc.runs())));
        Table table = Table.of(acc.rows())
                .column(Text.words(w.plain("method.quantity")), 2f, r -> Cell.words(w.plain("method.quantity."
                        + r.quantity().name().toLowerCase(Locale.ROOT))))
                .figures(Text.words(w.plain("method.cases")), 0.8f, r -> String.valueOf(r.cases()))
                .figures(Text.words(w.plain("method.median")), 1.2f, r -> f.percentValue(r.medianAbsPercentError()))
                .figures(Text.words(w.plain("method.p90")), 1.2f, r -> f.percentValue(r.p90AbsPercentError()))
                .figures(Text.words(w.plain("method.target")), 1f, r -> "≤ " + f.percentValue(r.targetPercent()))
                .build();
        out.add(acc.oomCases() > 0 ? table.withFootnote(w.text("method.oomVerdicts", acc.oomRight(), acc.oomCases()))
                : table);
    }

    /**
     * How sure the figures are: how ranges and the fit status are derived, and the error band each kind of estimate
     * uses (the measured errors of its group of published runs, or of the group it is pooled into).
     */
    private static void bands(ErrorBands bands, Wording w, List<Block> out) {
        out.add(Heading.sub(w.text("method.bandsTitle")));
        out.add(Paragraph.body(w.text("method.rangesRule", ErrorBands.MIN_CASES)));
        out.add(Paragraph.body(w.text("method.statusRule")));
        if (bands.bands().isEmpty()) {
            out.add(Paragraph.body(w.text("method.bandsNone")));
            return;
        }
        out.add(Paragraph.intro(w.text("method.bandsIntro")));
        List<Map.Entry<BandGroup, ErrorBand>> kinds = List.copyOf(bands.resolved().entrySet());
        out.add(Table.of(kinds)
                .column(Text.words(w.plain("method.bandFigure")), 1.1f, e -> Cell.words(w.plain("method.quantity."
                        + e.getKey().quantity().name().toLowerCase(Locale.ROOT))))
                .column(Text.words(w.plain("method.bandKind")), 1.5f, e -> Cell.words(kind(e.getKey(), w)))
                .column(Text.words(w.plain("method.bandRuns")), 1.9f, e -> Cell.words(e.getValue().cases() == 0
                        ? w.plain("method.bandNoRuns") : w.bandKind(e.getValue())))
                .figures(Text.words(w.plain("method.cases")), 0.6f, e -> String.valueOf(e.getValue().cases()))
                .figures(Text.words("e10"), 0.7f, e -> w.signedPercent(e.getValue().e10()))
                .figures(Text.words("e90"), 0.7f, e -> w.signedPercent(e.getValue().e90()))
                .density(Table.Density.COMPACT).build().withFootnote(w.text("method.bandsNote")));
    }

    /** "LoRA, one GPU": the kind of estimate a band row is for. */
    private static String kind(BandGroup g, Wording w) {
        return w.plain(g.multiGpu().orElse(false) ? "method.kindMulti" : "method.kindSingle",
                g.method().map(w::label).orElse(""));
    }

    /** A term's sources, each as it reads in this language, with what it quotes as published kept as citations. */
    static Text sources(Term term, Words words) {
        Text out = Text.EMPTY;
        for (SourceId source : term.sources()) {
            out = out.then(out.isEmpty() ? Text.EMPTY : Text.words("; ")).then(quoted(words.source(source)));
        }
        return out;
    }

    /**
     * A source's words with its quotations as citations: text between an opening straight quote (at the start, or
     * after a space or a bracket) and a closing one (before a space, punctuation or the end) is quoted as published.
     * An apostrophe inside a word ("don't") neither opens nor closes.
     */
    static Text quoted(String source) {
        List<Span> spans = new ArrayList<>();
        int from = 0;
        int open = -1;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) != '\'') {
                continue;
            }
            boolean canOpen = i == 0 || Character.isWhitespace(source.charAt(i - 1)) || source.charAt(i - 1) == '(';
            boolean canClose = i + 1 == source.length() || " ),;:.".indexOf(source.charAt(i + 1)) >= 0;
            if (open < 0 && canOpen) {
                open = i;
            } else if (open >= 0 && canClose) {
                spans.add(new Span(source.substring(from, open), Span.Kind.WORDS));
                spans.add(new Span(source.substring(open, i + 1), Span.Kind.CITATION));
                from = i + 1;
                open = -1;
            }
        }
        spans.add(new Span(source.substring(from), Span.Kind.WORDS));
        return new Text(spans);
    }

    /** A formula with each number kept on the line of its unit. */
    static String glue(String formula) {
        return NUMBER_UNIT.matcher(formula).replaceAll("$1\u00a0$2");
    }
}
