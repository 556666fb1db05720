package org.finetuneplanner.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.finetuneplanner.core.PlanFixtures;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A seller's price list as the one source of prices: instances, currency, and nothing of the catalog's. */
class SellerPricesTest {

    /** The catalog lists this GPU at $2.00/h from "Alpha": a price list in force must never use it. */
    private final GpuSpec gpu = PlanFixtures.roundGpu(List.of(
            new GpuPrice("Alpha", "1x", 1, 2.00, "on-demand", "2026-10-01", "alpha page")));
    private final GpuSpec other = PlanFixtures.pcieGpu();
    /** 25,400 đồng per dollar; the GPU at 62,000 ₫ per GPU-hour in instances of 1, 2, 4 or 8, at most 16. */
    private final SellerPrices vina = new SellerPrices("VinaGPU Cloud", new Exchange("VND", 25_400),
            List.of(new SellerOffer(gpu, 62_000, List.of(1, 2, 4, 8), 16)), "2026-12-04");
    private final CostProjector projector = new CostProjector(CostAssumptions.defaults(), Optional.of(vina));

    private Scenario on(GpuSpec g, int gpus) {
        return PlanFixtures.fullOn(g).withHardware(HardwareSpec.of(g, gpus, Sharding.FSDP, Offload.NONE));
    }

    @ParameterizedTest(name = "{0} GPUs rent {1}")
    @CsvSource(textBlock = """
            1, 1
            3, 4
            5, 8
            8, 8
            9, 16
            12, 16
            16, 16
            """)
    void aJobRentsTheSmallestInstanceThatHoldsItOrWholeLargestOnes(int gpus, int rented) {
        assertEquals(OptionalInt.of(rented), vina.offers().get(0).rented(gpus));
    }

    @Test
    void noMoreThanTheLargestJobIsRented() {
        // 17 GPUs would be 3 instances of 8 = 24 > max_gpus 16.
        assertEquals(OptionalInt.empty(), vina.offers().get(0).rented(17));
        assertTrue(projector.rental(on(gpu, 17)).isEmpty());
        assertEquals("cost.offer_limit", projector.whyNoCost(on(gpu, 17)).orElseThrow().code());
    }

    @Test
    void theSellersPriceIsConvertedToDollarsAndShownBackInItsCurrency() {
        // 62,000 ₫ / 25,400 ₫ per $ = $2.440945 per GPU-hour. Three GPUs rent an instance of 4:
        // 4 · 62,000 ₫ · 10 h = 2,480,000 ₫ = $97.6378 of GPU time.
        CostEstimate c = projector.project(on(gpu, 3), 10, null).orElseThrow();
        assertEquals(62_000.0 / 25_400, c.usdPerGpuHour(), 1e-12);
        assertEquals(4, c.rentedGpus());
        assertEquals(4, c.rentalUnit());
        assertEquals(2_480_000.0, c.exchange().fromUsd(c.gpuUsd()), 1e-6);
        assertEquals(97.6378, c.gpuUsd(), 1e-4);
        assertEquals(62_000.0, c.exchange().fromUsd(c.usdPerGpuHour()), 1e-9);
        assertEquals("VinaGPU Cloud", c.provider());
        assertEquals(PriceOrigin.SELLER, c.origin());
        assertEquals("2026-12-04", c.priceSeen(), "every price of the list was seen on the quote's date");
        assertEquals("VND", c.exchange().currency());
    }

    @Test
    void catalogFiguresAreConvertedWithTheListsRate() {
        // Energy: 2 GPUs · 500 W · 730 h · PUE 1.4 / 1000 = 1,022 kWh at $0.15 = $153.30 → 153.30 · 25,400 =
        // 3,893,820 ₫. Storage: two 94.338 GB checkpoints for one month at $0.023/GB-month = $4.3396 → 110,226 ₫.
        CostEstimate c = projector.project(on(gpu, 2), 730, PlanFixtures.fullCounts()).orElseThrow();
        assertEquals(3_893_820.0, c.exchange().fromUsd(c.energyUsd()), 1e-3);
        assertEquals(110_226, c.exchange().fromUsd(c.storageUsd()), 3);
        // GPUs: 2 · 62,000 · 730 = 90,520,000 ₫; total = GPUs + storage.
        assertEquals(90_520_000.0 + c.exchange().fromUsd(c.storageUsd()), c.exchange().fromUsd(c.usd()), 1e-3);
    }

    @Test
    void aGpuTheListDoesNotOfferHasNoPriceEvenWhenTheCatalogOrTheScenarioHasOne() {
        assertTrue(projector.rental(on(other, 1)).isEmpty());
        assertEquals("cost.not_offered", projector.whyNoCost(on(other, 1)).orElseThrow().code());
        Scenario own = on(gpu, 1).withCost(new CostSpec(OptionalDouble.of(1.0), Optional.of("alpha"),
                OptionalDouble.empty()));
        // The scenario's own $1.00 and the catalog's Alpha give way to the list: 62,000 ₫.
        assertEquals(62_000.0, projector.project(own, 1, null).orElseThrow().exchange()
                .fromUsd(projector.project(own, 1, null).orElseThrow().usdPerGpuHour()), 1e-9);
    }

    @Test
    void withoutAListTheCatalogPricesStayInDollars() {
        CostEstimate c = new CostProjector().project(on(gpu, 1), 1, null).orElseThrow();
        assertEquals("Alpha", c.provider());
        assertEquals(Exchange.USD, c.exchange());
        assertEquals(2.00, c.usd(), 1e-12);
    }

    @Test
    void badListsAreRefused() {
        assertThrows(PlannerException.class, () -> new Exchange("VND", 0));
        assertThrows(PlannerException.class, () -> new Exchange("dong", 25_400));
        assertThrows(PlannerException.class, () -> new SellerOffer(gpu, -1, List.of(1), 8));
        assertThrows(PlannerException.class, () -> new SellerOffer(gpu, 1, List.of(2, 1), 8));
        assertThrows(PlannerException.class, () -> new SellerOffer(gpu, 1, List.of(8), 4));
        assertThrows(IllegalArgumentException.class, () -> new SellerPrices("S", Exchange.USD, List.of(
                new SellerOffer(gpu, 1, List.of(1), 8), new SellerOffer(gpu, 2, List.of(1), 8))));
    }
}
