package org.finetuneplanner.core;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.gpu.Interconnect;
import org.finetuneplanner.core.gpu.PeakTflops;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;

/** Hand-checkable inputs for the time, cost and planner tests. */
public final class PlanFixtures {

    /**
     * Llama-2-7B: h 4096, L 32, 32 heads, I 11008, V 32000, untied. Per layer 4h² + 3hI = 202,375,168 linear
     * parameters (×32 = 6,476,005,376), embeddings 2·V·h = 262,144,000, norms 32·2h + h = 266,240;
     * total 6,738,415,616 (the published count).
     */
    public static final Architecture LLAMA2_7B = new Architecture("llama", 4096, 32, 32, 32, 128, 11008, 32000,
            false, true, false, 2, false, false, false, false, 0, Architecture.Moe.NONE, 4096, false);

    public static final long LINEAR = 6_476_005_376L;
    public static final long EMBEDDING = 262_144_000L;
    public static final long OTHER = 266_240L;
    public static final long TOTAL = LINEAR + EMBEDDING + OTHER;
    /** LoRA r16 on q,k,v,o,gate,up,down: 32 · (4·16·8192 + 3·16·(4096 + 11008)) = 39,976,960. */
    public static final long ADAPTER_R16 = 39_976_960L;

    private PlanFixtures() {
    }

    /** Full fine-tuning counts: everything trainable. */
    public static ParameterCounts fullCounts() {
        return new ParameterCounts(TOTAL, TOTAL, TOTAL, LINEAR, EMBEDDING, OTHER, 0);
    }

    /** LoRA r16 all-linear counts: adapters trainable, base frozen. */
    public static ParameterCounts loraCounts() {
        return new ParameterCounts(TOTAL + ADAPTER_R16, ADAPTER_R16, TOTAL, LINEAR, EMBEDDING, OTHER, ADAPTER_R16);
    }

    /** A made-up GPU with round numbers: 100 TFLOPS bf16, 1 TB/s, 100 GB/s NVLink-class peer link, 25 GB/s host. */
    public static GpuSpec roundGpu(List<GpuPrice> prices) {
        return new GpuSpec("round-80gb", "Round 80GB", "NVIDIA", 80, 79.6, 1.0,
                new PeakTflops(10, 50, 100, 100, 0), false, new Interconnect("NVLink test", 100, 25), 500, 2024,
                prices);
    }

    /** The same GPU with only a 25 GB/s PCIe link to its peers. */
    public static GpuSpec pcieGpu() {
        return new GpuSpec("pcie-80gb", "PCIe 80GB", "NVIDIA", 80, 79.6, 1.0,
                new PeakTflops(10, 50, 100, 100, 0), false, new Interconnect("PCIe test", 25, 25), 500, 2024,
                List.of());
    }

    /** Full fine-tuning of Llama-2-7B, AdamW with fp32 master weights, b 1, s 2048, one GPU, cost.mfu 0.5. */
    public static Scenario fullOn(GpuSpec gpu) {
        return new Scenario("full", new ModelSpec("llama-2-7b", "Llama 2 7B", LLAMA2_7B, ModelSpec.Origin.PRESET),
                MethodSpec.full(WeightStorage.BF16), TrainingSpec.defaults(true), HardwareSpec.single(gpu),
                DataSpec.of(100_000_000L, 1), new CostSpec(OptionalDouble.empty(), Optional.empty(),
                OptionalDouble.of(0.5)));
    }

    /** {@link #fullOn} on {@code count} GPUs with {@code sharding}. */
    public static Scenario fullOn(GpuSpec gpu, int count, Sharding sharding) {
        return fullOn(gpu).withHardware(HardwareSpec.of(gpu, count, sharding, Offload.NONE));
    }
}
