package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line run in-process with captured streams. The estimator is a stand-in that reports the micro-batch
 * as GiB of activations, so these tests check the plumbing (order, names, errors, exit codes), not the numbers.
 */
class MainTest {

    private static final long GIB = 1L << 30;

    /** Activations = micro_batch_size GiB; throws for the scenario named "boom". */
    private static final Function<Scenario, Estimate> STAND_IN = scenario -> {
        if (scenario.name().equals("boom")) {
            throw new IllegalStateException("stand-in failure");
        }
        MemoryBreakdown parts = new MemoryBreakdown(0, 0, 0, scenario.training().microBatchSize() * GIB, 0, 0, 0,
                0);
        MemoryEstimate memory = new MemoryEstimate(parts, 0, 10 * GIB, List.of());
        ThroughputEstimate speed = new ThroughputEstimate(1, 1000, 1, 0.4, 100, 0, Map.of(), List.of());
        return new Estimate(scenario, new ParameterCounts(1, 1, 1, 0, 0, 0, 0), memory, speed,
                OptionalDouble.empty(), Optional.empty(), List.of());
    };

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), ScenarioJson.standard(), STAND_IN);
        return Main.run(args, context);
    }

    private static String scenario(String name, int microBatch) {
        return "{\"name\": \"" + name + "\", \"model\": {\"preset\": \"llama-3.1-8b\"}, \"training\": "
                + "{\"micro_batch_size\": " + microBatch + "}, \"hardware\": {\"gpu\": \"l40s-48gb\"}}";
    }

    @Test
    void estimatePrintsOneResult() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, scenario("one", 3));
        assertEquals(ExitCodes.OK, run("", "estimate", file.toString()));
        JsonNode result = ScenarioJson.parse(out.toString());
        assertEquals("one", result.get("name").textValue());
        assertEquals(3.0, result.at("/memory_gib/activations").doubleValue());
        assertTrue(result.get("fits").booleanValue(), "3 GiB ≤ 10 GiB");
        assertEquals("", err.toString());
    }

    @Test
    void anInvalidScenarioIsOneLineOnStandardError() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, scenario("bad", -4));
        assertEquals(ExitCodes.INVALID_INPUT, run("", "estimate", file.toString()));
        assertEquals("", out.toString());
        // The value -4 is the 87th character of the one-line file.
        assertEquals("error: " + file + ": training.micro_batch_size = -4: expected a whole number from 1 to "
                + "1048576 (column 87)" + System.lineSeparator(), err.toString());
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertEquals(ExitCodes.IO, run("", "estimate", dir.resolve("nope.json").toString()));
        assertEquals(1, err.toString().lines().count());
        assertTrue(err.toString().contains("nope.json: cannot be read (no such file)"), err.toString());
    }

    @Test
    void batchAnswersEveryLineInOrderAndGoesOnAfterBadOnes() {
        String input = String.join("\n",
                scenario("first", 1),
                "this is not json",
                scenario("negative", -4),
                "",
                scenario("boom", 1),
                "{\"name\": \"no gpu\", \"model\": {\"preset\": \"llama-3.1-8b\"}, \"hardware\": {\"gpu\": \"h1000\"}}",
                scenario("last", 2)) + "\n";
        assertEquals(ExitCodes.INVALID_INPUT, run(input, "estimate", "--batch", "-"));
        List<JsonNode> lines = out.toString().lines().map(ScenarioJson::parse).toList();
        assertEquals(6, lines.size(), "one result per non-blank line");
        assertEquals("first", lines.get(0).get("name").textValue());
        assertEquals(1.0, lines.get(0).at("/memory_gib/activations").doubleValue());
        assertTrue(lines.get(1).get("name").isNull());
        assertTrue(lines.get(1).get("error").textValue().startsWith("line 2: not valid JSON"));
        assertEquals("negative", lines.get(2).get("name").textValue());
        assertTrue(lines.get(2).get("error").textValue().startsWith("line 3: training.micro_batch_size = -4"));
        assertEquals("boom", lines.get(3).get("name").textValue());
        assertEquals("line 5: cannot estimate: stand-in failure",
                lines.get(3).get("error").textValue());
        assertTrue(lines.get(4).get("error").textValue().startsWith("line 6: hardware.gpu = \"h1000\": expected a "
                + "GPU id of the catalog: h100-sxm-80gb"), lines.get(4).toString());
        assertEquals("last", lines.get(5).get("name").textValue());
        assertEquals(2.0, lines.get(5).at("/memory_gib/activations").doubleValue());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("error: 4 lines of standard input could not be answered"));
    }

    @Test
    void aCleanBatchFromAFileExitsZero() throws Exception {
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, scenario("a", 1) + "\r\n" + scenario("b", 2) + "\r\n");
        assertEquals(ExitCodes.OK, run("", "estimate", "--batch", file.toString()));
        assertEquals(List.of("a", "b"), out.toString().lines()
                .map(line -> ScenarioJson.parse(line).get("name").textValue()).toList());
        assertEquals("", err.toString());
    }

    @Test
    void aResultWithoutANameCarriesNull() {
        assertEquals(ExitCodes.OK, run("{\"model\": {\"preset\": \"qwen3-8b\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}}",
                "estimate", "--batch", "-"));
        assertTrue(ScenarioJson.parse(out.toString()).get("name").isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"estimate", "estimate a.json --batch b.jsonl", "estimate --frobnicate x.json",
        "frobnicate", "estimate --batch"})
    void wrongCommandLinesAreUsageErrorsInOneLine(String line) {
        assertEquals(ExitCodes.USAGE, run("", line.split(" ")));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("error: "), err.toString());
        assertTrue(err.toString().contains("--help"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void noCommandShowsTheCommandsOnStandardError() {
        assertEquals(ExitCodes.USAGE, run("", "--lang"));
        assertEquals(ExitCodes.USAGE, Main.run(new String[0], context()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "estimate --help", "help estimate", "catalog --help", "plan --help",
        "report --help", "validate --help"})
    void everyCommandHasHelpWithItsExitCodes(String line) {
        assertEquals(ExitCodes.OK, run("", line.split(" ")));
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
        assertTrue(out.toString().contains("70"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void catalogListsTheIdsScenariosMayName() {
        assertEquals(ExitCodes.OK, run("", "catalog", "gpus"));
        List<String> rows = out.toString().lines().toList();
        assertEquals(27, rows.size(), "a header and 26 GPUs");
        assertTrue(rows.get(1).startsWith("h100-sxm-80gb "), rows.get(1));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("mi250x-128gb") && r.endsWith("no listed price")));
        out.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, run("", "catalog", "models", "--json"));
        JsonNode models = ScenarioJson.parse(out.toString());
        assertEquals(69, models.size());
        assertEquals("llama-2-7b", models.get(0).get("id").textValue());
        assertEquals(ExitCodes.USAGE, run("", "catalog", "tpus"));
    }

    @Test
    void aFailureInsideTheProgramIsOneLineWithoutAStackTrace() throws Exception {
        Path file = dir.resolve("boom.json");
        Files.writeString(file, scenario("boom", 1));
        assertEquals(ExitCodes.INTERNAL, run("", "estimate", file.toString()));
        assertEquals("error: internal error: stand-in failure" + System.lineSeparator(),
                err.toString());
        assertFalse(err.toString().contains("\tat "));
    }

    private CliContext context() {
        return new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
                ScenarioJson.standard(), STAND_IN);
    }
}
