package org.finetuneplanner.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ResultJson;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one estimate: memory alone, the whole {@link Estimator} (memory, speed, cost), and the whole estimate
 * written as the result JSON line of {@code estimate --batch}. Scenario: Llama 3.1 8B QLoRA r16 on one L40S, the
 * example of the scenario format.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EstimateBenchmark {

    private static final String SCENARIO = "{\"format\":\"finetune-plan/1\","
            + "\"name\":\"Llama 3.1 8B, QLoRA r16, 1x L40S\","
            + "\"model\":{\"preset\":\"llama-3.1-8b\"},\"method\":{\"type\":\"qlora\",\"rank\":16},"
            + "\"training\":{\"micro_batch_size\":4,\"sequence_length\":2048,\"gradient_accumulation_steps\":4,"
            + "\"activation_checkpointing\":\"full\",\"framework\":\"hf\"},\"hardware\":{\"gpu\":\"l40s-48gb\"},"
            + "\"data\":{\"tokens\":50000000,\"epochs\":3}}";

    private Scenario scenario;
    private final MemoryEstimator memory = new MemoryEstimator();
    private final Estimator estimator = Estimator.standard();

    @Setup
    public void setUp() {
        scenario = ScenarioJson.standard().read(SCENARIO);
    }

    @Benchmark
    public MemoryEstimate memoryEstimate() {
        return memory.estimate(scenario);
    }

    @Benchmark
    public Estimate fullEstimate() {
        return estimator.estimate(scenario);
    }

    /** The explanation of one estimate: made only for the selected option and the report, never per option. */
    @Benchmark
    public Explanation explain() {
        return estimator.explain(scenario);
    }

    @Benchmark
    public String estimateAndResultJson() {
        return ResultJson.writeLine(estimator.estimate(scenario), List.of());
    }
}
