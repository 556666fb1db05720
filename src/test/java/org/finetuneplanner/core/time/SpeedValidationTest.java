package org.finetuneplanner.core.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.gpu.Interconnect;
import org.finetuneplanner.core.gpu.PeakTflops;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

/** Speed against the public cases that give tokens/s (complete cases only, as score.py does). */
class SpeedValidationTest {

    private static final Map<String, GpuSpec> GPUS = Map.of(
            "rtx-4090-24gb", new GpuSpec("rtx-4090-24gb", "NVIDIA GeForce RTX 4090 24GB", "NVIDIA", 24, 23.99, 1.008,
                    new PeakTflops(82.6, 82.6, 165.2, 165.2, 330.3), true, new Interconnect("PCIe", 32, 32), 450,
                    2022, List.of()),
            "rtx-a6000-48gb", new GpuSpec("rtx-a6000-48gb", "NVIDIA RTX A6000 48GB", "NVIDIA", 48, 47.5, 0.768,
                    new PeakTflops(38.7, 77.4, 154.8, 154.8, 0), false, new Interconnect("PCIe", 32, 32), 300,
                    2020, List.of()),
            "a100-sxm-80gb", new GpuSpec("a100-sxm-80gb", "NVIDIA A100 SXM4 80GB", "NVIDIA", 80, 80, 2.039,
                    new PeakTflops(19.5, 156, 312, 312, 0), false, new Interconnect("NVLink 3", 300, 32), 400,
                    2020, List.of()),
            "l40s-48gb", new GpuSpec("l40s-48gb", "NVIDIA L40S 48GB", "NVIDIA", 48, 44.99, 0.864,
                    new PeakTflops(91.6, 183, 362.05, 362.05, 733), true, new Interconnect("PCIe", 32, 32), 350,
                    2023, List.of()));

    @Test
    void medianSpeedErrorOnPublicCasesStaysWithinTarget() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Double> errors = new ArrayList<>();
        ThroughputEstimator estimator = new ThroughputEstimator();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/validation/public-cases.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode c = mapper.readTree(line);
                JsonNode expected = c.path("expected");
                if (!expected.has("tokens_per_second") || !expected.path("complete").asBoolean()) {
                    continue;
                }
                Scenario s = scenario(mapper, c.path("scenario"));
                double predicted = estimator.estimate(s, ParameterCounter.count(s.model().architecture(),
                        s.method())).tokensPerSecond();
                double measured = expected.path("tokens_per_second").asDouble();
                double error = (predicted - measured) / measured;
                errors.add(Math.abs(error));
                System.out.printf("%-40s pred %7.0f meas %7.0f err %+5.0f%%%n", c.path("id").asText(), predicted,
                        measured, 100 * error);
            }
        }
        List<Double> sorted = errors.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        System.out.printf("speed cases %d, MdAPE %.1f%%%n", sorted.size(), 100 * median);
        // reached 23.6 % on 19 cases (target ≤ 30 %); the outliers are named in docs/methodology.md "Time"
        assertTrue(median <= 0.25, "median " + median);
    }

    @SuppressWarnings("unchecked")
    private static Scenario scenario(ObjectMapper mapper, JsonNode s) {
        Architecture a = ArchitectureFactory.fromConfig(mapper.convertValue(s.path("model").path("config"),
                Map.class));
        JsonNode m = s.path("method");
        FineTuneMethod type = FineTuneMethod.fromId(m.path("type").asText("full")).orElseThrow();
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        m.path("targets").forEach(t -> targets.add(LoraTarget.fromId(t.asText()).orElseThrow()));
        if (targets.isEmpty()) {
            targets.addAll(MethodSpec.allLinear());
        }
        Set<ExtraTrainable> extras = EnumSet.noneOf(ExtraTrainable.class);
        m.path("extra_trainable").forEach(t -> extras.add(ExtraTrainable.fromId(t.asText()).orElseThrow()));
        JsonNode t = s.path("training");
        Precision precision = Precision.fromId(t.path("precision").asText("bf16")).orElseThrow();
        WeightStorage storage = WeightStorage.fromId(m.path("base_weights").asText(
                type == FineTuneMethod.QLORA ? "nf4" : precision.id())).orElseThrow();
        int rank = m.path("rank").asInt(16);
        MethodSpec method = new MethodSpec(type, rank, 2 * rank, targets, extras, storage);
        TrainingSpec training = new TrainingSpec(precision, t.path("master_weights").asBoolean(
                type == FineTuneMethod.FULL), Optimizer.fromId(t.path("optimizer").asText("adamw")).orElseThrow(),
                t.path("optimizer_in_backward").asBoolean(false), t.path("micro_batch_size").asInt(1),
                t.path("sequence_length").asInt(2048), t.path("gradient_accumulation_steps").asInt(1),
                Checkpointing.fromId(t.path("activation_checkpointing").asText("none")).orElseThrow(),
                Attention.fromId(t.path("attention").asText("flash")).orElseThrow(),
                Loss.fromId(t.path("loss").asText("standard")).orElseThrow(), t.path("compile").asBoolean(false),
                Framework.fromId(t.path("framework").asText("generic")).orElseThrow());
        JsonNode h = s.path("hardware");
        GpuSpec gpu = GPUS.get(h.path("gpu").asText());
        int count = h.path("gpu_count").asInt(1);
        HardwareSpec hardware = HardwareSpec.of(gpu, count,
                Sharding.fromId(h.path("sharding").asText("none")).orElseThrow(),
                Offload.fromId(h.path("offload").asText("none")).orElseThrow());
        return new Scenario(s.path("name").asText(), new ModelSpec("case", "case", a, ModelSpec.Origin.CONFIG),
                method, training, hardware, DataSpec.unknown(),
                new CostSpec(OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty()));
    }
}
