package org.finetuneplanner.service.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
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
        assertEquals(new PriceList.CustomGpu("my-l20-48gb", "NVIDIA L20 48GB", 44.99, 119.5, true, "pcie"), l20.gpu());
        assertEquals(List.of(1), l20.instanceGpus(), "rented one by one when not said");
        assertEquals(PriceListJson.DEFAULT_MAX_GPUS, l20.maxGpus());
    }

    /** Each row: a text replaced in the example, by what, and the start of the message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "finetune-prices/1" | "finetune-plan/1" | format = "finetune-plan/1": expected "finetune-prices/1"
            "format": "finetune-prices/1", | `` | format is missing: expected "finetune-prices/1"
            "VND" | "dong" | currency = "dong": expected an ISO 4217 code
            25400 | -1 | usd_rate = -1: expected a number > 0 and ≤ 1000000000 (line 5, column 15)
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
    void aFileThatIsNotAPriceListIsRefused() {
        assertEquals("price list = [1]: expected a JSON object {\"format\": \"finetune-prices/1\", …}",
                assertThrows(InvalidValueException.class, () -> json.read("[1]")).getMessage());
        assertTrue(assertThrows(InvalidValueException.class, () -> json.read("{\"offers\": ["))
                .getMessage().startsWith("not valid JSON at line 1"));
    }
}
