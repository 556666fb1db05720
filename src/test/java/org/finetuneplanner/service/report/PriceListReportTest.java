package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.prices.PriceListJson;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;

/**
 * A report that quotes a seller's price list names only that seller, with contact, quote date and validity,
 * currency and exchange rate with its date; no other provider's name or price anywhere (options, summary,
 * sensitivity, comparison, the appendix's price sources), checked on the text extracted from the PDFs.
 */
class PriceListReportTest {
    private static final Catalogs CATALOGS = Catalogs.load();
    private static final Estimator ESTIMATOR = Estimator.standard();
    private static PriceList list;
    private static String vietnamese;
    private static String comparison;
    private static ReportData data;

    @BeforeAll
    static void render() throws IOException {
        list = new PriceListJson(CATALOGS).read(Path.of("docs/examples/price-list-vnd.json"));
        ScenarioJson reader = new ScenarioJson(CATALOGS.withGpus(list.customGpus()));
        Scenario qlora = reader.read("""
                {"name": "Llama 3.1 8B QLoRA", "model": {"preset": "llama-3.1-8b"},
                 "method": {"type": "qlora", "rank": 16}, "training": {"micro_batch_size": 4,
                 "sequence_length": 4096, "activation_checkpointing": "full"},
                 "hardware": {"gpu": "l40s-48gb"}, "data": {"tokens": 40000000}}""");
        Scenario lora = reader.read("""
                {"name": "Llama 3.1 8B LoRA", "model": {"preset": "llama-3.1-8b"},
                 "method": {"type": "lora", "rank": 16}, "training": {"micro_batch_size": 4,
                 "sequence_length": 4096, "activation_checkpointing": "full"},
                 "hardware": {"gpu": "vina-l20-48gb"}, "data": {"tokens": 40000000}}""");
        ReportService service = ReportService.standard(CATALOGS.gpus(), ESTIMATOR::estimate, ESTIMATOR::explain,
                ReportAccuracy::none, new PdfReportExporter());
        ReportMeta meta = ReportMeta.defaults(LocalDate.of(2026, 12, 5)).withLanguage(ReportLanguage.VI)
                .withPeople("Công ty Luật Hồng Đức", "VinaGPU Cloud", "Nguyễn Thị Ánh")
                .withPrices(Optional.of(list));
        data = service.prepare(qlora, meta);
        vietnamese = text(new PdfReportExporter().render(data));
        ComparisonData both = service.prepareComparison(List.of(qlora, lora), meta.withLanguage(ReportLanguage.EN));
        comparison = text(new PdfReportExporter().render(both));
    }

    /** All the text of a PDF: the report's words and the names and citations in spans of their own. */
    private static String text(byte[] pdf) throws IOException {
        PdfWords.Split split = PdfWords.of(pdf);
        return split.words() + "\n" + split.marked();
    }

    /** Every provider the GPU catalog names for any price, current or superseded. */
    private static Set<String> catalogProviders() {
        Set<String> names = new TreeSet<>();
        for (var gpu : CATALOGS.gpus()) {
            CATALOGS.priceHistory(gpu.id()).stream().map(GpuPrice::provider).forEach(names::add);
        }
        return names;
    }

    @Test
    void noCatalogProviderIsNamedAnywhere() {
        Set<String> providers = catalogProviders();
        assertTrue(providers.size() > 5, "the catalog names its providers: " + providers);
        for (String text : List.of(vietnamese, comparison)) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String provider : providers) {
                assertFalse(lower.contains(provider.toLowerCase(Locale.ROOT)), provider + " is named");
            }
        }
    }

    @Test
    void theSellersQuoteIsStatedWithRateAndDates() {
        ReportFormats f = new ReportFormats(ReportLanguage.VI, list.exchange());
        for (String expected : List.of("VinaGPU Cloud", "sales@vinagpu.example", "Bên bán", "Hiệu lực đến",
                "31/12/2026", "04/12/2026", "1\u00a0US$ = 25.400\u00a0₫, tỷ giá ngày 01/12/2026", "VND")) {
            assertTrue(vietnamese.contains(expected), expected);
        }
        assertTrue(comparison.contains("$1 = 25,400\u00a0VND, rate of"), "the English rate");
        assertEquals("62.000\u00a0₫/GPU·giờ", f.usdPerGpuHour(62_000 / 25_400.0));
    }

    @Test
    void everyAmountIsInDongAndNeverSplitFromItsSign() {
        // Only the seller's GPUs are planned, each at its price in đồng.
        assertEquals(List.of("l40s-48gb", "h100-sxm-80gb", "rtx-4090-24gb", "vina-l20-48gb"),
                data.plan().options().stream().map(o -> o.gpu().id()).toList());
        PlanOption rec = data.recommended().orElseThrow();
        ReportFormats f = new ReportFormats(ReportLanguage.VI, list.exchange());
        String total = f.usd(rec.cost().orElseThrow().usd());
        assertTrue(total.endsWith("\u00a0₫"), total);
        assertTrue(vietnamese.contains(total), total);
        assertEquals(1, vietnamese.split("US\\$", -1).length - 1, "no dollar amount but the rate's one dollar");
        assertFalse(vietnamese.matches("(?s).*\\d ₫.*"), "a đồng amount is joined to its sign by a no-break space");
    }
}
