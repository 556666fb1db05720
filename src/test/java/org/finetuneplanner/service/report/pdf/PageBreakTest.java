package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.RealReports;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFixtures;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.content.ReportContent;
import org.finetuneplanner.service.report.content.ReportDocument;
import org.junit.jupiter.api.Test;

/**
 * Where pages break in long reports: a heading is never the last thing on a page, a table never leaves one row
 * alone on a page and starts a continued page with its header, a footnote is never without its table's rows, a
 * paragraph never leaves one line alone.
 */
class PageBreakTest {

    private static List<List<Flow.Placed>> pages(ReportDocument d) throws IOException {
        try (PDDocument doc = new PDDocument(); PdfFonts fonts = PdfFonts.load(doc)) {
            return PdfRenderer.layout(d, doc, fonts).body();
        }
    }

    /** A report whose options table runs over several pages: sixty options. */
    private static ReportDocument longReport(ReportLanguage lang, PaperSize paper) {
        ReportData base = ReportFixtures.data(lang, paper);
        List<PlanOption> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PlanOption o = base.plan().options().get(i % base.plan().options().size());
            many.add(new PlanOption(o.gpu(), o.estimate(), o.reasons()));
        }
        return ReportContent.of(base.withPlan(new Plan(base.plan().name(), many, base.plan().cheapest(),
                base.plan().fastest())));
    }

    private static List<ReportDocument> documents() {
        List<ReportDocument> out = new ArrayList<>();
        for (ReportLanguage lang : ReportLanguage.values()) {
            for (PaperSize paper : PaperSize.values()) {
                out.add(longReport(lang, paper));
            }
            for (String name : RealReports.names()) {
                out.add(ReportContent.of(RealReports.data(name, lang)));
            }
        }
        return out;
    }

    @Test
    void theRulesHoldOnEveryPageOfLongReports() throws IOException {
        int tablesSplit = 0;
        for (ReportDocument d : documents()) {
            List<List<Flow.Placed>> pages = pages(d);
            Map<Integer, Integer> rowsInGroup = new HashMap<>();
            Map<Integer, Integer> linesInGroup = new HashMap<>();
            for (List<Flow.Placed> page : pages) {
                for (Flow.Placed p : page) {
                    Unit u = p.unit();
                    if (u.role() == Unit.Role.ROW) {
                        rowsInGroup.merge(u.group(), 1, Integer::sum);
                    } else if (u.role() == Unit.Role.LINE) {
                        linesInGroup.merge(u.group(), 1, Integer::sum);
                    }
                }
            }
            for (int n = 0; n < pages.size(); n++) {
                String where = d.language() + " " + d.paper() + " " + d.cover().subtitle() + ", page " + (n + 2);
                List<Unit> units = pages.get(n).stream().map(Flow.Placed::unit).filter(u -> !u.gap()).toList();
                assertTrue(units.get(units.size() - 1).role() != Unit.Role.HEADING, where + ": ends with a heading");
                Map<Integer, Integer> rows = new HashMap<>();
                Map<Integer, Integer> lines = new HashMap<>();
                for (Unit u : units) {
                    if (u.role() == Unit.Role.ROW) {
                        rows.merge(u.group(), 1, Integer::sum);
                    } else if (u.role() == Unit.Role.LINE) {
                        lines.merge(u.group(), 1, Integer::sum);
                    } else if (u.role() == Unit.Role.FOOTNOTE) {
                        assertTrue(rows.containsKey(u.group()), where + ": a footnote without its table's rows");
                    }
                }
                for (Map.Entry<Integer, Integer> e : rows.entrySet()) {
                    int total = rowsInGroup.get(e.getKey());
                    assertTrue(total == 1 || e.getValue() >= 2, where + ": one row alone of " + total);
                    tablesSplit += e.getValue() < total ? 1 : 0;
                }
                for (Map.Entry<Integer, Integer> e : lines.entrySet()) {
                    int total = linesInGroup.get(e.getKey());
                    assertTrue(total == 1 || e.getValue() >= 2, where + ": one line alone of " + total);
                }
                Unit first = units.get(0);
                assertTrue(first.role() != Unit.Role.ROW || first.header() == null,
                        where + ": a continued table without its header");
            }
        }
        assertTrue(tablesSplit >= 4, "long tables were split (the rules were exercised): " + tablesSplit);
    }

    @Test
    void aShortTableMovesWholeRatherThanSplit() throws IOException {
        int shortTables = 0;
        for (ReportDocument d : documents()) {
            float pageBody = d.paper().heightPt() - Style.MARGIN_TOP - Style.MARGIN_BOTTOM;
            Map<Integer, List<Integer>> pagesOfGroup = new HashMap<>();
            Map<Integer, Float> height = new HashMap<>();
            List<List<Flow.Placed>> pages = pages(d);
            for (int n = 0; n < pages.size(); n++) {
                for (Flow.Placed p : pages.get(n)) {
                    Unit u = p.unit();
                    if (u.role() == Unit.Role.ROW) {
                        List<Integer> on = pagesOfGroup.computeIfAbsent(u.group(), g -> new ArrayList<>());
                        if (!on.contains(n)) {
                            on.add(n);
                            // The header once per table (a repeated one is not the table's height).
                            height.merge(u.group(), u.header() == null || on.size() > 1 ? 0 : u.header().height(),
                                    Float::sum);
                        }
                        height.merge(u.group(), u.height(), Float::sum);
                    }
                }
            }
            for (Map.Entry<Integer, List<Integer>> e : pagesOfGroup.entrySet()) {
                if (height.get(e.getKey()) <= TableLayout.SHORT * pageBody) {
                    shortTables++;
                    assertEquals(1, e.getValue().size(), d.language() + " " + d.cover().subtitle()
                            + ": a short table was split");
                }
            }
        }
        assertTrue(shortTables > 50, "short tables seen: " + shortTables);
    }
}
