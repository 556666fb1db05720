package org.finetuneplanner.ui.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.App;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;

/**
 * The price list editor's numbers in the interface's language: in Vietnamese "44,99" and "1.234.000" (and the plain
 * "44.99"), in English "1,234.5"; a number that may be read two ways refused naming its key, nothing written.
 */
class PriceListEditorNumbersTest {
    private static final Path EXAMPLE = Path.of("docs/examples/price-list-vnd.json");

    @TempDir
    Path dir;

    private final PlannerViewModel planner = Fixtures.planner();
    private final PriceListFiles files = App.priceListFiles(Fixtures.CATALOGS);
    private final PriceListViewModel vm = new PriceListViewModel(planner, files, UiExecutors.direct(),
            () -> LocalDate.of(2026, 12, 5));

    private void inLanguage(String tag) {
        planner.messagesProperty().set(planner.messagesProperty().get().withLocale(Locale.forLanguageTag(tag)));
    }

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
