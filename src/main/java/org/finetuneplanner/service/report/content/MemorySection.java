package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Align;
import org.finetuneplanner.service.report.content.Table.Cell;
import org.finetuneplanner.service.report.content.Table.Column;
import org.finetuneplanner.service.report.content.Table.Row;

/** Memory per GPU: the recommended configuration's parts beside the alternatives, as bars and as a table. */
final class MemorySection {
    /** Memory chart: the recommended option and at most this many alternatives. */
    static final int CHART_ALTERNATIVES = 5;
    /** Memory table: the recommended option and at most this many alternatives beside it. */
    static final int TABLE_ALTERNATIVES = 3;

    private MemorySection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.memory")));
        Estimate base = data.baseline();
        out.add(Paragraph.intro(w.text("memory.intro", data.recommended().map(w::configuration)
                .orElse(Text.words(w.plain("memory.yourConfiguration"))))));
        List<Estimate> shown = new ArrayList<>();
        shown.add(base);
        alternatives(data, CHART_ALTERNATIVES).forEach(o -> shown.add(o.estimate()));
        List<Text> names = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            names.add(Text.words(w.label(c)));
        }
        out.add(new Chart.Bars(shown.stream().map(e -> new Chart.Bar(w.configuration(e), parts(e.memory().perGpu()),
                e.memory().capacityBytes())).toList(), names, Text.words(w.plain("memory.free")),
                Text.words(w.plain("memory.axis"))));
        out.add(Heading.sub(w.text("memory.tableTitle")));
        out.add(table(data, shown.subList(0, Math.min(shown.size(), 1 + TABLE_ALTERNATIVES)), w));
        if (base.memory().hostBytes() > 0) {
            out.add(Paragraph.body(w.text("memory.host", w.f().gib(base.memory().hostBytes()))));
        }
        return out;
    }

    private static List<Long> parts(MemoryBreakdown b) {
        List<Long> out = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            out.add(b.bytes(c));
        }
        return out;
    }

    /** The other options, those that fit first, cheapest then fastest. */
    static List<PlanOption> alternatives(ReportData data, int limit) {
        String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
        Comparator<PlanOption> order = Comparator.comparing((PlanOption o) -> !o.fits())
                .thenComparingDouble(o -> o.estimate().cost().map(CostEstimate::usd).orElse(Double.MAX_VALUE))
                .thenComparingDouble(o -> o.estimate().hours().orElse(Double.MAX_VALUE));
        return data.plan().options().stream().filter(o -> !o.gpu().id().equals(recId)).sorted(order)
                .limit(limit).toList();
    }

    private static Table table(ReportData data, List<Estimate> columns, Wording w) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(Text.words(w.plain("memory.part")), 1.6f, Align.LEFT));
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
        rows.add(row(w.plain("memory.capacity"), columns, e -> w.f().gibNumber(e.memory().capacityBytes()), false));
        rows.add(row(w.plain("memory.headroom"), columns, e -> w.f().gibNumber(e.memory().headroomBytes()), false));
        return new Table(cols, rows, Table.Density.NORMAL, false, java.util.Optional.of(
                w.text("memory.unitNote")));
    }

    private static Row row(String name, List<Estimate> columns, Function<Estimate, String> value, boolean total) {
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.words(name));
        columns.forEach(e -> cells.add(Cell.figure(value.apply(e))));
        return new Row(cells, total);
    }
}
