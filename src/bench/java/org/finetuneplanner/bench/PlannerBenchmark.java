package org.finetuneplanner.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.ScenarioJson;
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
 * The planner over the whole GPU catalog, as the desktop app recomputes it on every slider tick (target: well
 * under 16 ms). Run: {@code mvn -Pbench -o package -DskipTests && java -jar target/benchmarks.jar Planner}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlannerBenchmark {

    /** A job that fits one GPU almost everywhere, one that needs sharding, one that needs many GPUs. */
    @Param({"qlora-7b", "lora-8b", "full-70b"})
    public String job;

    private Planner planner;
    private Scenario scenario;
    private List<GpuSpec> gpus;

    @Setup
    public void setUp() {
        ScenarioJson reader = ScenarioJson.standard();
        gpus = reader.catalogs().gpus();
        planner = Planner.standard();
        String json = switch (job) {
            case "qlora-7b" -> scenario("llama-2-7b", "qlora", "full", 4);
            case "lora-8b" -> scenario("llama-3.1-8b", "lora", "full", 2);
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
