package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.content.Table.Align;
import org.finetuneplanner.service.report.content.Table.Cell;
import org.finetuneplanner.service.report.content.Table.Column;

/**
 * The comparison a comparison report opens with: the scenarios' key inputs and results in one table (inputs that
 * differ tinted), what differs, their memory bars on one axis and their cost curves on one chart, each scenario in
 * the colour of its slot with its letter at the line's end.
 */
final class ComparisonSection {
    /** The labels' column, against the scenarios' columns that share the rest. */
    private static final float LABELS = 1.3f;
    private static final float WIDTH = 4.1f;
    /** A scenario's name in a chart's legend is shown up to this many characters. */
    private static final int NAME_IN_LEGEND = 48;

    private ComparisonSection() {
    }

    static List<Block> blocks(List<Comparison.Entry> entries, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("compare.section")));
        out.add(Paragraph.intro(w.text("compare.intro", entries.size())));
        out.add(table(entries, w));
        out.add(Heading.sub(w.text("compare.differencesTitle")));
        out.add(new BulletList(Comparison.differences(entries, w), false));
        out.add(Heading.sub(w.text("compare.memoryTitle")));
        out.add(Paragraph.intro(w.text("compare.memoryIntro")));
        out.add(bars(entries, w));
        out.add(Heading.sub(w.text("compare.costTitle")));
        out.addAll(costs(entries, w));
        return out;
    }

    private static Table table(List<Comparison.Entry> entries, Wording w) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(Text.EMPTY, LABELS, Align.LEFT));
        float share = (WIDTH - LABELS) / entries.size();
        entries.forEach(e -> columns.add(new Column(Text.words(e.letter()), share, Align.LEFT)));
        List<Table.Row> rows = new ArrayList<>();
        for (Comparison.Row r : Comparison.rows(entries, w)) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.of(r.label()));
            cells.addAll(r.values());
            rows.add(new Table.Row(cells, r.inputDiffers()));
        }
        return new Table(columns, rows, Table.Density.NORMAL, true, Optional.of(w.text("compare.legend")));
    }

    private static Chart.Bars bars(List<Comparison.Entry> entries, Wording w) {
        List<Text> names = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            names.add(Text.words(w.label(c)));
        }
        List<Chart.Bar> bars = new ArrayList<>();
        for (Comparison.Entry e : entries) {
            Estimate est = e.estimate();
            List<Long> parts = new ArrayList<>();
            for (MemoryComponent c : MemoryComponent.values()) {
                parts.add(est.memory().perGpu().bytes(c));
            }
            bars.add(new Chart.Bar(Text.words(e.letter() + " · ").then(w.configuration(est)), parts,
                    est.memory().capacityBytes(), Optional.of(e.ranges().memoryBytes()).filter(SummarySection::wide)));
        }
        return new Chart.Bars(bars, names, Text.words(w.plain("memory.free")), Text.words(w.plain("memory.axis")));
    }

    /** The cost curves of the scenarios that fit and have a cost, and which have none; or why there are none. */
    private static List<Block> costs(List<Comparison.Entry> entries, Wording w) {
        List<Chart.Line> lines = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Comparison.Entry e : entries) {
            Estimate est = e.estimate();
            if (est.fits() && est.cost().isPresent()) {
                Text label = Text.words(e.letter() + ": ").then(Text.name(SafeText.shorten(est.scenario().name(),
                        NAME_IN_LEGEND)));
                lines.add(new Chart.Line(label, est.cost().get().series(), Text.words(e.letter()), e.slot()));
            } else {
                without.add(e.letter());
            }
        }
        if (lines.isEmpty()) {
            return List.of(Paragraph.body(w.text("compare.noCost")));
        }
        List<Block> out = new ArrayList<>();
        out.add(Paragraph.intro(w.text("compare.costIntro")));
        out.add(new Chart.Lines(lines, Text.words(w.plain("cost.axisHours")),
                Text.words(w.plain("cost.axisUsd", w.f().currencyCode()))));
        if (!without.isEmpty()) {
            out.add(new Paragraph(w.text("compare.costLeftOut", String.join(", ", without)), Paragraph.Style.SMALL,
                    false));
        }
        return out;
    }
}
