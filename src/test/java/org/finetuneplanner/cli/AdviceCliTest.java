package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.service.persistence.ScenarioJson;

/** The advice on the command line: the keys of advice-and-prices.md, the plan section, --lang, one price. */
class AdviceCliTest {

    /** Mistral 7B LoRA at micro-batch 8 without checkpointing (issue 10). */
    private static final String MISTRAL = """
            {"format": "finetune-plan/1", "name": "Mistral 7B LoRA", "model": {"preset": "mistral-7b-v0.1"},
             "method": {"type": "lora", "rank": 16},
             "training": {"micro_batch_size": 8, "gradient_accumulation_steps": 4, "sequence_length": 2048,
                          "activation_checkpointing": "none", "loss": "standard"},
             "hardware": {"gpu": "l40s-48gb"%s}, "data": {"tokens": 50000000, "epochs": 1}%s}""";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        return Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err));
    }

    private static String mistral(String hardware, String plan) {
        return MISTRAL.formatted(hardware, plan);
    }

    @Test
    void planJsonCarriesStatusRangesAdjustmentsHostMemoryAndCaveats() {
        assertEquals(ExitCodes.OK, run(mistral("", ""), "plan", "-", "--json", "--gpus",
                "l40s-48gb,rtx-4090-24gb,t4-16gb"), err.toString());
        JsonNode plan = ScenarioJson.parse(out.toString());
        JsonNode l40s = plan.at("/options/0");
        assertEquals("l40s-48gb", l40s.get("gpu").textValue());
        assertEquals("fits", l40s.get("status").textValue());
        assertTrue(l40s.get("fits").booleanValue());
        assertEquals(32, l40s.get("sequences_per_step").intValue());
        assertEquals(32, l40s.get("micro_batch_size").intValue() * l40s.get("gradient_accumulation_steps").intValue()
                * l40s.get("gpu_count").intValue());
        JsonNode first = l40s.at("/adjustments/0");
        assertEquals("training.micro_batch_size", first.get("key").textValue());
        assertEquals(8, first.get("from").intValue());
        assertEquals(l40s.get("micro_batch_size").intValue(), first.get("to").intValue());
        double total = l40s.at("/memory_gib/total").doubleValue();
        assertTrue(l40s.at("/memory_gib/range/low").doubleValue() <= total);
        assertTrue(l40s.at("/memory_gib/range/high").doubleValue() <= l40s.get("gpu_memory_gib").doubleValue());
        assertEquals(l40s.get("gpu_memory_gib").doubleValue() - total, l40s.get("headroom_gib").doubleValue(), 0.002);
        assertTrue(l40s.at("/range_hours/low").doubleValue() <= l40s.get("hours").doubleValue());
        assertTrue(l40s.at("/range_usd/high").doubleValue() >= l40s.get("usd").doubleValue());
        assertTrue(l40s.get("host_memory_gib").isNumber());
        for (JsonNode o : plan.get("options")) {
            for (String key : List.of("status", "adjustments", "host_memory_gib", "range_hours", "range_usd",
                    "caveats", "headroom_gib")) {
                assertTrue(o.has(key), key + " in " + o.get("gpu"));
            }
            for (JsonNode c : o.get("caveats")) {
                assertTrue(c.get("id").textValue().matches("[a-z0-9-]+"), c.toString());
                assertFalse(c.get("text").textValue().isBlank(), c.toString());
            }
        }
        // The T4 (no BF16 tensor cores) says so among its caveats.
        JsonNode t4 = plan.at("/options/2");
        assertTrue(t4.get("caveats").findValuesAsText("id").contains("no-bf16"), t4.get("caveats").toString());
    }

    @Test
    void anOptionThatDoesNotFitHasNoSpeedTimeOrCostAndSaysWhatItWouldNeed() {
        String oneGpu = mistral("", ", \"plan\": {\"max_gpus\": 1, \"keep\": [\"micro_batch_size\", "
                + "\"activation_checkpointing\"]}");
        assertEquals(ExitCodes.OK, run(oneGpu, "plan", "-", "--json", "--gpus", "l40s-48gb"), err.toString());
        JsonNode o = ScenarioJson.parse(out.toString()).at("/options/0");
        assertEquals("no", o.get("status").textValue());
        assertFalse(o.get("fits").booleanValue());
        assertEquals(1, o.get("gpu_count").intValue());
        for (String key : List.of("tokens_per_second", "hours", "usd", "usd_per_gpu_hour", "range_hours",
                "range_usd", "max_micro_batch_size")) {
            assertTrue(o.get(key).isNull(), key);
        }
        List<String> kinds = o.get("reasons").findValuesAsText("kind");
        assertEquals("DoesNotFit", kinds.get(0));
        assertTrue(kinds.contains("FitsIfNotKept"), kinds.toString());
        assertTrue(ScenarioJson.parse(out.toString()).get("cheapest").isNull());
    }

    @Test
    void theTableSpeaksVietnameseWithLangVi() {
        assertEquals(ExitCodes.OK, run(mistral("", ""), "plan", "-", "--gpus", "l40s-48gb", "--lang", "vi"),
                err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("Kế hoạch: Mistral 7B LoRA"), text);
        assertTrue(text.contains("thiết lập đã đổi"), text);
        assertTrue(text.contains("micro-batch 8 → "), text);
        assertTrue(text.contains("Rẻ nhất: "), text);
        assertEquals(ExitCodes.USAGE, run(mistral("", ""), "plan", "-", "--lang", "fr"));
        assertTrue(err.toString().contains("--lang fr: expected en or vi"), err.toString());
    }

    @Test
    void theTableHasAnOffloadColumnAndTheChangesInEnglish() {
        assertEquals(ExitCodes.OK, run(mistral("", ""), "plan", "-", "--gpus", "l4-24gb"), err.toString());
        String text = out.toString();
        assertTrue(text.lines().skip(1).findFirst().orElseThrow().contains("host GiB"), text);
        assertTrue(text.contains("micro-batch 8 → "), text);
        assertTrue(text.contains("status: fits = "), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            , "plan": {"keep": ["micro_batch"]}     | plan.keep must be one of micro_batch_size, \
            activation_checkpointing, loss, was micro_batch
            , "plan": {"keep": ["gradient_accumulation_steps"]} | plan.keep must be one of micro_batch_size, \
            activation_checkpointing, loss
            , "plan": {"max_gpus": 0}                      | plan.max_gpus must be 1 to 1024, was 0
            , "plan": {"max_gpus": 2048}                   | plan.max_gpus must be 1 to 1024, was 2048
            , "plan": {"gpus": ["h900"]}                   | plan.gpus must be one of h100-sxm-80gb,
            """)
    void aBadPlanSectionIsOneLineNamingTheKey(String plan, String message) {
        assertEquals(ExitCodes.INVALID_INPUT, run(mistral("", plan), "plan", "-"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertEquals("", out.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            , "host_memory_gib": -8    | hardware.host_memory_gib must be > 0 and ≤ 1048576, was -8
            , "host_memory_gib": 0     | hardware.host_memory_gib must be > 0 and ≤ 1048576, was 0
            , "host_memory_gib": 1e9   | hardware.host_memory_gib must be > 0 and ≤ 1048576, was 1000000000
            , "host_memory_gib": "64"  | hardware.host_memory_gib = "64": expected a number
            """)
    void aBadHostMemoryIsOneLineNamingTheKey(String hardware, String message) {
        assertEquals(ExitCodes.INVALID_INPUT, run(mistral(hardware, ""), "estimate", "-"));
        assertTrue(err.toString().contains(message), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void estimateCarriesRangesStatusPhasesAndTheRentedGpus() {
        String oneL40s = mistral(", \"gpu_count\": 1", "").replace("\"micro_batch_size\": 8", "\"micro_batch_size\": 1")
                .replace("\"gradient_accumulation_steps\": 4", "\"gradient_accumulation_steps\": 32");
        assertEquals(ExitCodes.OK, run(oneL40s, "estimate", "-"), err.toString());
        JsonNode r = ScenarioJson.parse(out.toString());
        assertEquals("fits", r.get("status").textValue());
        double total = r.at("/memory_gib/total").doubleValue();
        // LoRA on one GPU: 18 cases, e10 = -6.60 %, e90 = +2.47 %: range = total / 1.0247 to total / 0.934.
        assertEquals(total / 1.0247, r.at("/memory_gib/range/low").doubleValue(), 0.002);
        assertEquals(total / 0.934, r.at("/memory_gib/range/high").doubleValue(), 0.002);
        // Speed of LoRA on one GPU: 5 cases, fewer than 8, so LoRA's 32 (e10 -11.67 %, e90 +47.48 %): hours ×
        // 0.8833 to × 1.4748; the cost follows.
        double hours = r.at("/time/hours").doubleValue();
        assertEquals(hours * 0.8833, r.at("/time/range_hours/low").doubleValue(), 0.002);
        assertEquals(hours * 1.4748, r.at("/time/range_hours/high").doubleValue(), 0.002);
        double usd = r.at("/cost/usd").doubleValue();
        assertEquals(usd * 1.4748, r.at("/cost/range_usd/high").doubleValue(), 0.015, "both rounded to cents");
        assertEquals(1, r.at("/cost/rented_gpus").intValue());
        assertEquals("listed", r.at("/cost/price_origin").textValue());
        JsonNode phases = r.at("/memory_gib/phases");
        List<String> names = new ArrayList<>();
        phases.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("loss", "backward_start", "backward_end", "optimizer_step"), names);
        assertEquals(0.0, phases.at("/optimizer_step/activations").doubleValue(), "freed by the optimizer step");
        String peak = r.at("/memory_gib/peak_phase").textValue();
        assertEquals(total, phases.get(peak).get("total").doubleValue(), 0.002);
    }

    @Test
    void estimatePlanAndCatalogShowTheSameH100Price() {
        String h100 = mistral("", "").replace("l40s-48gb", "h100-sxm-80gb");
        assertEquals(ExitCodes.OK, run(h100, "estimate", "-"), err.toString());
        assertEquals(2.69, ScenarioJson.parse(out.toString()).at("/cost/usd_per_gpu_hour").doubleValue());
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, run(h100, "plan", "-", "--json", "--gpus", "h100-sxm-80gb"), err.toString());
        JsonNode o = ScenarioJson.parse(out.toString()).at("/options/0");
        assertEquals(2.69, o.get("usd_per_gpu_hour").doubleValue());
        assertEquals("RunPod", o.get("provider").textValue());
        assertEquals("2026-11-09", o.get("price_seen").textValue());
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, run("", "catalog", "gpus"), err.toString());
        String row = out.toString().lines().filter(l -> l.startsWith("h100-sxm-80gb ")).findFirst().orElseThrow();
        assertTrue(row.contains(" 2.69 ") && row.contains("RunPod (2026-11-09)"), row);
    }

    @Test
    void theReportFollowsTheScenarioFilesPlanSection(@TempDir Path dir) throws IOException {
        // 70B full fine-tuning on 8 × MI300X with 64 GiB of host memory per node; the plan section allows the
        // MI300X only and 8 GPUs at most, so no offload and no ninth GPU: the only setup is tight (the estimate
        // fits its card, the high end of its range does not), and the report recommends it saying so. Without the
        // plan section the planner would take 16 MI300X or another GPU that fits with margin.
        Path file = dir.resolve("70b.json");
        Files.writeString(file, """
                {"format": "finetune-plan/1", "name": "70B full", "model": {"preset": "llama-3.1-70b"},
                 "method": {"type": "full"},
                 "training": {"micro_batch_size": 1, "sequence_length": 2048, "activation_checkpointing": "full"},
                 "hardware": {"gpu": "mi300x-192gb", "gpu_count": 8, "sharding": "fsdp", "host_memory_gib": 64},
                 "data": {"tokens": 100000000, "epochs": 1},
                 "plan": {"max_gpus": 8, "gpus": ["mi300x-192gb"]}}""");
        Path pdf = dir.resolve("70b.pdf");
        assertEquals(ExitCodes.OK, run("", "report", file.toString(), "--out", pdf.toString()), err.toString());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc).replaceAll("[\\s\\u00a0]+", " ");
        }
        assertTrue(text.contains("Recommended: 8 × AMD Instinct MI300X 192GB, FSDP full shard. Nothing fits with "
                + "margin, so this recommendation is tight"), text.substring(0, Math.min(text.length(), 2000)));
        assertTrue(text.contains("The one GPU compared, with the cheapest setup"), "the plan tries the MI300X only");
    }
}
