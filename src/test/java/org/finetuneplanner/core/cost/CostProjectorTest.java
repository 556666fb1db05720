package org.finetuneplanner.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.PlanFixtures;
import org.finetuneplanner.core.gpu.GpuFacts;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

class CostProjectorTest {

    private static final List<GpuPrice> PRICES = List.of(
            new GpuPrice("Alpha", "1x", 1, 2.00, "on-demand", "2025-09-30", "alpha page"),
            new GpuPrice("Alpha", "1x", 1, 3.00, "on-demand", "2026-08-22", "alpha page"),
            new GpuPrice("Beta", "8x", 8, 2.50, "on-demand", "2026-10-07", "beta page"),
            new GpuPrice("Market", "median", 1, 1.00, "marketplace", "2026-10-19", "third party"));

    private final CostProjector projector = new CostProjector();
    private final GpuSpec gpu = PlanFixtures.roundGpu(PRICES);

    private Scenario on(int gpus) {
        return PlanFixtures.fullOn(gpu).withHardware(HardwareSpec.of(gpu, gpus, Sharding.FSDP, Offload.NONE));
    }

    @Test
    void cheapestCurrentListingIgnoresSupersededAndMarketplacePrices() {
        // Alpha's $2.00 was replaced by $3.00; the marketplace median is not a quote. Two GPUs: Alpha rents them
        // for 2 · $3.00 = $6.00/h, Beta only as an instance of 8 for 8 · $2.50 = $20.00/h: Alpha wins.
        // 2 GPUs · $3.00 · 10 h = $60; plus two 94.338 GB checkpoints for 10 h:
        // 94.338 · 2 · 0.023 · 10/730 = $0.0594
        CostEstimate c = projector.project(on(2), 10).orElseThrow();
        assertEquals("Alpha", c.provider());
        assertEquals(3.00, c.usdPerGpuHour());
        assertEquals(2, c.rentedGpus());
        assertEquals(60.0, c.gpuUsd(), 1e-9);
        assertEquals(60.0594, c.usd(), 1e-4);
        assertEquals(PriceOrigin.LISTED, c.origin());
    }

    @Test
    void theOfferThatRentsTheGpusForLeastPerHourWinsAndWholeInstancesArePaid() {
        // Eight GPUs: Alpha 8 · $3.00 = $24/h, Beta one instance 8 · $2.50 = $20/h: Beta, $200 for 10 h.
        CostEstimate eight = projector.project(on(8), 10, null).orElseThrow();
        assertEquals("Beta", eight.provider());
        assertEquals(200.0, eight.gpuUsd(), 1e-9);
        // Seven GPUs: Alpha 7 · $3.00 = $21/h, Beta still one instance of 8 = $20/h: Beta, and the 8 rented GPUs
        // are paid for: 8 · $2.50 · 10 h = $200 (not 7 · 2.50 · 10 = $175).
        CostEstimate seven = projector.project(on(7), 10, null).orElseThrow();
        assertEquals("Beta", seven.provider());
        assertEquals(8, seven.rentedGpus());
        assertEquals(8, seven.rentalUnit());
        assertEquals(200.0, seven.gpuUsd(), 1e-9);
        // Five GPUs: Alpha 5 · $3.00 = $15/h beats Beta's $20/h.
        assertEquals("Alpha", projector.project(on(5), 10, null).orElseThrow().provider());
    }

    @Test
    void aGpuRentedInTraysRoundsEvenTheScenariosOwnPrice() {
        // A tray of 4 (GpuFacts.rentalUnit): 1 GPU at the scenario's $10/h rents 4: 4 · 10 · 2 h = $80.
        GpuSpec tray = new GpuSpec("tray", "Tray GPU", "NVIDIA", 80, 79.6, 1.0, gpu.tflops(), false,
                gpu.interconnect(), 500, 2024, List.of(), new GpuFacts(List.of(), 4, 1));
        Scenario s = PlanFixtures.fullOn(tray).withCost(new CostSpec(OptionalDouble.of(10), Optional.empty(),
                OptionalDouble.empty()));
        CostEstimate c = projector.project(s, 2, null).orElseThrow();
        assertEquals(4, c.rentedGpus());
        assertEquals(80.0, c.gpuUsd(), 1e-9);
        assertEquals(PriceOrigin.SCENARIO, c.origin());
    }

    @Test
    void providerAndPriceOverridesWin() {
        Scenario alpha = on(1).withCost(new CostSpec(OptionalDouble.empty(), Optional.of("alpha"),
                OptionalDouble.empty()));
        assertEquals(3.00, projector.project(alpha, 1).orElseThrow().usdPerGpuHour());
        Scenario own = on(4).withCost(new CostSpec(OptionalDouble.of(1.25), Optional.of("alpha"),
                OptionalDouble.empty()));
        CostEstimate c = projector.project(own, 8).orElseThrow();
        assertEquals("", c.provider());
        assertEquals(40.0, c.gpuUsd(), 1e-9); // 4 · 1.25 · 8
    }

    @Test
    void gpuWithoutPriceHasNoCostAndSaysWhy() {
        Scenario s = PlanFixtures.fullOn(PlanFixtures.pcieGpu());
        assertTrue(projector.project(s, 5).isEmpty());
        assertEquals("cost.no_price", projector.whyNoCost(s).orElseThrow().code());
        assertTrue(projector.whyNoCost(on(1)).isEmpty());
    }

    @Test
    void discountEnergyAndStorageFollowTheAssumptions() {
        // 50 % spot discount on Alpha's $3.00 (two GPUs, see above): 2 · 3.00 · 0.5 · 730 h = $2,190 of GPU time.
        // Checkpoint of full fine-tuning with master weights: 6,738,415,616 · (2 + 8 + 4) B = 94.338 GB;
        // two kept for 730 h (one month) at $0.023/GB-month = $4.3396.
        // Owned: 2 · 500 W · 730 h · PUE 1.4 / 1000 = 1,022 kWh · $0.15 = $153.30.
        CostProjector spot = new CostProjector(CostAssumptions.defaults().withDiscount(0.5));
        CostEstimate c = spot.project(on(2), 730, PlanFixtures.fullCounts()).orElseThrow();
        assertEquals(1.50, c.usdPerGpuHour(), 1e-12);
        assertEquals(2190.0, c.gpuUsd(), 1e-9);
        assertEquals(94.338, c.checkpointGb(), 1e-3);
        assertEquals(4.3396, c.storageUsd(), 1e-4);
        assertEquals(1022.0, c.energyKwh(), 1e-9);
        assertEquals(153.30, c.energyUsd(), 1e-9);
        assertEquals(c.gpuUsd() + c.storageUsd(), c.usd(), 1e-9);
    }

    @Test
    void loraCheckpointsHoldOnlyTheAdapters() {
        // 39,976,960 · (2 + 8) B = 0.3998 GB
        Scenario s = on(1).withMethod(MethodSpec.lora(16, WeightStorage.BF16));
        assertEquals(0.39977, projector.project(s, 1, PlanFixtures.loraCounts()).orElseThrow().checkpointGb(), 1e-5);
    }

    @Test
    void seriesRunsFromZeroToTheEndOfTraining() {
        CostEstimate c = projector.project(on(2), 10).orElseThrow();
        assertEquals(CostProjector.SERIES_POINTS, c.series().size());
        assertEquals(new CostPoint(0, 0), c.series().get(0));
        CostPoint last = c.series().get(c.series().size() - 1);
        assertEquals(10, last.hours(), 1e-12);
        assertEquals(c.usd(), last.usd(), 1e-9);
        for (int i = 1; i < c.series().size(); i++) {
            assertTrue(c.series().get(i).usd() >= c.series().get(i - 1).usd());
        }
    }
}
