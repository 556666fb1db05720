package org.finetuneplanner.service.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.gpu.Interconnect;
import org.finetuneplanner.core.gpu.PeakTflops;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.core.time.TimeTerm;

/**
 * Report data written out as records, for the layout tests: the report must print whatever numbers it is given,
 * so these are chosen to be easy to find in the text (they are not claims about any GPU).
 */
public final class ReportFixtures {
    static final long GIB = 1L << 30;
    private static final List<PlanReason> FITS = List.of(new PlanReason.FitsOnOneGpu());

    private ReportFixtures() {
    }

    static Architecture llama8b() {
        // meta-llama/Llama-3.1-8B config.json
        return new Architecture("llama", 4096, 32, 32, 8, 128, 14336, 128256, false, true, false, 2, false, false,
                false, false, 0, Architecture.Moe.NONE, 131072, false);
    }

    static GpuSpec gpu(String id, String name, double usableGib, double price, String provider) {
        List<GpuPrice> prices = price > 0 ? List.of(new GpuPrice(provider, "1x", 1, price, "on-demand",
                "2026-11-01", "https://example.com/pricing/" + id)) : List.of();
        return new GpuSpec(id, name, "NVIDIA", usableGib, usableGib, 2.0, new PeakTflops(60, 400, 800, 800, 0),
                false, new Interconnect("NVLink", 300, 32), 700, 2023, prices);
    }

    static Scenario scenario(GpuSpec gpu) {
        ModelSpec model = new ModelSpec("llama-3.1-8b", "Llama 3.1 8B", llama8b(), ModelSpec.Origin.PRESET);
        TrainingSpec training = TrainingSpec.defaults(false).withMicroBatchSize(4).withGradientAccumulationSteps(4);
        return new Scenario("Llama 3.1 8B, LoRA r16 — hỗ trợ khách hàng", model, MethodSpec.lora(16,
                WeightStorage.BF16), training, HardwareSpec.single(gpu), DataSpec.of(50_000_000L, 3),
                CostSpec.defaults());
    }

    /** An estimate whose parts are {@code gib[i]} GiB plus a fraction, so each figure is distinct. */
    static Estimate estimate(Scenario s, double[] gib, double hours, double usdPerHour, String provider) {
        MemoryBreakdown parts = new MemoryBreakdown((long) (gib[0] * GIB), (long) (gib[1] * GIB),
                (long) (gib[2] * GIB), (long) (gib[3] * GIB), (long) (gib[4] * GIB), (long) (gib[5] * GIB),
                (long) (gib[6] * GIB), (long) (gib[7] * GIB));
        long capacity = (long) (s.hardware().capacityGib() * GIB);
        MemoryEstimate memory = new MemoryEstimate(parts, 0, capacity, List.of());
        int gpus = s.hardware().gpuCount();
        double tokens = s.data().totalTokens().orElse(0);
        double tps = tokens / hours / 3600.0;
        double step = 16 * 2048 * gpus / tps;
        ThroughputEstimate tp = new ThroughputEstimate(4.8e10, tps, step, 0.38, 800, 0.05,
                Map.of(TimeTerm.Part.COMPUTE, step - 0.05, TimeTerm.Part.COMMUNICATION, 0.05), List.of());
        Optional<CostEstimate> cost = Optional.empty();
        if (usdPerHour > 0) {
            double gpuUsd = gpus * usdPerHour * hours;
            double storage = 0.25;
            List<CostPoint> series = new ArrayList<>();
            for (int i = 0; i <= 10; i++) {
                series.add(new CostPoint(hours * i / 10, (gpuUsd + storage) * i / 10));
            }
            cost = Optional.of(new CostEstimate(usdPerHour, provider, "2026-11-01", "https://example.com/pricing",
                    gpuUsd, storage, gpuUsd + storage, series, 0, 16.1, 0, 0));
        }
        List<Note> notes = List.of(Note.of(NoteId.MEMORY_FP8_WEIGHTS));
        return new Estimate(s, new ParameterCounts(8_072_204_288L, 41_943_040L, 8_030_261_248L, 6_979_321_856L,
                1_050_673_152L, 266_240L, 41_943_040L), memory, tp, OptionalDouble.of(hours), cost, notes);
    }

    static Estimate on(Scenario s, GpuSpec gpu, int count, Sharding sharding, double[] gib, double hours) {
        Scenario moved = s.withHardware(HardwareSpec.of(gpu, count, sharding,
                org.finetuneplanner.core.scenario.Offload.NONE));
        double price = gpu.prices().stream().findFirst().map(GpuPrice::usdPerGpuHour).orElse(0.0);
        String provider = gpu.prices().stream().findFirst().map(GpuPrice::provider).orElse("");
        return estimate(moved, gib, hours, price, provider);
    }

    /** A report with three GPUs: one fits cheaply, one fits faster, one does not fit; one has no price. */
    public static ReportData data(ReportLanguage language, PaperSize paper) {
        GpuSpec l40s = gpu("l40s-48gb", "NVIDIA L40S 48GB", 44.4, 0.87, "Vast.ai");
        GpuSpec h100 = gpu("h100-sxm-80gb", "NVIDIA H100 SXM 80GB", 79.2, 2.49, "Lambda");
        GpuSpec t4 = gpu("t4-16gb", "NVIDIA T4 16GB", 14.6, 0.35, "GCP");
        GpuSpec rtx = gpu("rtx-4090-24gb", "NVIDIA GeForce RTX 4090 24GB", 23.6, 0, "");
        Scenario s = scenario(l40s);
        double[] fits = {15.01, 0.08, 0.31, 9.42, 3.91, 0.12, 1.37, 0.55};
        Estimate own = on(s, l40s, 1, Sharding.NONE, fits, 16.83);
        Estimate fast = on(s, h100, 1, Sharding.NONE, fits, 6.27);
        Estimate tooSmall = on(s, t4, 8, Sharding.FSDP, new double[] {1.9, 0.01, 0.04, 9.42, 3.91, 0.12, 1.2, 0.55},
                60.4);
        Estimate unpriced = on(s, rtx, 1, Sharding.NONE, fits, 14.0);
        List<PlanOption> options = List.of(new PlanOption(h100, fast, FITS), new PlanOption(l40s, own, FITS),
                new PlanOption(t4, tooSmall, List.of(new PlanReason.DoesNotFit(64, Sharding.FSDP,
                        tooSmall.memory().perGpu().totalBytes(), tooSmall.memory().capacityBytes()))),
                new PlanOption(rtx, unpriced, FITS));
        Plan plan = new Plan(s.name(), options, Optional.of("l40s-48gb"), Optional.of("h100-sxm-80gb"));
        Scenario longer = s.withTraining(s.training().withSequenceLength(4096));
        List<SensitivityCase> cases = List.of(
                new SensitivityCase(SensitivityCase.Kind.SEQUENCE_DOUBLED, longer,
                        estimate(longer, new double[] {15.01, 0.08, 0.31, 18.84, 7.82, 0.12, 2.1, 0.55}, 35.2, 0.87,
                                "Vast.ai"),
                        Optional.of(new PlanOption(l40s, on(longer, l40s, 2, Sharding.FSDP, fits, 17.9), FITS))),
                new SensitivityCase(SensitivityCase.Kind.ONE_MORE_GPU, s.withHardware(s.hardware().withGpuCount(2)),
                        on(s, l40s, 2, Sharding.NONE, fits, 8.7), Optional.empty()));
        ReportMeta meta = new ReportMeta("", "Công ty Cổ phần Dữ liệu Việt", "Acme AI Consulting", "Nguyễn Thị Hương",
                Optional.empty(), LocalDate.of(2026, 11, 29), language, paper);
        ReportAccuracy acc = new ReportAccuracy(List.of(new ReportAccuracy.Row(ReportAccuracy.Quantity.MEMORY, 24,
                7.9, 21.3, 10)), 30, 3, 3);
        return new ReportData(meta, s, own, plan, Optional.of(options.get(1)), cases, acc, explanation(own));
    }

    /**
     * Two scenarios of one model on one L40S (44.4 GiB usable, $0.87/GPU·h at Vast.ai), compared: A is QLoRA r16
     * (NF4 base; parts 21.37 GiB, 22.4 h), B is {@link #data}'s LoRA r16 (BF16 base; parts 30.77 GiB, 16.83 h). Both
     * train 50,000,000 tokens × 3 epochs at micro-batch 4 × accumulation 4, sequence 2,048.
     */
    public static ComparisonData comparison(ReportLanguage language) {
        ReportData lora = data(language, PaperSize.A4);
        GpuSpec l40s = lora.scenario().hardware().gpu();
        Scenario q = lora.scenario().withName("Llama 3.1 8B, QLoRA r16").withMethod(MethodSpec.qlora(16));
        Estimate own = on(q, l40s, 1, Sharding.NONE, new double[] {5.61, 0.08, 0.31, 9.42, 3.91, 0.12, 1.37, 0.55},
                22.4);
        ReportData qlora = new ReportData(lora.meta(), q, own, lora.plan(), lora.recommended(), lora.sensitivity(),
                lora.accuracy(), lora.explanation());
        return new ComparisonData(lora.meta(), List.of(qlora, lora));
    }

    /** Three memory terms and the two time terms of a fixture estimate, with real term ids and sources. */
    static Explanation explanation(Estimate e) {
        MemoryBreakdown parts = e.memory().perGpu();
        double step = e.throughput().stepSeconds();
        return new Explanation(List.of(
                new MemoryTerm(MemoryComponent.WEIGHTS, Term.of(TermId.MODEL_WEIGHTS, parts.weightsBytes())
                        .in(Input.N, 8_030_261_248L).in(Input.BYTES, 2).in(Input.SHARDS, 1)
                        .from(SourceId.PARAMETER_COUNTER).build()),
                new MemoryTerm(MemoryComponent.OPTIMIZER, Term.of(TermId.OPTIMIZER_STATES_TWO_MOMENTS,
                        parts.optimizerBytes()).about(Optimizer.ADAMW).in(Input.N_TRAINABLE, 41_943_040)
                        .in(Input.PER_PARAMETER, 8).in(Input.STATE_BYTES, 4).in(Input.SHARDS, 1)
                        .from(SourceId.OPTIMIZER_STATES).build()),
                new MemoryTerm(MemoryComponent.ACTIVATIONS, Term.of(TermId.CHECKPOINTED_INPUTS,
                        parts.activationsBytes()).in(Input.LAYERS, 32).in(Input.TOKENS, 8192).in(Input.HIDDEN, 4096)
                        .in(Input.ACT_BYTES, 2).in(Input.INPUTS_TOTAL, 32L * 8192 * 4096 * 2)
                        .from(SourceId.CHECKPOINTING).build())),
                List.of(new TimeTerm(TimeTerm.Part.COMPUTE, Term.of(TermId.COMPUTE_FLOPS, step - 0.05)
                                .in(Input.GA, 4).in(Input.MICRO_TOKENS, 8192).in(Input.FLOPS_PER_TOKEN, 4.8e10)
                                .in(Input.PEAK_TFLOPS, 800).in(Input.UTILISATION, 0.38).from(SourceId.FLOPS).build()),
                        new TimeTerm(TimeTerm.Part.COMMUNICATION, Term.of(TermId.COMMUNICATION, 0.05)
                                .about(Sharding.DDP).in(Input.GA, 4).in(Input.OVERLAP, 0.5)
                                .in(Input.VOLUME_MICRO, 0).in(Input.LINK, 2.5e11).in(Input.HIDEABLE, 0.2)
                                .in(Input.VOLUME_STEP, 3.4e8).in(Input.HIDEABLE_STEP, 0.13)
                                .from(SourceId.ZERO_COMMUNICATION).build())),
                Term.of(TermId.UTILISATION_DEFAULT, 0.38).in(Input.UTILISATION, 0.38)
                        .in(Input.GEMM_EFFICIENCY, 0.7).in(Input.HALF_TOKENS, 256)
                        .from(SourceId.MATMUL_UTILISATION).build());
    }
}
