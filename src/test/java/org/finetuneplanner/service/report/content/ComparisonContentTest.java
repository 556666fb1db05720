package org.finetuneplanner.service.report.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.service.report.ComparisonData;
import org.finetuneplanner.service.report.Languages;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFixtures;
import org.finetuneplanner.service.report.ReportLanguage;
import org.junit.jupiter.api.Test;

/**
 * What a comparison report says, read from its content model (no PDF): the fixture compares one model on one L40S
 * with QLoRA (A) and LoRA (B); every figure below is worked out from the fixture's numbers
 * ({@link ReportFixtures#comparison}).
 */
class ComparisonContentTest {
    private static final String[] SECTIONS_EN = {"Summary", "The scenario", "Memory per GPU", "GPU options compared",
        "Cost over time", "Sensitivity: what if…", "Next steps", "Assumptions and method"};

    private static ReportDocument document(ReportLanguage lang) {
        return ComparisonContent.of(ReportFixtures.comparison(lang));
    }

    /** Each row's cells as plain text (no-break spaces as spaces), by aspect. */
    private static Map<Comparison.Aspect, List<String>> table(ReportLanguage lang) {
        Map<Comparison.Aspect, List<String>> out = new EnumMap<>(Comparison.Aspect.class);
        for (Comparison.Row r : Comparison.rows(ComparisonContent.entries(ReportFixtures.comparison(lang)), lang)) {
            out.put(r.aspect(), r.values().stream().map(c -> plain(c.text())).toList());
        }
        return out;
    }

    private static String plain(Text t) {
        return t.plain().replace('\u00a0', ' ');
    }

    private static List<String> differences(ComparisonData data) {
        return Comparison.differences(ComparisonContent.entries(data), data.meta().language()).stream()
                .map(ComparisonContentTest::plain).toList();
    }

    @Test
    void theComparisonComesFirstThenTheGlossaryThenEachScenarioAsAPartWithItsOwnSections() {
        ReportDocument d = document(ReportLanguage.EN);
        List<String> expected = new ArrayList<>(List.of("The scenarios compared", "Glossary",
                "Scenario A: Llama 3.1 8B, QLoRA r16"));
        expected.addAll(List.of(SECTIONS_EN));
        expected.add("Scenario B: Llama 3.1 8B, LoRA r16 — hỗ trợ khách hàng");
        expected.addAll(List.of(SECTIONS_EN));
        assertEquals(expected, d.sections().stream().map(h -> h.text().plain()).toList());
        assertEquals(List.of(2, 11), d.sections().stream().filter(h -> h.level() == 0)
                .map(h -> d.sections().indexOf(h)).toList(), "the two parts are level 0");
        // The scenario's name in a part's title is a name, the rest the report's words.
        assertEquals(List.of("Llama 3.1 8B, QLoRA r16"), d.sections().get(2).text().of(Span.Kind.NAME));
        assertEquals(List.of("Fine-Tune Planner · Scenario A: Llama 3.1 8B, QLoRA r16",
                "Fine-Tune Planner · Scenario B: Llama 3.1 8B, LoRA r16 — hỗ trợ khách hàng"),
                d.running().parts().stream().map(Text::plain).toList());
        assertEquals("Comparison of fine-tuning plans", d.cover().title().plain());
        assertEquals("A: Llama 3.1 8B, QLoRA r16 · B: Llama 3.1 8B, LoRA r16 — hỗ trợ khách hàng",
                d.cover().subtitle().plain());
    }

    @Test
    void theVietnameseComparisonHasTheSamePartsInVietnamese() {
        ReportDocument d = document(ReportLanguage.VI);
        List<String> titles = d.sections().stream().map(h -> h.text().plain()).toList();
        assertEquals(List.of("So sánh các kịch bản", "Thuật ngữ", "Kịch bản A: Llama 3.1 8B, QLoRA r16", "Tóm tắt"),
                titles.subList(0, 4));
        assertEquals("Kịch bản B: Llama 3.1 8B, LoRA r16 — hỗ trợ khách hàng", titles.get(11));
        assertEquals(20, titles.size());
    }

    @Test
    void theTableGivesEachScenariosInputsAndResultsInEnglish() {
        Map<Comparison.Aspect, List<String>> t = table(ReportLanguage.EN);
        assertEquals(List.of("Llama 3.1 8B", "Llama 3.1 8B"), t.get(Comparison.Aspect.MODEL));
        assertEquals(List.of("QLoRA, rank 16, base weights NF4 (4-bit)", "LoRA, rank 16, base weights BF16"),
                t.get(Comparison.Aspect.METHOD));
        assertEquals(List.of("BF16", "BF16"), t.get(Comparison.Aspect.PRECISION));
        assertEquals(List.of("4 × 4", "4 × 4"), t.get(Comparison.Aspect.BATCH));
        assertEquals(List.of("2,048 tokens", "2,048 tokens"), t.get(Comparison.Aspect.SEQUENCE));
        // 50,000,000 tokens × 3 epochs.
        assertEquals(List.of("150,000,000 tokens", "150,000,000 tokens"), t.get(Comparison.Aspect.TOKENS));
        assertEquals(List.of("1 × NVIDIA L40S 48GB", "1 × NVIDIA L40S 48GB"), t.get(Comparison.Aspect.GPUS));
        assertEquals(List.of("one GPU, no sharding", "one GPU, no sharding"), t.get(Comparison.Aspect.SHARDING));
        // A: 5.61 + 0.08 + 0.31 + 9.42 + 3.91 + 0.12 + 1.37 + 0.55 = 21.37 GiB of 44.4 (21.37 / 44.4 = 48.1 %);
        // B: 15.01 + … = 30.77 GiB (69.3 %).
        assertEquals(List.of("21.4 GiB of 44.4 GiB (48%)", "30.8 GiB of 44.4 GiB (69%)"),
                t.get(Comparison.Aspect.MEMORY));
        assertEquals(List.of("fits", "fits"), t.get(Comparison.Aspect.STATUS));
        // 150,000,000 tokens / (22.4 h × 3,600 s) = 1,860.1 tokens/s; / (16.83 × 3,600) = 2,475.7.
        assertEquals(List.of("1,860 tokens/s", "2,476 tokens/s"), t.get(Comparison.Aspect.SPEED));
        assertEquals(List.of("22.4 h", "16.8 h"), t.get(Comparison.Aspect.TIME));
        // 1 GPU × $0.87 × 22.4 h + $0.25 storage = $19.738; × 16.83 h: $14.6421 + $0.25 = $14.8921.
        assertEquals(List.of("$19.74", "$14.89"), t.get(Comparison.Aspect.COST));
        assertEquals(List.of("$0.87/GPU·h", "$0.87/GPU·h"), t.get(Comparison.Aspect.PRICE));
        assertEquals(List.of("Vast.ai · November 1, 2026", "Vast.ai · November 1, 2026"),
                t.get(Comparison.Aspect.PROVIDER));
        // Both use the fixture's plan: its L40S option is the scenario's own setup (1 GPU, no sharding, nothing
        // changed), and its cheapest is that L40S at $14.8921.
        assertEquals(List.of("runs as given", "runs as given"), t.get(Comparison.Aspect.ADVICE));
        assertEquals(List.of("1 × NVIDIA L40S 48GB · $14.89", "1 × NVIDIA L40S 48GB · $14.89"),
                t.get(Comparison.Aspect.RECOMMENDED));
    }

    @Test
    void theTableGivesTheSameFiguresInVietnamese() {
        Map<Comparison.Aspect, List<String>> t = table(ReportLanguage.VI);
        assertEquals(List.of("QLoRA, hạng 16, trọng số gốc NF4 (4-bit)", "LoRA, hạng 16, trọng số gốc BF16"),
                t.get(Comparison.Aspect.METHOD));
        assertEquals(List.of("150.000.000 token", "150.000.000 token"), t.get(Comparison.Aspect.TOKENS));
        assertEquals(List.of("21,4 GiB trên 44,4 GiB (48%)", "30,8 GiB trên 44,4 GiB (69%)"),
                t.get(Comparison.Aspect.MEMORY));
        assertEquals(List.of("vừa", "vừa"), t.get(Comparison.Aspect.STATUS));
        assertEquals(List.of("1.860 token/giây", "2.476 token/giây"), t.get(Comparison.Aspect.SPEED));
        assertEquals(List.of("22,4 giờ", "16,8 giờ"), t.get(Comparison.Aspect.TIME));
        assertEquals(List.of("19,74 US$", "14,89 US$"), t.get(Comparison.Aspect.COST));
        assertEquals(List.of("Vast.ai · 01/11/2026", "Vast.ai · 01/11/2026"), t.get(Comparison.Aspect.PROVIDER));
    }

    @Test
    void onlyTheMethodDiffersAndItsRowIsTinted() {
        ReportDocument d = document(ReportLanguage.EN);
        Table table = (Table) d.body().get(2);
        List<String> tinted = table.rows().stream().filter(Table.Row::highlighted)
                .map(r -> r.cells().get(0).text().plain()).toList();
        assertEquals(List.of("Method"), tinted);
        assertEquals(List.of("", "A", "B"), table.columns().stream().map(c -> c.header().plain()).toList());
        assertTrue(table.keyColumn());
    }

    @Test
    void whatDiffersNamesTheMethodAndItsEffectOnMemoryTimeAndCost() {
        // Memory 30.77 − 21.37 = 9.40 GiB more; time 22.4 − 16.83 = 5.57 h less, 16.83 / 22.4 − 1 = −24.9 %;
        // cost 19.738 − 14.8921 = $4.8459 less, 14.8921 / 19.738 − 1 = −24.6 %.
        assertEquals(List.of(
                "Method — A: QLoRA, rank 16, base weights NF4 (4-bit); B: LoRA, rank 16, base weights BF16",
                "B against A: needs 9.4 GiB more memory per GPU; takes 5.6 h less (−25%); costs $4.85 less (−25%).",
                "Cheapest: B ($14.89). Fastest: B (16.8 h)."),
                differences(ReportFixtures.comparison(ReportLanguage.EN)));
        assertEquals(List.of(
                "Phương pháp — A: QLoRA, hạng 16, trọng số gốc NF4 (4-bit); B: LoRA, hạng 16, trọng số gốc BF16",
                "B so với A: cần thêm 9,4 GiB bộ nhớ mỗi GPU; nhanh hơn 5,6 giờ (−25%); rẻ hơn 4,85 US$ (−25%).",
                "Rẻ nhất: B (14,89 US$). Nhanh nhất: B (16,8 giờ)."),
                differences(ReportFixtures.comparison(ReportLanguage.VI)));
    }

    @Test
    void theChartsShowEveryScenarioOnOneAxisInItsOwnColour() {
        ReportDocument d = document(ReportLanguage.EN);
        Chart.Bars bars = d.body().stream().filter(Chart.Bars.class::isInstance).map(Chart.Bars.class::cast)
                .findFirst().orElseThrow();
        assertEquals(List.of("A · 1 × NVIDIA L40S 48GB", "B · 1 × NVIDIA L40S 48GB"),
                bars.bars().stream().map(b -> b.label().plain()).toList());
        // The fixture's L40S: 44.4 GiB usable.
        assertEquals((long) (44.4 * (1L << 30)), bars.bars().get(0).capacityBytes());
        Chart.Lines lines = d.body().stream().filter(Chart.Lines.class::isInstance).map(Chart.Lines.class::cast)
                .findFirst().orElseThrow();
        assertEquals(List.of("A", "B"), lines.lines().stream().map(l -> l.end().plain()).toList());
        assertEquals(List.of(0, 1), lines.lines().stream().map(Chart.Line::colour).toList());
        // Each line ends at its training time and cost: 22.4 h, $19.738 and 16.83 h, $14.8921.
        assertEquals(22.4, last(lines.lines().get(0)).hours(), 1e-9);
        assertEquals(19.738, last(lines.lines().get(0)).usd(), 1e-9);
        assertEquals(16.83, last(lines.lines().get(1)).hours(), 1e-9);
    }

    private static org.finetuneplanner.core.cost.CostPoint last(Chart.Line line) {
        return line.points().get(line.points().size() - 1);
    }

    @Test
    void aScenarioThatDoesNotFitHasNoTimeCostOrCurveAndSaysSo() {
        ComparisonData base = ReportFixtures.comparison(ReportLanguage.EN);
        ReportData b = base.scenarios().get(1);
        Estimate e = b.estimate();
        // The same parts on a card of 24 GiB: 30.77 GiB needed, 6.77 GiB over.
        Estimate over = new Estimate(e.scenario(), e.parameters(), new MemoryEstimate(e.memory().perGpu(), 0,
                24L << 30, List.of()), e.throughput(), e.hours(), e.cost(), e.notes());
        ComparisonData data = new ComparisonData(base.meta(), List.of(base.scenarios().get(0),
                new ReportData(b.meta(), b.scenario(), over, b.plan(), b.recommended(), b.sensitivity(), b.accuracy(),
                        b.explanation())));
        Map<Comparison.Aspect, List<String>> t = new EnumMap<>(Comparison.Aspect.class);
        Comparison.rows(ComparisonContent.entries(data), ReportLanguage.EN).forEach(r -> t.put(r.aspect(),
                r.values().stream().map(c -> plain(c.text())).toList()));
        assertEquals(List.of("21.4 GiB of 44.4 GiB (48%)", "30.8 GiB of 24.0 GiB (6.8 GiB over)"),
                t.get(Comparison.Aspect.MEMORY));
        assertEquals(List.of("fits", "no"), t.get(Comparison.Aspect.STATUS));
        assertEquals(List.of("22.4 h", "—"), t.get(Comparison.Aspect.TIME));
        assertEquals(List.of("$19.74", "—"), t.get(Comparison.Aspect.COST));
        assertEquals(List.of("$0.87/GPU·h", "—"), t.get(Comparison.Aspect.PRICE));
        List<String> said = differences(data);
        assertEquals("B against A: needs 9.4 GiB more memory per GPU; does not fit (30.8 GiB needed, 24.0 GiB on "
                + "the card), so no time or cost.", said.get(1));
        // The advice differs too: A fits as given, B does not fit on its card.
        assertEquals("Fit status — A: fits; B: no", said.get(2));
        assertEquals("Cheapest: A ($19.74). Fastest: A (22.4 h).", said.get(3));
        ReportDocument d = ComparisonContent.of(data);
        Chart.Lines lines = d.body().stream().filter(Chart.Lines.class::isInstance).map(Chart.Lines.class::cast)
                .findFirst().orElseThrow();
        assertEquals(List.of("A"), lines.lines().stream().map(l -> l.end().plain()).toList());
        assertTrue(d.body().stream().anyMatch(bl -> bl instanceof Paragraph p
                && p.text().plain().equals("No curve for B: it does not fit, or has no dataset size or price.")));
    }

    @Test
    void theSameInputsAreSaidToBeTheSame() {
        ComparisonData base = ReportFixtures.comparison(ReportLanguage.EN);
        ComparisonData same = new ComparisonData(base.meta(), List.of(base.scenarios().get(1),
                base.scenarios().get(1)));
        List<String> said = differences(same);
        assertEquals("The inputs compared here are the same in every scenario.", said.get(0));
        assertEquals("B against A: needs the same memory per GPU; takes the same time; costs the same.", said.get(1));
    }

    @Test
    void theVietnameseWordsHaveNoEnglishFunctionWordAndTheEnglishNoVietnameseLetter() {
        assertEquals(List.of(), Languages.englishFunctionWords(words(document(ReportLanguage.VI))));
        assertEquals(List.of(), Languages.vietnameseLetters(words(document(ReportLanguage.EN))));
        assertFalse(Languages.englishFunctionWords(words(document(ReportLanguage.EN))).isEmpty());
    }

    /** The report's own words: every span that is neither a name nor a citation. */
    private static String words(ReportDocument d) {
        StringBuilder out = new StringBuilder();
        d.texts().forEach(t -> t.of(Span.Kind.WORDS).forEach(s -> out.append(s).append('\n')));
        return out.toString();
    }
}
