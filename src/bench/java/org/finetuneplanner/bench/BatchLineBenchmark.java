package org.finetuneplanner.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ResultJson;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * One line of {@code estimate --batch} from text to text: parse the scenario line, read it (catalog lookups, range
 * checks, defaults), estimate, write the result line. A preset line and an inline {@code config.json} line (the
 * validation cases' shape).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BatchLineBenchmark {

    private static final String PRESET_LINE = "{\"format\":\"finetune-plan/1\",\"name\":\"qlora-l40s\","
            + "\"model\":{\"preset\":\"llama-3.1-8b\"},\"method\":{\"type\":\"qlora\",\"rank\":16},"
            + "\"training\":{\"micro_batch_size\":4,\"sequence_length\":2048,\"gradient_accumulation_steps\":4,"
            + "\"activation_checkpointing\":\"full\"},\"hardware\":{\"gpu\":\"l40s-48gb\"},"
            + "\"data\":{\"tokens\":50000000,\"epochs\":3}}";

    private static final String CONFIG_LINE = "{\"format\":\"finetune-plan/1\",\"name\":\"config-4090\","
            + "\"model\":{\"config\":{\"hidden_size\":4096,\"num_hidden_layers\":32,\"num_attention_heads\":32,"
            + "\"num_key_value_heads\":32,\"intermediate_size\":11008,\"vocab_size\":32000,"
            + "\"tie_word_embeddings\":false,\"model_type\":\"llama\"},\"parameters\":6740000000},"
            + "\"method\":{\"type\":\"qlora\",\"rank\":8,\"alpha\":16,\"targets\":[\"q\",\"k\",\"v\",\"o\",\"gate\","
            + "\"down\",\"up\"]},\"training\":{\"precision\":\"bf16\",\"micro_batch_size\":4,"
            + "\"sequence_length\":2048,\"activation_checkpointing\":\"full\",\"framework\":\"torchtune\"},"
            + "\"hardware\":{\"gpu\":\"rtx-4090-24gb\",\"gpu_count\":1}}";

    private final ScenarioJson json = ScenarioJson.standard();
    private final Estimator estimator = Estimator.standard();

    @Benchmark
    public Scenario readPresetLine() {
        return json.read(PRESET_LINE);
    }

    @Benchmark
    public Scenario readConfigLine() {
        return json.read(CONFIG_LINE);
    }

    @Benchmark
    public String presetLineEndToEnd() {
        return answer(PRESET_LINE);
    }

    @Benchmark
    public String configLineEndToEnd() {
        return answer(CONFIG_LINE);
    }

    private String answer(String line) {
        ScenarioJson.Document d = json.readDocument(line);
        return SafeJson.compact(ResultJson.line(estimator.estimate(d.scenario()), d.notes(), d.writtenName()));
    }
}
