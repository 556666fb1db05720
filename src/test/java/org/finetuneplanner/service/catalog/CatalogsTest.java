package org.finetuneplanner.service.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.core.cost.PriceRule;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Precision;

class CatalogsTest {

    private final Catalogs catalogs = Catalogs.load();

    @Test
    void bundledCatalogsHoldEveryReferenceGpuAndModel() {
        assertEquals(26, catalogs.gpus().size());
        assertEquals(69, catalogs.models().size());
        assertTrue(catalogs.gpu("h100-sxm-80gb").isPresent());
        assertTrue(catalogs.model("llama-3.1-8b").isPresent());
        assertTrue(catalogs.gpu("no-such-gpu").isEmpty());
        assertTrue(catalogs.model("no-such-model").isEmpty());
    }

    @Test
    void loadIsShared() {
        assertTrue(Catalogs.load() == Catalogs.load());
    }

    @Test
    void issueListOfPresetsIsCovered() {
        List<String> wanted = List.of("llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3.1-8b", "llama-3.1-70b",
                "llama-3.1-405b", "llama-3.2-1b", "llama-3.2-3b", "llama-3.3-70b", "mistral-7b-v0.3", "mixtral-8x7b",
                "mixtral-8x22b", "phi-3-mini-4k", "phi-3-medium-4k", "phi-4", "phi-4-mini", "qwen2.5-0.5b",
                "qwen2.5-72b", "qwen3-8b", "qwen3-30b-a3b", "gemma-2-2b", "gemma-2-9b", "gemma-2-27b", "gemma-3-27b",
                "falcon-7b", "falcon-40b", "deepseek-r1-distill-llama-8b", "gpt2-124m");
        List<String> missing = wanted.stream().filter(id -> catalogs.model(id).isEmpty()).toList();
        assertEquals(List.of(), missing);
    }

    /**
     * Usable memory: measured MiB / 1024 where the catalog has it; else label × 15/16 for ECC GDDR (data-centre and
     * professional cards) or label × 81559/81920 (HBM, GeForce).
     */
    @ParameterizedTest
    @CsvSource(textBlock = """
            # id,              usable GiB, working
            h100-sxm-80gb,     79.6474609, 81559 MiB / 1024
            l40s-48gb,         44.9882813, 46068 MiB / 1024
            a10g-24gb,         22.3515625, 22888 MiB / 1024
            l4-24gb,           22.5,       24 × 15/16 (GDDR6, ECC on)
            t4-16gb,           15.0,       16 × 15/16 = 15360 MiB as nvidia-smi shows
            rtx-6000-ada-48gb, 45.0,       48 × 15/16
            h100-nvl-94gb,     93.5857666, 94 × 81559 / 81920
            rtx-5090-32gb,     31.8589844, 32 × 81559 / 81920 (GeForce: no ECC)
            mi300x-192gb,      191.153906, 192 × 81559 / 81920
            """)
    void usableMemoryFollowsTheDocumentedRule(String id, double expectedGib, String working) {
        assertEquals(expectedGib, gpu(id).usableMemoryGib(), 1e-6, working);
    }

    @Test
    void gpuSpecsCarryDenseTflopsInterconnectAndPower() {
        GpuSpec h100 = gpu("h100-sxm-80gb");
        assertEquals(989.5, h100.tflops().dense(Precision.BF16));
        assertEquals(1979, h100.tflops().dense(Precision.FP8));
        assertTrue(h100.fp8Supported());
        assertEquals(3.35, h100.memoryBandwidthTBs());
        assertEquals(450, h100.interconnect().peerGBsUnidirectional(), "NVLink 4: 900 GB/s bidirectional");
        assertEquals(64, h100.interconnect().hostGBsUnidirectional(), "PCIe Gen5 x16: 128 GB/s bidirectional");
        assertEquals(700, h100.tdpWatts());

        GpuSpec a100 = gpu("a100-sxm-80gb");
        assertEquals(0, a100.tflops().fp8(), "null in the catalog: no FP8 tensor cores");
        assertFalse(a100.fp8Supported());
        assertEquals(32, a100.interconnect().hostGBsUnidirectional(), "PCIe Gen4 x16");
        assertEquals(16, gpu("t4-16gb").interconnect().hostGBsUnidirectional(), "PCIe Gen3 x16");
        assertEquals(225, gpu("gb200-per-gpu").interconnect().hostGBsUnidirectional(), "900 / 2 directions / 2 GPUs");
    }

    @Test
    void gpuSpecKeepsTheLatestPricePerOfferAndHistoryKeepsAll() {
        GpuSpec h100 = gpu("h100-sxm-80gb");
        assertEquals(21, catalogs.priceHistory("h100-sxm-80gb").size());
        // 21 observations of 15 offers (DigitalOcean 1x/8x, AWS p5.48xlarge/p5.4xlarge, GCP 1g/8g, Azure,
        // Lambda 1x/8x, RunPod Secure/Community, CoreWeave, Vast.ai, Nebius, OCI).
        assertEquals(15, h100.prices().size());
        GpuPrice digitalOcean = h100.prices().stream()
                .filter(p -> p.provider().equals("DigitalOcean") && p.instance().equals("NVIDIA H100 (1x)"))
                .findFirst().orElseThrow();
        assertEquals(4.41, digitalOcean.usdPerGpuHour(), "2026-08-22 replaces 3.39 seen 2025-09-30");
        assertEquals("2026-08-22", digitalOcean.seen());
        GpuPrice runpod = h100.priceFrom("RunPod").orElseThrow();
        assertEquals(2.69, runpod.usdPerGpuHour(), "RunPod's cheaper offer: Community Cloud 2026-11-09");
        assertTrue(gpu("mi250x-128gb").prices().isEmpty(), "no price listed");
    }

    @Test
    void latestPerOfferPrefersDatedObservations() {
        GpuPrice undated = new GpuPrice("A", "x", 1, 1.0, "on-demand", "undated", "");
        GpuPrice old = new GpuPrice("A", "x", 1, 2.0, "on-demand", "2025-01-01", "");
        GpuPrice recent = new GpuPrice("A", "x", 1, 3.0, "on-demand", "2026-01-01", "");
        assertEquals(List.of(recent), PriceRule.current(List.of(undated, recent, old)));
    }

    /**
     * One rule for "newest price" in the catalog and in the rule that rents: "RunPod" and "runpod" are one provider
     * (the catalog compared names with their case, the price rule without, so the catalog kept a superseded $2.00
     * that renting then skipped). The GPU gets the newer observation, and renting one GPU pays it.
     */
    @Test
    void theNewestPriceOfAnOfferIsFoundWithoutRegardToCase() {
        GpuPrice old = new GpuPrice("RunPod", "1x H100", 1, 2.0, "on-demand", "2026-01-01", "");
        GpuPrice recent = new GpuPrice("runpod", "1x h100", 1, 3.0, "On-Demand", "2026-06-01", "");
        assertEquals(List.of(recent), PriceRule.current(List.of(old, recent)));
        GpuSpec h100 = gpu("h100-sxm-80gb");
        GpuSpec both = new GpuSpec(h100.id(), h100.name(), h100.vendor(), h100.memoryGb(), h100.usableMemoryGib(),
                h100.memoryBandwidthTBs(), h100.tflops(), h100.fp8Supported(), h100.interconnect(), h100.tdpWatts(),
                h100.year(), List.of(old, recent), h100.facts(), h100.achievable());
        assertEquals(3.0, PriceRule.rent(both, Optional.empty(), 1).orElseThrow().usdPerGpuHour());
    }

    @Test
    void everyPresetIsReadByTheArchitectureFactory() {
        for (CatalogModel preset : catalogs.models()) {
            ModelSpec spec = preset.toModelSpec();
            assertEquals(ModelSpec.Origin.PRESET, spec.origin());
            assertEquals(preset.config(), spec.config());
            assertFalse(spec.architecture().guessed(), preset.id());
        }
    }

    @Test
    void llama3Preset() {
        CatalogModel preset = catalogs.model("llama-3.1-8b").orElseThrow();
        assertEquals("Llama 3.1 8B", preset.name());
        assertTrue(preset.hfRepo().startsWith("meta-llama/"));
        assertEquals(8_000_000_000L, preset.officialParameters().orElseThrow());
        assertFalse(preset.sources().isEmpty());
        Architecture a = preset.toModelSpec().architecture();
        assertEquals(4096, a.hiddenSize());
        assertEquals(32, a.numLayers());
        assertEquals(8, a.numKvHeads());
        assertEquals(14336, a.intermediateSize());
        assertEquals(128256, a.vocabSize());
        assertThrows(UnsupportedOperationException.class, () -> preset.config().put("hidden_size", 1));
    }

    @Test
    void idsAreUnique() {
        Set<String> gpuIds = catalogs.gpus().stream().map(GpuSpec::id).collect(Collectors.toSet());
        assertEquals(catalogs.gpus().size(), gpuIds.size());
        Set<String> modelIds = catalogs.models().stream().map(CatalogModel::id).collect(Collectors.toSet());
        assertEquals(catalogs.models().size(), modelIds.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"gpus": [GPU]} xyz                                          | not valid JSON
            {"gpus": [GPU, GPU]}                                         | "t1" appears twice
            {"gpus": [GPUNEG]}                                           | tflops.bf16 = -1: expected a number ≥ 0
            {"gpus": [{"id": "Bad Id"}]}                                 | id = "Bad Id"
            {"gpus": {"id": "t1"}}                                       | expected an object with a "gpus" list
            {"gpus": [GPUNOMEM]}                                         | memory_gb is missing
            """)
    void invalidGpuCatalogsAreRejectedNamingTheKey(String gpusJson, String expected) {
        String gpu = "{\"id\": \"t1\", \"memory_gb\": 24, \"memory_bandwidth_tbs\": 1, \"tflops\": {\"bf16\": 100}, "
                + "\"interconnect\": {\"gbps_per_gpu_unidirectional\": 32, \"host_gbps_unidirectional\": 32}}";
        String text = gpusJson.replace("GPUNEG", gpu.replace("\"bf16\": 100", "\"bf16\": -1"))
                .replace("GPUNOMEM", gpu.replace("\"memory_gb\": 24, ", ""))
                .replace("GPU", gpu);
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.read(
                stream(text), "gpus.json", stream("{\"models\": []}"), "models.json"));
        assertTrue(e.getMessage().startsWith("gpus.json"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Sources are objects in the bundled catalog; a plain text naming the place is read too. */
    @Test
    void aModelEntryTakesSourcesAsObjectsOrTextAndIgnoresKeysItDoesNotRead() {
        String models = "{\"models\": [{\"id\": \"m1\", \"config\": {\"hidden_size\": 64}, \"official_parameters\": "
                + "null, \"sources\": [\"the model card\", {\"repo\": \"org/m1\", \"path\": \"config.json\", "
                + "\"commit\": \"abc\", \"seen\": \"2026\"}], \"defaults_applied\": {\"x\": 1}}]}";
        CatalogModel m = Catalogs.read(stream("{\"gpus\": []}"), "gpus.json", stream(models), "models.json")
                .model("m1").orElseThrow();
        assertEquals(List.of(new CatalogModel.Source("the model card", "", "", ""),
                new CatalogModel.Source("org/m1", "config.json", "abc", "")), m.sources());
        assertTrue(m.officialParameters().isEmpty());
        assertEquals("m1", m.name(), "the id when no name is given");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.read(stream("{\"gpus\": []}"),
                "gpus.json", stream(models.replace("\"the model card\"", "7")), "models.json"));
        // The whole file is one line; the 7 is its 98th character.
        assertEquals("models.json: model \"m1\": sources[0] = 7: expected an object {…} (line 1, column 98)",
                e.getMessage());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private GpuSpec gpu(String id) {
        return catalogs.gpu(id).orElseThrow();
    }
}
