package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Cell;

/** The terms a customer meets in the report, each explained in one or two sentences. */
final class GlossarySection {
    /** The terms, in the order a reader meets them; each has {@code glossary.<id>.term} and {@code .text}. */
    static final List<String> TERMS = List.of("lora", "qlora", "nf4", "ddp", "fsdp", "zero", "mfu", "gib",
            "tokensPerSecond");

    private GlossarySection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Cell[]> rows = new ArrayList<>();
        for (String id : TERMS) {
            rows.add(new Cell[] {Cell.words(w.plain("glossary." + id + ".term")),
                Cell.words(w.plain("glossary." + id + ".text"))});
        }
        return List.of(Heading.section(w.text("section.glossary")), Table.keyValue(rows, Table.Density.NORMAL, 0.6f));
    }
}
