package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.service.persistence.ScenarioJson;

/** {@code plan} in-process with the real estimator and the bundled catalogs. */
class PlanCommandTest {

    private static final String LORA_8B = "{\"format\": \"finetune-plan/1\", \"name\": \"8B LoRA\", "
            + "\"model\": {\"preset\": \"llama-3.1-8b\"}, \"method\": {\"type\": \"lora\", \"rank\": 16}, "
            + "\"training\": {\"micro_batch_size\": 2, \"activation_checkpointing\": \"full\"}, "
            + "\"hardware\": {\"gpu\": \"l40s-48gb\"}, \"data\": {\"tokens\": 50000000, \"epochs\": 1}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws Exception {
        return runOn(LORA_8B, args);
    }

    private int runOn(String scenario, String... args) throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, scenario);
        List<String> all = new ArrayList<>(List.of("plan", file.toString()));
        all.addAll(List.of(args));
        CliContext context = CliContext.standard(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
        return Main.run(all.toArray(String[]::new), context);
    }

    @Test
    void jsonHasTheSpecShapeForEveryCatalogGpu() throws Exception {
        assertEquals(ExitCodes.OK, run("--json"));
        JsonNode plan = ScenarioJson.parse(out.toString());
        assertEquals("8B LoRA", plan.get("name").textValue());
        assertEquals(ScenarioJson.standard().catalogs().gpus().size(), plan.get("options").size());
        for (JsonNode o : plan.get("options")) {
            for (String key : List.of("gpu", "gpu_count", "sharding", "offload", "fits", "memory_gib",
                    "gpu_memory_gib", "tokens_per_second", "hours", "usd_per_gpu_hour", "usd", "provider")) {
                assertTrue(o.has(key), key + " in " + o.get("gpu"));
            }
            assertTrue(o.at("/memory_gib/total").isNumber());
            if (o.get("fits").booleanValue()) {
                assertTrue(o.get("max_micro_batch_size").intValue() >= o.get("micro_batch_size").intValue(),
                        "the option's own micro-batch keeps its status");
                assertTrue(o.get("max_sequence_length").intValue() >= 2048, "the scenario's 2048 tokens fit");
            }
        }
        String cheapest = plan.get("cheapest").textValue();
        JsonNode option = null;
        for (JsonNode o : plan.get("options")) {
            if (o.get("gpu").textValue().equals(cheapest)) {
                option = o;
            }
        }
        assertTrue(option.get("fits").booleanValue());
        assertTrue(option.get("usd").isNumber());
        assertTrue(plan.get("fastest").isTextual());
        assertEquals("", err.toString());
    }

    @Test
    void withoutDataSizeThereIsNoTimeOrTotalButThePriceIsShown() throws Exception {
        String noData = LORA_8B.replace(", \"data\": {\"tokens\": 50000000, \"epochs\": 1}", "");
        assertEquals(ExitCodes.OK, runOn(noData, "--json", "--gpus", "l40s-48gb,v100-sxm2-32gb"));
        JsonNode options = ScenarioJson.parse(out.toString()).get("options");
        JsonNode l40s = options.get(0);
        assertEquals("l40s-48gb", l40s.get("gpu").textValue());
        assertTrue(l40s.get("hours").isNull());
        assertTrue(l40s.get("usd").isNull());
        assertTrue(l40s.get("usd_per_gpu_hour").doubleValue() > 0);
        assertTrue(options.get(1).get("usd_per_gpu_hour").isNull(), "the V100 32GB has no listed price");
    }

    @Test
    void gpusOptionLimitsTheOptionsInTheGivenOrderAndTheScenariosOwnGpuComesFirst() throws Exception {
        assertEquals(ExitCodes.OK, run("--json", "--gpus", "rtx-4090-24gb,h100-sxm-80gb"));
        JsonNode options = ScenarioJson.parse(out.toString()).get("options");
        assertEquals(3, options.size());
        assertEquals("l40s-48gb", options.get(0).get("gpu").textValue(), "the scenario's own GPU is reported");
        assertEquals("rtx-4090-24gb", options.get(1).get("gpu").textValue());
        assertEquals("h100-sxm-80gb", options.get(2).get("gpu").textValue());
    }

    @Test
    void discountHalvesThePricePerGpuHour() throws Exception {
        assertEquals(ExitCodes.OK, run("--json", "--gpus", "l40s-48gb"));
        double listed = ScenarioJson.parse(out.toString()).at("/options/0/usd_per_gpu_hour").doubleValue();
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, run("--json", "--gpus", "l40s-48gb", "--discount", "0.5"));
        assertEquals(listed / 2, ScenarioJson.parse(out.toString()).at("/options/0/usd_per_gpu_hour").doubleValue(),
                1e-4);
    }

    @Test
    void discountOutsideItsRangeIsAUsageError() throws Exception {
        assertEquals(ExitCodes.USAGE, run("--discount", "1.5"));
        assertTrue(err.toString().contains("--discount 1.5 is not allowed"), err.toString());
    }

    @Test
    void unknownGpuIdIsAUsageErrorNamingIt() throws Exception {
        assertEquals(ExitCodes.USAGE, run("--gpus", "h100-sxm-80gb,h900"));
        assertTrue(err.toString().contains("\"h900\""), err.toString());
        assertTrue(err.toString().contains("allowed"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void tableNamesTheCheapestAndFastest() throws Exception {
        assertEquals(ExitCodes.OK, run("--gpus", "l40s-48gb,h100-sxm-80gb,v100-sxm2-32gb"));
        String text = out.toString();
        assertTrue(text.contains("Cheapest: "), text);
        assertTrue(text.contains("Fastest:  "), text);
        assertTrue(text.contains("no price"), text);
    }
}
