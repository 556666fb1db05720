package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.finetuneplanner.service.persistence.ScenarioJson;

/** {@code estimate} with the real estimator: the spec's result shape, and a batch of the published cases. */
class EstimateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(byte[] stdin, String... args) {
        return Main.run(args, new ByteArrayInputStream(stdin), new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void aResultHasEveryKeyOfTheSpec() {
        String scenario = """
                {"format": "finetune-plan/1", "name": "Llama 3.1 8B, QLoRA r16, 1x L40S",
                 "model": {"preset": "llama-3.1-8b"}, "method": {"type": "qlora", "rank": 16},
                 "training": {"micro_batch_size": 4, "sequence_length": 2048, "gradient_accumulation_steps": 4,
                              "activation_checkpointing": "full"},
                 "hardware": {"gpu": "l40s-48gb"}, "data": {"tokens": 50000000, "epochs": 3}}""";
        assertEquals(ExitCodes.OK, run(scenario.getBytes(StandardCharsets.UTF_8), "estimate", "-"), err.toString());
        JsonNode r = ScenarioJson.parse(out.toString());
        assertEquals("Llama 3.1 8B, QLoRA r16, 1x L40S", r.get("name").textValue());
        // Llama-3-8B: 8,030,261,248 base parameters; LoRA r16 on all linear layers adds 41,943,040 (issue #2).
        assertEquals(41_943_040L, r.at("/parameters/trainable").longValue());
        assertEquals(8_030_261_248L + 41_943_040L, r.at("/parameters/total").longValue());
        for (String key : List.of("weights", "gradients", "optimizer", "activations", "logits", "buffers",
                "cuda_context", "peak_allocated", "peak_reserved", "total")) {
            assertTrue(r.at("/memory_gib/" + key).isNumber(), key);
        }
        JsonNode m = r.get("memory_gib");
        double parts = m.get("weights").doubleValue() + m.get("gradients").doubleValue()
                + m.get("optimizer").doubleValue() + m.get("activations").doubleValue()
                + m.get("logits").doubleValue() + m.get("buffers").doubleValue();
        assertEquals(m.get("peak_allocated").doubleValue(), parts, 0.004, "parts add up (3-decimal rounding)");
        assertTrue(m.get("peak_reserved").doubleValue() >= m.get("peak_allocated").doubleValue());
        assertEquals(m.get("total").doubleValue(),
                m.get("peak_reserved").doubleValue() + m.get("cuda_context").doubleValue(), 0.002);
        assertEquals(44.988, r.get("gpu_memory_gib").doubleValue(), "46068 MiB usable on the L40S");
        assertEquals(m.get("total").doubleValue() <= 44.988, r.get("fits").booleanValue());
        assertTrue(r.get("host_memory_gib").isNumber());
        assertTrue(r.at("/time/tokens_per_second").doubleValue() > 0);
        // hours = 50M tokens × 3 epochs / (tokens per second) / 3600.
        double hours = 50e6 * 3 / r.at("/time/tokens_per_second").doubleValue() / 3600;
        assertEquals(hours, r.at("/time/hours").doubleValue(), hours * 1e-3);
        assertTrue(r.at("/cost/usd_per_gpu_hour").doubleValue() > 0, "the L40S has catalog prices");
        assertTrue(r.get("warnings").isArray());
    }

    @Test
    void withoutTokensHoursAndCostAreNull() {
        String scenario = "{\"model\": {\"preset\": \"qwen2.5-7b\"}, \"hardware\": {\"gpu\": \"h100-sxm-80gb\"}}";
        assertEquals(ExitCodes.OK, run(scenario.getBytes(StandardCharsets.UTF_8), "estimate", "--compact", "-"));
        JsonNode r = ScenarioJson.parse(out.toString());
        assertTrue(r.at("/time/hours").isNull());
        assertTrue(r.at("/time/tokens_per_second").doubleValue() > 0);
        assertTrue(r.get("cost").isNull());
        assertEquals(1, out.toString().lines().count(), "--compact: one line");
    }

    @Test
    void theBatchAnswersEveryPublishedCaseInOrder() throws IOException {
        StringBuilder batch = new StringBuilder();
        List<String> names;
        try (InputStream in = getClass().getResourceAsStream("/validation/public-cases.jsonl")) {
            List<JsonNode> cases = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).map(ScenarioJson::parse).toList();
            cases.forEach(c -> batch.append(c.get("scenario")).append('\n'));
            names = cases.stream().map(c -> c.at("/scenario/name").textValue()).toList();
        }
        assertEquals(ExitCodes.OK, run(batch.toString().getBytes(StandardCharsets.UTF_8), "estimate", "--batch", "-"),
                err.toString());
        List<JsonNode> results = out.toString().lines().map(ScenarioJson::parse).toList();
        assertEquals(names, results.stream().map(r -> r.get("name").textValue()).toList());
        results.forEach(r -> assertFalse(r.has("error"), r.toString()));
        assertEquals("", err.toString());
    }
}
