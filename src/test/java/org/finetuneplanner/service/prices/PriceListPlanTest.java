package org.finetuneplanner.service.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostAssumptions;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.plan.PlanSpec;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimator;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.PlanJson;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.validation.ErrorBandsFile;

/**
 * Issue 13's "Done when": with a VND price list of two catalog GPUs and one custom GPU, the plan offers exactly those
 * three, in VND; the user's own GPU is still shown when the list does not offer it.
 */
class PriceListPlanTest {

    private static final Catalogs CATALOGS = Catalogs.load();
    private static final PriceList LIST = read();
    private static final String SELLER = "VinaGPU Cloud";

    private static PriceList read() {
        try {
            return new PriceListJson(CATALOGS).read(Path.of("docs/examples/price-list-vnd.json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Llama 3.1 8B QLoRA, 4k tokens, 50M tokens, on {@code gpu}. */
    private static Scenario qlora8b(String gpu) {
        return new ScenarioJson(CATALOGS.withGpus(LIST.customGpus())).read("""
                {"format": "finetune-plan/1", "name": "8B QLoRA",
                 "model": {"preset": "llama-3.1-8b"}, "method": {"type": "qlora", "rank": 16},
                 "training": {"micro_batch_size": 2, "sequence_length": 4096, "activation_checkpointing": "full"},
                 "hardware": {"gpu": "%s"}, "data": {"tokens": 50000000}}""".formatted(gpu));
    }

    private static Planner planner(CostProjector costs) {
        MemoryEstimator memory = new MemoryEstimator();
        Estimator estimator = new Estimator(memory, new ThroughputEstimator(), costs);
        return new Planner(memory::estimate, estimator::estimate, costs, new Confidence(ErrorBandsFile.bundled()));
    }

    private final SellerPrices seller = LIST.sellerPrices();
    private final CostProjector costs = new CostProjector(CostAssumptions.defaults(), Optional.of(seller));

    @Test
    void thePlanOffersExactlyTheListsThreeGpusInItsCurrency() {
        Plan plan = planner(costs).plan(qlora8b("h100-sxm-80gb"), seller.gpus(), PlanSpec.defaults());
        assertEquals(List.of("h100-sxm-80gb", "rtx-4090-24gb", "vina-l20-48gb"),
                plan.options().stream().map(o -> o.gpu().id()).toList());
        List<Double> perHour = new ArrayList<>();
        for (PlanOption o : plan.options()) {
            assertTrue(o.fits(), o.gpu().id());
            CostEstimate c = o.cost().orElseThrow();
            assertEquals(SELLER, c.provider());
            assertEquals(PriceOrigin.SELLER, c.origin());
            assertEquals("VND", c.exchange().currency());
            perHour.add(Math.rint(c.exchange().fromUsd(c.usdPerGpuHour())));
            // The GPU bill in đồng is the rented GPUs × the list's price × the hours, exactly as the seller bills it.
            assertEquals(c.rentedGpus() * c.exchange().fromUsd(c.usdPerGpuHour()) * o.hours().getAsDouble(),
                    c.exchange().fromUsd(c.gpuUsd()), 1e-6);
        }
        assertEquals(List.of(62_000.0, 9_500.0, 21_000.0), perHour);
        assertTrue(plan.cheapest().isPresent());
    }

    @Test
    void theJsonCarriesTheListsCurrencyBesideTheDollars() {
        Plan plan = planner(costs).plan(qlora8b("h100-sxm-80gb"), seller.gpus(), PlanSpec.defaults());
        JsonNode json = PlanJson.toTree(plan, costs);
        for (JsonNode o : json.get("options")) {
            assertEquals("VND", o.get("currency").textValue());
            assertEquals(SELLER, o.get("provider").textValue());
            // total = usd × usd_rate, in whole đồng (ISO 4217 minor unit 0).
            assertEquals(Math.round(o.get("usd").doubleValue() * 25_400), o.get("total").doubleValue(), 300);
            assertEquals(o.get("total").doubleValue(), Math.rint(o.get("total").doubleValue()));
            assertTrue(o.at("/range_total/low").doubleValue() <= o.get("total").doubleValue());
        }
        assertEquals(62_000, json.at("/options/0/price_per_gpu_hour").doubleValue(), 1e-6);
        JsonNode catalog = PlanJson.toTree(planner(new CostProjector()).plan(qlora8b("h100-sxm-80gb"),
                List.of(CATALOGS.gpu("h100-sxm-80gb").orElseThrow())));
        assertFalse(catalog.at("/options/0").has("currency"), "without a price list the keys are left out");
    }

    @Test
    void theUsersOwnGpuIsShownUnpricedWhenTheListDoesNotOfferIt() {
        Plan plan = planner(costs).plan(qlora8b("l40s-48gb"), seller.gpus(), PlanSpec.defaults());
        assertEquals(4, plan.options().size());
        PlanOption own = plan.options().get(0);
        assertEquals("l40s-48gb", own.gpu().id());
        assertTrue(own.cost().isEmpty(), "no catalog price");
        assertFalse(own.ranked());
        assertEquals(List.of(new PlanReason.NotOffered(SELLER, own.gpu().name())),
                own.reasons(PlanReason.NotOffered.class));
        assertFalse(plan.cheapest().orElseThrow().equals("l40s-48gb"));
        assertFalse(plan.fastest().orElseThrow().equals("l40s-48gb"));
    }

    @Test
    void theCustomGpuIsPlannedFromTheSellersFigures() {
        GpuSpec l20 = seller.offer("vina-l20-48gb").orElseThrow().gpu();
        assertEquals("NVIDIA L20 48GB", l20.name());
        assertEquals(44.99, l20.usableMemoryGib());
        assertEquals(119.5, l20.tflops().bf16());
        assertEquals(239.0, l20.tflops().fp8(), "FP8 twice BF16");
        assertEquals(0.864, l20.memoryBandwidthTBs());
        assertEquals(275, l20.tdpWatts());
        assertEquals(32, l20.interconnect().peerGBsUnidirectional(), "PCIe Gen4 x16 per direction");
        assertTrue(l20.facts().has(CaveatId.SELLER_DESCRIBED));
        assertTrue(l20.facts().has(CaveatId.NO_NVLINK));
        assertEquals(List.of("price list: " + SELLER), l20.facts().caveat(CaveatId.NO_NVLINK).orElseThrow()
                .sources());
    }

    @Test
    void aJobIsSearchedOnlyUpToTheSellersLargestJob() {
        // The RTX 4090 is offered up to 16 GPUs: 70B full fine-tuning needs far more, so it does not fit "within 16".
        Scenario full70b = new ScenarioJson(CATALOGS).read("""
                {"format": "finetune-plan/1", "model": {"preset": "llama-3.1-70b"}, "method": {"type": "full"},
                 "training": {"sequence_length": 4096}, "hardware": {"gpu": "rtx-4090-24gb"}}""");
        PlanOption o = planner(costs).option(full70b, CATALOGS.gpu("rtx-4090-24gb").orElseThrow(),
                PlanSpec.defaults());
        assertEquals(16, o.reasons(PlanReason.DoesNotFit.class).get(0).maxGpus());
    }

    @Test
    void theAssumedBandwidthRatioIsTheCatalogsMedian() {
        List<Double> ratios = CATALOGS.gpus().stream().filter(GpuSpec::bf16Supported)
                .map(g -> g.tflops().bf16() / g.memoryBandwidthTBs()).sorted().toList();
        double median = ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
                : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
        assertEquals(PriceList.ASSUMED_FLOPS_PER_BYTE, median, 5, "the documented ratio, rounded to tens");
    }
}
