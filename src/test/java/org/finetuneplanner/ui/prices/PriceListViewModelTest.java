package org.finetuneplanner.ui.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.App;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.report.ExportViewModel;
import org.finetuneplanner.ui.shell.ScenarioFiles;

/**
 * File → Price list… and its editor: a seller's list in force prices the plan with only its offers in its currency;
 * a bad file or a bad edit is refused naming the key and the list in force stays; the editor saves what it shows,
 * its numbers typed as the interface's language writes them ("44,99", "1.234.000" in Vietnamese; "1.234" refused).
 */
class PriceListViewModelTest {
    private static final Path EXAMPLE = Path.of("docs/examples/price-list-vnd.json");

    @TempDir
    Path dir;

    private final PlannerViewModel planner = Fixtures.planner();
    private final PriceListFiles files = App.priceListFiles(Fixtures.CATALOGS);
    private final PriceListViewModel vm = new PriceListViewModel(planner, files, UiExecutors.direct(),
            () -> LocalDate.of(2026, 12, 5));

    private Plan plan() {
        return planner.results().shown().orElseThrow().plan();
    }

    private String said() {
        return vm.saidProperty().get().words(planner.messagesProperty().get());
    }

    private static List<String> pricedIds(Plan p) {
        return p.options().stream().filter(o -> o.estimate().cost().isPresent()).map(o -> o.gpu().id()).toList();
    }

    @Test
    void aVndListOfTwoCatalogGpusAndOneOfItsOwnIsThePlansOnlyOffers() {
        planner.messagesProperty().set(planner.messagesProperty().get().withLocale(Locale.forLanguageTag("vi")));
        int catalogOptions = plan().options().size();
        vm.open(EXAMPLE).join();

        assertEquals("VinaGPU Cloud", planner.priceListProperty().get().orElseThrow().seller().name());
        // The seller's own GPU can be chosen, after the catalog's.
        assertEquals("vina-l20-48gb", planner.inputs().gpus().get(planner.inputs().gpus().size() - 1).id());
        planner.inputs().gpuProperty().set(planner.inputs().gpus().stream()
                .filter(g -> g.id().equals("vina-l20-48gb")).findFirst().orElseThrow());
        Plan p = plan();
        assertTrue(catalogOptions > 3, "the catalog's plan tries every catalog GPU: " + catalogOptions);
        assertEquals(List.of("h100-sxm-80gb", "rtx-4090-24gb", "vina-l20-48gb"),
                p.options().stream().map(o -> o.gpu().id()).sorted().toList());
        assertEquals(List.of("h100-sxm-80gb", "rtx-4090-24gb", "vina-l20-48gb"), pricedIds(p).stream().sorted()
                .toList());
        for (PlanOption o : p.options()) {
            CostEstimate c = o.estimate().cost().orElseThrow();
            assertEquals("VND", c.exchange().currency());
            assertEquals("VinaGPU Cloud", c.provider());
        }
        // The H100 at 62,000 đồng per GPU-hour: 62,000 / 25,400 = 2.4409 US$ in the core, shown in đồng again.
        PlanOption h100 = p.option("h100-sxm-80gb").orElseThrow();
        assertEquals(62_000 / 25_400.0, h100.estimate().cost().orElseThrow().usdPerGpuHour(), 1e-9);
        Formats f = planner.formatsProperty().getValue();
        assertEquals("62.000\u00a0₫/GPU·giờ", f.usdPerGpuHour(h100.estimate().cost().orElseThrow()
                .usdPerGpuHour()));
        assertEquals("VND", f.money().currency());
        // The status bar states the seller, the currency and the rate with its date, never broken across lines.
        assertEquals("Bảng giá: VinaGPU Cloud (VND), 1\u00a0US$\u00a0= 25.400\u00a0₫ (tỷ giá ngày 01/12/2026)",
                vm.inForceProperty().getValue());
        assertTrue(said().contains("VinaGPU Cloud"), said());
    }

    @Test
    void clearingTheListGivesTheCatalogsPricesAndGpusBack() {
        int catalogGpus = planner.inputs().gpus().size();
        vm.open(EXAMPLE).join();
        planner.inputs().gpuProperty().set(planner.inputs().gpus().get(catalogGpus));
        assertEquals("vina-l20-48gb", planner.inputs().gpuProperty().get().id());

        vm.clear();
        assertEquals(Optional.empty(), planner.priceListProperty().get());
        assertEquals(catalogGpus, planner.inputs().gpus().size());
        assertEquals("l40s-48gb", planner.inputs().gpuProperty().get().id(), "the default GPU replaces the seller's");
        assertEquals("USD", planner.formatsProperty().getValue().money().currency());
        assertTrue(plan().options().size() > 3);
        assertTrue(plan().options().stream().flatMap(o -> o.estimate().cost().stream())
                .allMatch(c -> c.exchange().isUsd() && !c.provider().equals("VinaGPU Cloud")));
        assertEquals("", vm.inForceProperty().getValue());
        assertEquals("Catalog prices again: no price list is in force.", said());
    }

    @Test
    void aScenarioMayNameTheListsOwnGpuWhileTheListIsInForce() throws IOException {
        ScenarioFiles scenarios = App.scenarioFiles(Fixtures.CATALOGS, planner.priceListProperty());
        Path file = dir.resolve("l20.json");
        Files.writeString(file, """
                {"format": "finetune-plan/1", "name": "L20", "model": {"preset": "llama-3.1-8b"},
                 "method": {"type": "qlora", "rank": 16}, "hardware": {"gpu": "vina-l20-48gb"},
                 "data": {"tokens": 40000000}}""");
        RuntimeException unknown = assertThrows(RuntimeException.class,
                () -> scenarios.read(file));
        assertTrue(unknown.getMessage().contains("vina-l20-48gb"), unknown.getMessage());

        vm.open(EXAMPLE).join();
        Scenario read = scenarios.read(file);
        assertEquals(44.99, read.hardware().gpu().usableMemoryGib());
        Path again = dir.resolve("again.json");
        scenarios.write(read, again);
        assertEquals(read, scenarios.read(again));
    }

    @Test
    void theAppsReportQuotesTheListInForce() {
        ExportViewModel export = new ExportViewModel(ReportService.standard(Fixtures.CATALOGS.gpus(),
                Estimator.standard()::estimate, Estimator.standard()::explain, ReportAccuracy::none,
                new PdfReportExporter()), UiExecutors.direct(), file -> { }, () -> LocalDate.of(2026, 12, 5));
        // As App wires it.
        export.pricesProperty().bind(planner.priceListProperty());
        assertEquals(Optional.empty(), export.currentMeta().prices());
        vm.open(EXAMPLE).join();
        assertEquals(planner.priceListProperty().get(), export.currentMeta().prices());
        assertEquals("VND", export.currentMeta().money().currency());
        vm.clear();
        assertEquals(Optional.empty(), export.currentMeta().prices());
    }

    /** Each row: a text of the example replaced, by what, the key the refusal names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "finetune-prices/1" | "finetune-plan/1" | format
            "rtx-4090-24gb" | "rtx-9090" | offers[1].gpu
            9500 | -9500 | offers[1].price_per_gpu_hour
            "VND" | "VNX" | currency
            25400 | 0 | usd_rate
            """)
    void aBadFileIsRefusedNamingTheKeyAndTheListInForceStays(String replaced, String by, String key)
            throws IOException {
        vm.open(EXAMPLE).join();
        PriceList inForce = planner.priceListProperty().get().orElseThrow();
        Plan before = plan();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(EXAMPLE).replace(replaced, by));

        vm.open(bad).join();
        assertTrue(said().startsWith("Could not use bad.json: "), said());
        assertTrue(said().contains(key), said());
        assertTrue(said().endsWith("The price list in force stays."), said());
        assertEquals(1, said().lines().count());
        assertEquals(inForce, planner.priceListProperty().get().orElseThrow());
        assertEquals(before, plan());
    }

    @Test
    void theEditorSavesTheListInForceWithAnEditAndPutsItInForce() throws IOException {
        vm.open(EXAMPLE).join();
        PriceList original = planner.priceListProperty().get().orElseThrow();
        vm.edit();
        PriceListEditorViewModel editor = vm.editor();
        assertEquals("VND", editor.currencyProperty().get());
        assertEquals("25400", editor.rateProperty().get());
        assertEquals(3, editor.offers().size());
        OfferRow l20 = editor.offers().get(2);
        assertTrue(l20.isCustom());
        assertEquals("44.99", l20.memoryProperty().get());
        assertEquals("1, 2, 4, 8", l20.unitsProperty().get());

        // Unchanged, the editor writes the list it was given.
        Path same = dir.resolve("same.json");
        assertTrue(vm.saveAndUse(same).join());
        assertEquals(original, files.read(same));

        editor.offers().get(1).priceProperty().set("9\u00a0900");
        Path file = dir.resolve("prices.json");
        assertTrue(vm.saveAndUse(file).join());
        PriceList saved = files.read(file);
        assertEquals(9_900, saved.offers().get(1).pricePerGpuHour());
        assertEquals(original.offers().get(2), saved.offers().get(2), "the custom GPU's vendor, bandwidth, power kept");
        assertEquals(saved, planner.priceListProperty().get().orElseThrow());
        assertEquals("Saved the price list to prices.json; VinaGPU Cloud's prices are in force.", said());
    }

    @Test
    void aNewListFromTheEditorWithACatalogAndACustomGpu() throws IOException {
        vm.edit();
        PriceListEditorViewModel editor = vm.editor();
        assertEquals("2026-12-05", editor.quoteDateProperty().get());
        editor.sellerProperty().set("Saigon Compute");
        editor.currencyProperty().set("eur");
        editor.rateProperty().set("0.92");
        OfferRow h100 = editor.addCatalogOffer();
        h100.gpuProperty().set("h100-sxm-80gb");
        h100.priceProperty().set("2.10");
        h100.unitsProperty().set("1 2 4 8");
        OfferRow own = editor.addCustomOffer();
        own.gpuProperty().set("sg-l20-48gb");
        own.nameProperty().set("L20 48GB");
        own.memoryProperty().set("44.99");
        own.tflopsProperty().set("119.5");
        own.fp8Property().set(true);
        own.priceProperty().set("0.80");
        Path file = dir.resolve("new.json");
        assertTrue(vm.saveAndUse(file).join());

        PriceList read = files.read(file);
        assertEquals("EUR", read.currency());
        assertEquals(0.92, read.usdRate());
        assertEquals(List.of(1, 2, 4, 8), read.offers().get(0).instanceGpus());
        PriceList.CustomGpu l20 = (PriceList.CustomGpu) read.offers().get(1).gpu();
        assertEquals(44.99, l20.memoryGib());
        assertEquals(119.5, l20.bf16Tflops());
        assertTrue(l20.fp8());
        assertEquals(PriceList.Link.PCIE, l20.interconnect());
        assertEquals(read, planner.priceListProperty().get().orElseThrow());
        // 2.10 € per GPU-hour at 0.92 € per dollar: 2.10 / 0.92 = 2.2826 US$ in the core.
        planner.inputs().gpuProperty().set(Fixtures.gpu("h100-sxm-80gb"));
        assertEquals(2.10 / 0.92, plan().option("h100-sxm-80gb").orElseThrow().estimate().cost().orElseThrow()
                .usdPerGpuHour(), 1e-9);
    }

    /** Each row: the field set, its value, the key the editor's problem names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            currency | VNX | currency
            rate | -3 | usd_rate
            rate | abc | usd_rate
            price | -9500 | offers[0].price_per_gpu_hour
            gpu | rtx-9090 | offers[0].gpu
            """)
    void aBadEditIsNamedAndNothingIsWrittenOrPutInForce(String field, String value, String key) throws IOException {
        vm.open(EXAMPLE).join();
        PriceList inForce = planner.priceListProperty().get().orElseThrow();
        vm.edit();
        PriceListEditorViewModel editor = vm.editor();
        switch (field) {
            case "currency" -> editor.currencyProperty().set(value);
            case "rate" -> editor.rateProperty().set(value);
            case "price" -> editor.offers().get(0).priceProperty().set(value);
            default -> editor.offers().get(0).gpuProperty().set(value);
        }
        Path file = dir.resolve("edited.json");
        assertFalse(vm.saveAndUse(file).join());
        String problem = editor.problemProperty().getValue();
        assertTrue(problem.contains(key), problem);
        assertEquals(1, problem.lines().count(), problem);
        assertTrue(said().contains(key), said());
        assertFalse(Files.exists(file));
        assertEquals(inForce, planner.priceListProperty().get().orElseThrow());
        assertEquals(value, field.equals("currency") ? editor.currencyProperty().get()
                : field.equals("rate") ? editor.rateProperty().get()
                : field.equals("price") ? editor.offers().get(0).priceProperty().get()
                : editor.offers().get(0).gpuProperty().get(), "the field keeps what was typed");
    }

    @Test
    void theProblemNamesTheKeyAndNoPlaceInATextNobodySaw() {
        vm.edit();
        vm.editor().sellerProperty().set("X");
        vm.editor().addCatalogOffer().priceProperty().set("-1");
        assertFalse(vm.editor().check().isPresent());
        String problem = vm.editor().problemProperty().getValue();
        assertTrue(problem.startsWith("offers[0].price_per_gpu_hour = -1"), problem);
        assertFalse(problem.contains("column") || problem.contains("line"), problem);
        vm.editor().offers().get(0).priceProperty().set("1");
        assertTrue(vm.editor().check().isPresent());
        assertEquals("", vm.editor().problemProperty().getValue(), "a passing check clears the problem");
    }

    private void inLanguage(String tag) {
        planner.messagesProperty().set(planner.messagesProperty().get().withLocale(Locale.forLanguageTag(tag)));
    }

    // ---- the editor's numbers in the interface's language -------------------------------------------------------

    @Test
    void vietnameseTypesADecimalCommaAndDotsBetweenThousands() throws IOException {
        inLanguage("vi");
        vm.open(EXAMPLE).join();
        vm.edit();
        PriceListEditorViewModel editor = vm.editor();
        OfferRow l20 = editor.offers().get(2);
        // The example's 44.99 GiB is shown as Vietnamese writes it; whole numbers without grouping.
        assertEquals("44,99", l20.memoryProperty().get());
        assertEquals("25400", editor.rateProperty().get());

        editor.rateProperty().set("25.450");
        // Ambiguous: the plain 25.45 or twenty-five thousand four hundred and fifty: refused, the key named.
        Path file = dir.resolve("vi.json");
        assertFalse(vm.saveAndUse(file).join());
        assertEquals("usd_rate: “25.450” chưa rõ là số nào, hãy gõ 25,45 hoặc 25450",
                editor.problemProperty().getValue());
        assertFalse(Files.exists(file));

        editor.rateProperty().set("25.450,5");
        editor.offers().get(0).priceProperty().set("1.234.000");
        l20.memoryProperty().set("44,5");
        l20.tflopsProperty().set("119.5");
        assertTrue(vm.saveAndUse(file).join(), editor.problemProperty().getValue());
        PriceList saved = files.read(file);
        assertEquals(25_450.5, saved.usdRate());
        assertEquals(1_234_000, saved.offers().get(0).pricePerGpuHour());
        PriceList.CustomGpu gpu = (PriceList.CustomGpu) saved.offers().get(2).gpu();
        assertEquals(44.5, gpu.memoryGib());
        assertEquals(119.5, gpu.bf16Tflops(), "the plain form, read in Vietnamese too");
    }

    @Test
    void englishGroupsWithCommasAndRefusesADecimalComma() throws IOException {
        vm.open(EXAMPLE).join();
        vm.edit();
        PriceListEditorViewModel editor = vm.editor();
        assertEquals("44.99", editor.offers().get(2).memoryProperty().get());
        editor.offers().get(0).priceProperty().set("1,234.5");
        Path file = dir.resolve("en.json");
        assertTrue(vm.saveAndUse(file).join(), editor.problemProperty().getValue());
        assertEquals(1_234.5, files.read(file).offers().get(0).pricePerGpuHour());

        // "44,99" is no English number: the check names the field, as for any text that is no number.
        editor.offers().get(2).memoryProperty().set("44,99");
        Path other = dir.resolve("other.json");
        assertFalse(vm.saveAndUse(other).join());
        assertTrue(editor.problemProperty().getValue().contains("offers[2].gpu.memory_gib"),
                editor.problemProperty().getValue());
        assertFalse(Files.exists(other));
    }

    @Test
    void theProblemFollowsTheLanguage() {
        inLanguage("vi");
        vm.open(EXAMPLE).join();
        vm.edit();
        vm.editor().offers().get(1).priceProperty().set("9.500");
        assertTrue(vm.editor().check().isEmpty());
        assertEquals("offers[1].price_per_gpu_hour: “9.500” chưa rõ là số nào, hãy gõ 9,5 hoặc 9500",
                vm.editor().problemProperty().getValue());
        // The two readings found in Vietnamese, each as English types it.
        inLanguage("en");
        assertEquals("offers[1].price_per_gpu_hour: \u201c9.500\u201d is ambiguous, type 9.5 or 9500",
                vm.editor().problemProperty().getValue());
    }
}
