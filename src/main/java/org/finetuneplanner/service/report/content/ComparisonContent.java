package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.ComparisonData;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportMeta;

/**
 * What a comparison report says, as data: the comparison of the scenarios first, the glossary they share, then each
 * scenario's own sections as a part of its own ("Scenario A: …"), which the contents, the bookmarks and the running
 * header name. Pure; a new {@link Wording} per call, so it is thread-safe.
 */
public final class ComparisonContent {
    /** A scenario's name in a part's title is shown up to this many characters. */
    private static final int NAME_IN_TITLE = 120;

    private ComparisonContent() {
    }

    /**
     * The entries of {@code data}'s scenarios, each on its own hardware with its status and ranges and its plan,
     * lettered in order (A, B, …).
     */
    public static List<Comparison.Entry> entries(ComparisonData data) {
        List<Comparison.Entry> out = new ArrayList<>();
        for (int i = 0; i < data.scenarios().size(); i++) {
            ReportData d = data.scenarios().get(i);
            out.add(new Comparison.Entry(i, d.estimate(), d.ownRanges(), Optional.of(d.plan())));
        }
        return out;
    }

    /** The whole comparison report of {@code data}. */
    public static ReportDocument of(ComparisonData data) {
        ReportMeta meta = data.meta();
        Wording w = new Wording(meta.language(), meta.prices());
        List<Comparison.Entry> entries = entries(data);
        List<Block> body = new ArrayList<>(ComparisonSection.blocks(entries, w));
        ReportData first = data.scenarios().get(0);
        body.addAll(ReportContent.GLOSSARY.apply(first, w));
        Text product = Text.words(w.plain("report.product"));
        List<Text> parts = new ArrayList<>();
        for (Comparison.Entry e : entries) {
            ReportData scenario = data.scenarios().get(e.slot());
            Text part = w.text("compare.part", e.letter(), Text.name(SafeText.shorten(scenario.scenario().name(),
                    NAME_IN_TITLE)));
            body.add(Heading.part(part));
            parts.add(product.then(" · ").then(part));
            for (BiFunction<ReportData, Wording, List<Block>> section : ReportContent.SECTIONS) {
                if (section != ReportContent.GLOSSARY) {
                    body.addAll(section.apply(scenario, w));
                }
            }
        }
        String date = w.f().date(meta.date());
        Text subtitle = meta.title().isEmpty() ? names(entries) : Text.name(meta.title());
        Text heading = Text.words(w.plain("compare.title"));
        ReportDocument.Running running = new ReportDocument.Running(product.then(" · ").then(heading),
                ReportContent.runningRight(meta, w, date), Text.words(date), parts);
        return new ReportDocument(meta.language(), meta.paper(), ReportContent.cover(meta, w, heading, subtitle,
                product, date), body, running, ReportContent.metadata(meta, heading.plain(), subtitle.plain()),
                ReportContent.late(w));
    }

    /** "A: Llama 3.1 8B QLoRA · B: Llama 3.1 8B LoRA", the names as given. */
    private static Text names(List<Comparison.Entry> entries) {
        Text out = Text.EMPTY;
        for (Comparison.Entry e : entries) {
            out = out.then(out.isEmpty() ? "" : " · ").then(e.letter() + ": ")
                    .then(Wording.userName(e.estimate().scenario().name()));
        }
        return out;
    }
}
