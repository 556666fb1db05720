package org.finetuneplanner.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.validation.ErrorBandsFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The planner over the whole GPU catalog with the adjustment search and the bundled error bands, as the desktop app
 * recomputes it on every slider tick (target: under 5 ms per plan). Run: {@code mvn -B -o -Pbench package
 * -DskipTests && java -jar target/benchmarks.jar Planner -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlannerBenchmark {

    /**
     * A job that fits one GPU almost everywhere, one that needs sharding, one that needs many GPUs, and Mistral 7B
     * LoRA at micro-batch 8 without checkpointing (issue 10): settings must change on most cards.
     */
    @Param({"qlora-7b", "lora-8b", "full-70b", "mistral-mb8"})
    public String job;

    private Planner planner;
    private Scenario scenario;
    private List<GpuSpec> gpus;

    @Setup
    public void setUp() {
        ScenarioJson reader = ScenarioJson.standard();
        gpus = reader.catalogs().gpus();
        planner = Planner.standard(ErrorBandsFile.bundled());
        String json = switch (job) {
            case "qlora-7b" -> scenario("llama-2-7b", "qlora", "full", 4);
            case "lora-8b" -> scenario("llama-3.1-8b", "lora", "full", 2);
            case "mistral-mb8" -> scenario("mistral-7b-v0.1", "lora", "none", 8).replace("\"sequence_length\"",
                    "\"gradient_accumulation_steps\":4,\"sequence_length\"");
            default -> scenario("llama-3.1-70b", "full", "full", 1);
        };
        scenario = reader.read(json);
    }

    private static String scenario(String preset, String method, String checkpointing, int batch) {
        return "{\"format\":\"finetune-plan/1\",\"name\":\"bench\",\"model\":{\"preset\":\"" + preset + "\"},"
                + "\"method\":{\"type\":\"" + method + "\",\"rank\":16},"
                + "\"training\":{\"micro_batch_size\":" + batch + ",\"sequence_length\":2048,"
                + "\"activation_checkpointing\":\"" + checkpointing + "\"},"
                + "\"hardware\":{\"gpu\":\"h100-sxm-80gb\"},\"data\":{\"tokens\":100000000,\"epochs\":1}}";
    }

    @Benchmark
    public Plan planWholeCatalog() {
        return planner.plan(scenario, gpus);
    }

    @Benchmark
    public int largestMicroBatch() {
        return planner.largestMicroBatch(scenario);
    }
}
