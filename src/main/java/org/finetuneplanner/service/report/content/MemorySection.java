package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.PhaseMemory;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Align;
import org.finetuneplanner.service.report.content.Table.Cell;
import org.finetuneplanner.service.report.content.Table.Column;
import org.finetuneplanner.service.report.content.Table.Row;

/**
 * Memory per GPU: the recommended configuration's parts beside the alternatives, as bars with the range of each
 * total and as a table; then the recommended configuration at every phase of a training step, the peak named, so a
 * part that is zero at the peak (the activations at an optimizer-step peak) reads as the phase it is.
 */
final class MemorySection {
    /** Memory chart: the recommended option and at most this many alternatives. */
    static final int CHART_ALTERNATIVES = 5;
    /** Memory table: the recommended option and at most this many alternatives beside it. */
    static final int TABLE_ALTERNATIVES = 3;

    private MemorySection() {
    }

    /** One column of the chart and the table: a configuration, its estimate and the range of its total. */
    private record Shown(Estimate estimate, Range range) {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.memory")));
        Estimate base = data.baseline();
        out.add(Paragraph.intro(w.text("memory.intro", data.recommended().map(w::configuration)
                .orElse(Text.words(w.plain("memory.yourConfiguration"))))));
        List<Shown> shown = new ArrayList<>();
        shown.add(new Shown(base, data.baselineRanges().memoryBytes()));
        alternatives(data, CHART_ALTERNATIVES).forEach(o -> shown.add(new Shown(o.estimate(),
                o.ranges().memoryBytes())));
        List<Text> names = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            names.add(Text.words(w.label(c)));
        }
        out.add(new Chart.Bars(shown.stream().map(s -> new Chart.Bar(w.configuration(s.estimate()),
                parts(s.estimate().memory().perGpu()), s.estimate().memory().capacityBytes(),
                Optional.of(s.range()).filter(SummarySection::wide))).toList(), names,
                Text.words(w.plain("memory.free")), Text.words(w.plain("memory.axis"))));
        out.add(Heading.sub(w.text("memory.tableTitle")));
        out.add(table(data, shown.subList(0, Math.min(shown.size(), 1 + TABLE_ALTERNATIVES)), w));
        out.addAll(phases(base, data.recommended().map(w::configuration)
                .orElse(Text.words(w.plain("memory.yourConfiguration"))), w));
        if (base.memory().hostBytes() > 0) {
            out.add(Paragraph.body(w.text("memory.host", w.f().gib(base.memory().hostBytes()))));
        }
        return out;
    }

    /**
     * The configuration at every phase of the step, parts by phase with each total, and a sentence that names the
     * peak and says what the other phases hold; nothing when the phases were not followed.
     */
    private static List<Block> phases(Estimate base, Text configuration, Wording w) {
        MemoryEstimate m = base.memory();
        if (m.phases().isEmpty() || m.peakPhase().isEmpty()) {
            return List.of();
        }
        PhaseMemory peak = m.phases().stream().filter(PhaseMemory::peak).findFirst().orElseThrow();
        PhaseMemory next = m.phases().stream().filter(p -> !p.peak())
                .max(Comparator.comparingLong(p -> p.parts().totalBytes())).orElse(peak);
        List<Block> out = new ArrayList<>();
        out.add(Heading.sub(w.text("memory.phasesTitle")));
        out.add(Paragraph.intro(w.text("memory.peakAt." + peak.phase().name(), configuration, w.label(peak.phase()),
                w.label(next.phase()), w.f().gib(next.parts().totalBytes()))));
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(Text.words(w.plain("memory.part")), 1.6f, Align.LEFT));
        for (PhaseMemory p : m.phases()) {
            cols.add(new Column(Text.words(p.peak() ? w.plain("memory.peakPhase", w.label(p.phase()))
                    : w.label(p.phase())), 1f, Align.RIGHT));
        }
        List<Row> rows = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.words(w.label(c)));
            m.phases().forEach(p -> cells.add(Cell.figure(w.f().gibNumber(p.parts().bytes(c)))));
            rows.add(new Row(cells, false));
        }
        List<Cell> totals = new ArrayList<>();
        totals.add(Cell.words(w.plain("memory.total")));
        m.phases().forEach(p -> totals.add(Cell.figure(w.f().gibNumber(p.parts().totalBytes()))));
        rows.add(new Row(totals, true));
        out.add(new Table(cols, rows, Table.Density.NORMAL, false, Optional.of(w.text("memory.phasesNote"))));
        return out;
    }

    private static List<Long> parts(MemoryBreakdown b) {
        List<Long> out = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            out.add(b.bytes(c));
        }
        return out;
    }

    /** The other options in the options table's order: those that fit with margin, then tight, cheapest first. */
    static List<PlanOption> alternatives(ReportData data, int limit) {
        String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
        return data.plan().options().stream().filter(o -> !o.gpu().id().equals(recId)).sorted(OptionsSection.ORDER)
                .limit(limit).toList();
    }

    private static Table table(ReportData data, List<Shown> shown, Wording w) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(Text.words(w.plain("memory.part")), 1.6f, Align.LEFT));
        List<Estimate> columns = shown.stream().map(Shown::estimate).toList();
        for (int i = 0; i < columns.size(); i++) {
            Text head = w.configuration(columns.get(i));
            cols.add(new Column(i == 0 && data.recommended().isPresent() ? head.then(" ★") : head, 1f, Align.RIGHT));
        }
        List<Row> rows = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            rows.add(row(w.label(c), columns, e -> w.f().gibNumber(e.memory().perGpu().bytes(c)), false));
        }
        rows.add(row(w.plain("memory.peakAllocated"), columns,
                e -> w.f().gibNumber(e.memory().perGpu().peakAllocatedBytes()), false));
        rows.add(row(w.plain("memory.peakReserved"), columns,
                e -> w.f().gibNumber(e.memory().perGpu().peakReservedBytes()), false));
        rows.add(row(w.plain("memory.total"), columns, e -> w.f().gibNumber(e.memory().perGpu().totalBytes()), true));
        List<Cell> range = new ArrayList<>();
        range.add(Cell.words(w.plain("memory.range")));
        shown.forEach(s -> range.add(Cell.figure(SummarySection.wide(s.range()) ? w.f().gibRangeNumber(s.range())
                : "—")));
        rows.add(new Row(range, false));
        rows.add(row(w.plain("memory.capacity"), columns, e -> w.f().gibNumber(e.memory().capacityBytes()), false));
        rows.add(row(w.plain("memory.headroom"), columns, e -> w.f().gibNumber(e.memory().headroomBytes()), false));
        rows.add(new Row(phaseRow(columns, w), false));
        return new Table(cols, rows, Table.Density.NORMAL, false, Optional.of(w.text("memory.unitNote")));
    }

    /** The phase each column's peak falls in, so a zero part reads as that phase's. */
    private static List<Cell> phaseRow(List<Estimate> columns, Wording w) {
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.words(w.plain("memory.peakPhaseRow")));
        columns.forEach(e -> cells.add(Cell.words(e.memory().peakPhase().map(w::label).orElse("—"))));
        return cells;
    }

    private static Row row(String name, List<Estimate> columns, Function<Estimate, String> value, boolean total) {
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.words(name));
        columns.forEach(e -> cells.add(Cell.figure(value.apply(e))));
        return new Row(cells, total);
    }
}
