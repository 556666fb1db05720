package org.finetuneplanner.service.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.InvalidValueException;

class PriceListJsonTest {

    /** The example of the spec's "Price lists" section, with its "…" filled in. */
    private static final String EXAMPLE = """
            {
              "format": "finetune-prices/1",
              "seller": { "name": "VinaGPU Cloud", "contact": "sales@example.vn", "website": "vinagpu.example" },
              "currency": "VND",
              "usd_rate": 25400,
              "rate_date": "2026-12-01",
              "quote_date": "2026-12-04",
              "valid_until": "2026-12-31",
              "offers": [
                { "gpu": "h100-sxm-80gb", "price_per_gpu_hour": 62000, "instance_gpus": [1, 2, 4, 8], "max_gpus": 64 },
                { "gpu": "rtx-4090-24gb", "price_per_gpu_hour": 9500, "instance_gpus": [1, 2, 4, 8], "max_gpus": 16 },
                { "gpu": { "id": "my-l20-48gb", "name": "NVIDIA L20 48GB", "memory_gib": 44.99, "bf16_tflops": 119.5,
                           "fp8": true, "interconnect": "pcie" }, "price_per_gpu_hour": 21000 }
              ]
            }""";

    private final Catalogs catalogs = Catalogs.load();
    private final PriceListJson json = new PriceListJson(catalogs);

    @Test
    void theSpecExampleReads() {
        PriceList list = json.read(EXAMPLE);
        assertEquals(new PriceList.Seller("VinaGPU Cloud", "sales@example.vn", "vinagpu.example"), list.seller());
        assertEquals("VND", list.currency());
        assertEquals(25_400, list.usdRate());
        assertEquals(Optional.of(LocalDate.of(2026, 12, 1)), list.rateDate());
        assertEquals(Optional.of(LocalDate.of(2026, 12, 31)), list.validUntil());
        assertEquals(3, list.offers().size());
        PriceList.Offer h100 = list.offers().get(0);
        assertEquals(new PriceList.CatalogGpu(catalogs.gpu("h100-sxm-80gb").orElseThrow()), h100.gpu());
        assertEquals(62_000, h100.pricePerGpuHour());
        assertEquals(List.of(1, 2, 4, 8), h100.instanceGpus());
        assertEquals(16, list.offers().get(1).maxGpus());
        PriceList.Offer l20 = list.offers().get(2);
        assertEquals(new PriceList.CustomGpu("my-l20-48gb", "NVIDIA L20 48GB", "", 44.99, 119.5, true,
                PriceList.Link.PCIE, OptionalDouble.empty(), OptionalInt.empty()), l20.gpu());
        assertEquals(List.of(1), l20.instanceGpus(), "rented one by one when not said");
        assertEquals(PriceListJson.DEFAULT_MAX_GPUS, l20.maxGpus());
    }

    /** Each row: a text replaced in the example, by what, and the start of the message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "finetune-prices/1" | "finetune-plan/1" | format = "finetune-plan/1": expected "finetune-prices/1"
            "format": "finetune-prices/1", | `` | format is missing: expected "finetune-prices/1"
            "VND" | "dong" | currency = "dong": expected an ISO 4217 currency code
            "VND" | "XYZ" | currency = "XYZ": expected an ISO 4217 currency code
            "VND" | "XAU" | currency = "XAU": expected an ISO 4217 currency code
            "VND" | "vnd" | currency = "vnd": expected an ISO 4217 currency code
            "VND" | "USD" | usd_rate = 25400: expected 1 for prices in US dollars
            25400 | -1 | usd_rate = -1: expected a number > 0 and ≤ 1000000000 (line 5, column 15)
            25400 | 0 | usd_rate = 0: expected a number > 0
            25400 | "abc" | usd_rate = "abc": expected a number
            "usd_rate": 25400, | `` | usd_rate is missing: expected units of VND per US dollar
            62000 | -62000 | offers[0].price_per_gpu_hour = -62000: expected a number ≥ 0
            "rtx-4090-24gb" | "h100-sxm-80gb" | offers[1].gpu = "h100-sxm-80gb": expected a GPU not offered before
            "my-l20-48gb" | "l40s-48gb" | offers[2].gpu.id = "l40s-48gb": expected an id the catalog does not use
            "my-l20-48gb" | "My L20" | offers[2].gpu.id = "My L20": expected lower-case letters
            "pcie" | "infiniband" | offers[2].gpu.interconnect = "infiniband": expected one of pcie, pcie5, nvlink
            "name": "VinaGPU Cloud", | `` | seller.name is missing: expected the seller's name
            "rtx-4090-24gb" | "rtx-9090" | offers[1].gpu = "rtx-9090": expected a GPU id of the catalog: h100-sxm
            9500 | "9500" | offers[1].price_per_gpu_hour = "9500": expected a number ≥ 0
            "memory_gib": 44.99, | `` | offers[2].gpu.memory_gib is missing: expected usable memory per GPU
            "max_gpus": 16 | "max_gpus": 2 | offers[1].instance_gpus[2] = 4: expected GPU counts from 1 to max_gpus (2)
            [1, 2, 4, 8], "max_gpus": 64 | [2, 1] | offers[0].instance_gpus[1] = 1: expected GPU counts from 1
            "2026-12-31" | "2026-12-01" | valid_until = "2026-12-01": expected a date on or after quote_date 2026-12-04
            "2026-12-01" | "1 Dec 2026" | rate_date = "1 Dec 2026": expected a date such as 2026-12-31
            """)
    void aBadValueIsRefusedNamingTheKey(String replaced, String by, String message) {
        assertTrue(EXAMPLE.contains(replaced), replaced);
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> json.read(EXAMPLE.replace(replaced, by == null ? "" : by)));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(message.split("[ =]")[0], e.key());
    }

    @Test
    void anUnknownGpuIsRefusedInTheWordsOfEachLanguage() {
        // Seen walking journey 4 in Vietnamese: "cần a GPU id of the catalog: …" (the allowed values were English).
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> json.read(EXAMPLE.replace("\"rtx-4090-24gb\"", "\"rtx-9090\"")));
        assertEquals(e.getMessage(), org.finetuneplanner.service.text.Words.english().message(e));
        assertTrue(e.getMessage().startsWith("offers[1].gpu = \"rtx-9090\": expected a GPU id of the catalog: "),
                e.getMessage());
        assertTrue(e.getMessage().contains(", or a GPU object"), e.getMessage());
        String vi = org.finetuneplanner.service.text.Words.forLocale(java.util.Locale.forLanguageTag("vi")).message(e);
        assertTrue(vi.startsWith("offers[1].gpu = \"rtx-9090\": cần một mã GPU của danh mục: "), vi);
        assertTrue(vi.endsWith(", hoặc một đối tượng GPU") || vi.contains(", hoặc một đối tượng GPU"), vi);
        assertTrue(!vi.contains("GPU id") && !vi.contains("a GPU object"), vi);
    }

    @Test
    void aFileThatIsNotAPriceListIsRefused() {
        assertEquals("price list = [1]: expected a JSON object {\"format\": \"finetune-prices/1\", …}",
                assertThrows(InvalidValueException.class, () -> json.read("[1]")).getMessage());
        assertTrue(assertThrows(InvalidValueException.class, () -> json.read("{\"offers\": ["))
                .getMessage().startsWith("not valid JSON at line 1"));
    }

    @Test
    void aListWrittenIsReadBackTheSame() {
        PriceList list = json.read(EXAMPLE);
        String written = PriceListJson.write(list);
        assertEquals(list, json.read(written));
        assertTrue(written.contains("\"price_per_gpu_hour\" : 62000,"), written);
    }

    @Test
    void aSavedListReplacesTheFileWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "old");
        PriceList list = json.read(EXAMPLE);
        PriceListJson.save(list, file);
        assertEquals(list, json.read(file));
        try (var names = Files.list(dir)) {
            assertEquals(List.of(file), names.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void anUnreadableFileIsAnIoErrorNotABadValue(@TempDir Path dir) {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> json.read(dir.resolve("missing.json")));
    }
}
