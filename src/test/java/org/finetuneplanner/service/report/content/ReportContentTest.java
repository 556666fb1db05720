package org.finetuneplanner.service.report.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.BandGroup;
import org.finetuneplanner.core.range.ErrorBand;
import org.finetuneplanner.core.range.ErrorBands;
import org.finetuneplanner.core.range.Quantity;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.service.report.Languages;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFixtures;
import org.finetuneplanner.service.report.ReportLanguage;
import org.junit.jupiter.api.Test;

/** What the report says, read from its content model: no PDF, no fonts, no pages. */
class ReportContentTest {

    private static ReportDocument document(ReportLanguage lang) {
        return ReportContent.of(ReportFixtures.data(lang, PaperSize.A4));
    }

    /** The report's own words: every span that is neither a name nor a citation. */
    private static String words(ReportDocument d) {
        StringBuilder out = new StringBuilder();
        d.texts().forEach(t -> t.of(Span.Kind.WORDS).forEach(s -> out.append(s).append('\n')));
        d.late().page(3, 11).of(Span.Kind.WORDS).forEach(s -> out.append(s).append('\n'));
        return out.toString();
    }

    private static List<String> headings(ReportDocument d) {
        return d.sections().stream().map(h -> h.text().plain()).toList();
    }

    @Test
    void theSectionsComeInTheOrderOfAQuoteInBothLanguages() {
        assertEquals(List.of("Summary", "The scenario", "Memory per GPU", "GPU options compared", "Cost over time",
                "Sensitivity: what if…", "Next steps", "Glossary", "Assumptions and method"),
                headings(document(ReportLanguage.EN)));
        assertEquals(List.of("Tóm tắt", "Kịch bản", "Bộ nhớ trên mỗi GPU", "So sánh các phương án GPU",
                "Chi phí theo thời gian", "Độ nhạy: nếu thay đổi thì sao?", "Các bước tiếp theo", "Thuật ngữ",
                "Giả định và phương pháp"), headings(document(ReportLanguage.VI)));
    }

    @Test
    void theVietnameseWordsHaveNoEnglishFunctionWordAndTheEnglishNoVietnameseLetter() {
        assertEquals(List.of(), Languages.englishFunctionWords(words(document(ReportLanguage.VI))));
        assertEquals(List.of(), Languages.vietnameseLetters(words(document(ReportLanguage.EN))));
        // Not vacuous: the same checks the other way round find plenty.
        assertTrue(Languages.englishFunctionWords(words(document(ReportLanguage.EN))).size() > 100);
        assertTrue(Languages.vietnameseLetters(words(document(ReportLanguage.VI))).size() > 100);
    }

    @Test
    void namesAreNameSpansInsideTheSentences() {
        ReportDocument d = document(ReportLanguage.VI);
        Paragraph lead = d.body().stream().filter(b -> b instanceof Paragraph p
                && p.style() == Paragraph.Style.LEAD).map(b -> (Paragraph) b).findFirst().orElseThrow();
        assertEquals(List.of("NVIDIA L40S 48GB"), lead.text().of(Span.Kind.NAME));
        assertTrue(lead.text().plain().startsWith("Đề xuất: 1 × NVIDIA L40S 48GB, "), lead.text().plain());
        assertEquals(List.of("Công ty Cổ phần Dữ liệu Việt"), d.cover().entries().get(0).value().of(Span.Kind.NAME));
    }

    @Test
    void vietnameseNumbersGroupWithDotsAndMarkDecimalsWithCommas() {
        String vi = words(document(ReportLanguage.VI));
        // Fixture: the model's weights term puts in N = 8,030,261,248 parameters.
        assertTrue(vi.contains("8.030.261.248"), "grouping with dots");
        // Fixture gradients: 0.08 GiB → "0,1" with one decimal in the memory table.
        assertTrue(vi.contains("0,1") && !vi.contains("0.1\n"), "decimals with a comma");
        assertTrue(words(document(ReportLanguage.EN)).contains("8,030,261,248"));
    }

    @Test
    void theBudgetsContingencyTakesItToTheHighEndOfTheCostRange() {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        // A speed band for LoRA on one GPU, chosen by hand: 9 runs, e10 = -10 %, e90 = +30 %.
        ErrorBand speed = new ErrorBand(BandGroup.of(Quantity.SPEED, FineTuneMethod.LORA, false), 9, -0.10, 0.05,
                0.30);
        ReportAccuracy acc = base.accuracy().withBands(new ErrorBands(List.of(speed)));
        PlanOption own = base.recommended().orElseThrow();
        Ranges ranges = acc.confidence().of(own.estimate());
        PlanOption rec = new PlanOption(own.gpu(), own.estimate(), ranges, own.adjustments(), own.reasons(),
                own.caveats(), own.largestMicroBatch(), own.largestSequenceLength(), own.sequencesPerStep(), true);
        ReportData data = new ReportData(base.meta(), base.scenario(), base.estimate(), base.plan(),
                Optional.of(rec), base.sensitivity(), acc, base.explanation());
        Table budget = budget(ReportContent.of(data));
        // Fixture cost: 1 GPU × $0.87 × 16.83 h + $0.25 storage = $14.8921. The cost follows the hours, whose range
        // is hours × (1 + e10) to hours × (1 + e90): $13.40289–$19.35973. Contingency = high − estimate =
        // 14.8921 × 0.30 = $4.46763 → "$4.47", +30 %; budget = $19.35973 → "$19.36".
        assertEquals(List.of("Estimated cost", "$14.89"), row(budget, 0));
        assertEquals(List.of("Contingency (+30%)", "$4.47"), row(budget, 1));
        assertEquals(List.of("Budget with contingency", "$19.36"), row(budget, 2));
        assertTrue(budget.rows().get(2).highlighted());
        String note = budget.footnote().orElseThrow().plain();
        assertTrue(note.contains("($13.40–$19.36)") && note.contains("takes 30% longer")
                && note.contains("9 published LoRA runs on one GPU"), note);
    }

    @Test
    void withoutErrorBandsTheBudgetSaysNoContingencyIsAdded() {
        // The fixture's accuracy has no error bands: every range is zero wide.
        Table budget = budget(document(ReportLanguage.EN));
        assertEquals(1, budget.rows().size());
        assertTrue(budget.footnote().orElseThrow().plain().startsWith("No error bands"),
                budget.footnote().orElseThrow().plain());
    }

    private static Table budget(ReportDocument d) {
        for (int i = 0; i < d.body().size() - 1; i++) {
            if (d.body().get(i) instanceof Heading h && h.text().plain().equals("Budget")) {
                return (Table) d.body().get(i + 1);
            }
        }
        throw new AssertionError("no budget");
    }

    private static List<String> row(Table t, int r) {
        return t.rows().get(r).cells().stream().map(c -> c.text().plain()).toList();
    }

    @Test
    void theGlossaryExplainsTheSameTermsInBothLanguages() {
        for (ReportLanguage lang : ReportLanguage.values()) {
            ReportDocument d = document(lang);
            Table glossary = null;
            for (int i = 0; i < d.body().size() - 1; i++) {
                if (d.body().get(i) instanceof Heading h && h.level() == 1
                        && h.text().plain().equals(lang == ReportLanguage.EN ? "Glossary" : "Thuật ngữ")) {
                    glossary = (Table) d.body().get(i + 1);
                }
            }
            List<String> terms = glossary.rows().stream().map(r -> r.cells().get(0).text().plain()).toList();
            assertEquals(List.of("LoRA", "QLoRA", "NF4", "DDP", "FSDP", "ZeRO", "MFU", "GiB",
                    lang == ReportLanguage.EN ? "tokens/s" : "token/giây"), terms);
            glossary.rows().forEach(r -> assertTrue(r.cells().get(1).text().plain().length() > 40));
        }
    }

    @Test
    void priceDatesAreWrittenInTheReportsLanguageAndAMissingDateSaysSo() {
        Wording en = new Wording(ReportLanguage.EN);
        Wording vi = new Wording(ReportLanguage.VI);
        assertEquals("August 22, 2026", en.priceDate("2026-08-22"));
        assertEquals("22/08/2026", vi.priceDate("2026-08-22"));
        assertEquals("June 2026", en.priceDate("2026-06"));
        assertEquals("06/2026", vi.priceDate("2026-06"));
        assertEquals("2026", vi.priceDate("2026"));
        assertEquals("undated", en.priceDate("undated"));
        assertEquals("không ghi ngày", vi.priceDate("undated"));
        assertEquals("không ghi ngày", vi.priceDate(""));
    }

    @Test
    void aSourceKeepsWhatItQuotesAsACitation() {
        Text t = MethodSection.quoted("Bekman ml-engineering ('factor of 6 instead of 4' cho việc chuyển b·s·V)");
        assertEquals(List.of("'factor of 6 instead of 4'"), t.of(Span.Kind.CITATION));
        assertEquals("Bekman ml-engineering (", t.of(Span.Kind.WORDS).get(0));
        // An apostrophe inside a word neither opens nor closes a quotation.
        Text torchtune = MethodSection.quoted("README ('we don't support mixed-precision training': bf16)");
        assertEquals(List.of("'we don't support mixed-precision training'"), torchtune.of(Span.Kind.CITATION));
    }

    @Test
    void aFormulaKeepsEachNumberWithItsUnit() {
        assertEquals("N_linear × 2\u00a0B / 1", MethodSection.glue("N_linear × 2 B / 1"));
        assertEquals("0,25\u00a0GiB + 4\u00a0bit", MethodSection.glue("0,25 GiB + 4 bit"));
        assertEquals("2 Bytes", MethodSection.glue("2 Bytes"), "only a unit on its own");
    }

    @Test
    void aLongNameInRunningTextIsShortenedAndTheFileKeepsItToItsCap() {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        String longName = "Nguyễn ".repeat(20_000);
        ReportDocument d = ReportContent.of(base.withMeta(base.meta().withPeople("c", "Acme", longName)
                .withTitle(longName)));
        BulletList steps = (BulletList) d.body().get(d.body().indexOf(d.sections().get(6)) + 1);
        String contact = steps.items().get(steps.items().size() - 1).plain();
        assertTrue(contact.length() < Wording.NAME_IN_TEXT + 80 && contact.contains("…"), contact);
        assertTrue(d.metadata().title().length() <= ReportContent.METADATA_CHARACTERS + 1);
        assertTrue(d.metadata().title().startsWith("Fine-tuning plan — Nguyễn Nguyễn"));
        assertEquals(longName.strip(), d.cover().subtitle().plain(), "the cover gets it whole and fits it itself");
    }

    @Test
    void withoutARecommendationTheNextStepsSayWhatToChange() {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        ReportData none = new ReportData(base.meta(), base.scenario(), base.estimate(), base.plan(), Optional.empty(),
                base.sensitivity(), base.accuracy(), base.explanation());
        ReportDocument d = ReportContent.of(none);
        BulletList steps = (BulletList) d.body().get(d.body().indexOf(d.sections().get(6)) + 1);
        assertTrue(steps.items().get(0).plain().startsWith("No option fits within 64"), steps.items().get(0).plain());
        assertFalse(d.body().stream().anyMatch(b -> b instanceof Heading h && h.text().plain().equals("Budget")));
    }

    @Test
    void everyOptionOfThePlanIsARowOfTheOptionsTable() {
        ReportData data = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        ReportDocument d = ReportContent.of(data);
        Table options = (Table) d.body().get(d.body().indexOf(d.sections().get(3)) + 2);
        assertEquals(data.plan().options().size(), options.rows().size());
        List<String> names = options.rows().stream().map(r -> r.cells().get(0).text().plain()).toList();
        for (PlanOption o : data.plan().options()) {
            assertTrue(names.contains(o.gpu().name()), o.gpu().name());
        }
        assertEquals(1, options.rows().stream().filter(Table.Row::highlighted).count(), "the recommended one");
        assertEquals(Table.Cell.Kind.FIGURE, options.rows().get(0).cells().get(6).kind(), "a cost is a figure");
    }
}
