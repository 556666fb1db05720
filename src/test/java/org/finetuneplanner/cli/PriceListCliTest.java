package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.service.persistence.ScenarioJson;

/** {@code plan --prices} and {@code report --prices}: a seller's price list on the command line, and its errors. */
class PriceListCliTest {

    private static final String QLORA_8B = "{\"format\": \"finetune-plan/1\", \"name\": \"8B QLoRA\", "
            + "\"model\": {\"preset\": \"llama-3.1-8b\"}, \"method\": {\"type\": \"qlora\", \"rank\": 16}, "
            + "\"training\": {\"micro_batch_size\": 2, \"sequence_length\": 4096}, "
            + "\"hardware\": {\"gpu\": \"%s\"}, \"data\": {\"tokens\": 40000000}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private String example() throws Exception {
        return Files.readString(Path.of("docs/examples/price-list-vnd.json"));
    }

    private int plan(String gpu, String prices, String... args) throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, QLORA_8B.formatted(gpu));
        Path list = dir.resolve("prices.json");
        Files.writeString(list, prices);
        List<String> all = new ArrayList<>(List.of("plan", scenario.toString(), "--prices", list.toString()));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new), CliContext.standard(new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(err)));
    }

    @Test
    void thePlanTriesOnlyTheListsGpusInItsCurrency() throws Exception {
        assertEquals(ExitCodes.OK, plan("h100-sxm-80gb", example(), "--json"));
        JsonNode plan = ScenarioJson.parse(out.toString());
        List<String> gpus = new ArrayList<>();
        for (JsonNode o : plan.get("options")) {
            gpus.add(o.get("gpu").textValue());
            assertEquals("VND", o.get("currency").textValue());
            assertEquals("VinaGPU Cloud", o.get("provider").textValue());
            assertTrue(o.get("total").isNumber() && o.get("usd").isNumber());
        }
        assertEquals(List.of("h100-sxm-80gb", "rtx-4090-24gb", "vina-l20-48gb"), gpus);
        assertEquals("", err.toString());
    }

    @Test
    void aScenarioMayNameTheListsOwnGpuAndTheTableSpeaksVietnamese() throws Exception {
        assertEquals(ExitCodes.OK, plan("vina-l20-48gb", example(), "--lang", "vi"));
        String table = out.toString();
        assertTrue(table.contains("21.000\u00a0₫"), table);
        assertTrue(table.contains("25.400\u00a0₫ một đô la Mỹ (tỷ giá ngày 01/12/2026)"), table);
        assertFalse(table.contains("$"), "no dollar amount: " + table);
    }

    @Test
    void gpusTheListDoesNotOfferAreAUsageError() throws Exception {
        assertEquals(ExitCodes.USAGE, plan("h100-sxm-80gb", example(), "--gpus", "l40s-48gb"));
        assertTrue(err.toString().contains("--gpus: \"l40s-48gb\" is not offered by the price list"), err.toString());
    }

    /** Each row: a text of the example replaced, by what, the key the one error line names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "finetune-prices/1" | "finetune-plan/1" | format = "finetune-plan/1"
            "rtx-4090-24gb" | "rtx-9090" | offers[1].gpu = "rtx-9090"
            9500 | -9500 | offers[1].price_per_gpu_hour = -9500
            "VND" | "VNX" | currency = "VNX"
            25400 | "1e" | usd_rate
            25400 | 0 | usd_rate = 0
            """)
    void aBadListIsOneLineNamingTheKey(String replaced, String by, String key) throws Exception {
        assertEquals(ExitCodes.INVALID_INPUT, plan("h100-sxm-80gb", example().replace(replaced, by)));
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("error: ") && e.contains(key), e);
        assertEquals("", out.toString());
    }

    @Test
    void aListThatCannotBeReadIsAnIoError() throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, QLORA_8B.formatted("h100-sxm-80gb"));
        int status = Main.run(new String[] {"plan", scenario.toString(), "--prices", dir.resolve("none.json")
                .toString()}, CliContext.standard(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err)));
        assertEquals(ExitCodes.IO, status);
        assertTrue(err.toString().contains("none.json: cannot be read"), err.toString());
    }

    @Test
    void theReportTakesTheListAndRefusesABadOneBeforeAnyWork() throws Exception {
        Path scenario = dir.resolve("a.json");
        Files.writeString(scenario, QLORA_8B.formatted("vina-l20-48gb"));
        Path list = dir.resolve("prices.json");
        Files.writeString(list, example().replace("\"rtx-4090-24gb\"", "\"rtx-9090\""));
        Path pdf = dir.resolve("quote.pdf");
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), ScenarioJson.standard(), s -> {
                    throw new AssertionError("a bad price list must be refused before any estimate");
                });
        assertEquals(ExitCodes.INVALID_INPUT, Main.run(new String[] {"report", scenario.toString(), scenario
                .toString(), "--prices", list.toString(), "--out", pdf.toString()}, context));
        assertTrue(err.toString().contains("offers[1].gpu = \"rtx-9090\""), err.toString());
        assertFalse(Files.exists(pdf));
        Files.writeString(list, example());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.OK, Main.run(new String[] {"report", scenario.toString(), "--prices",
                list.toString(), "--lang", "vi", "--out", pdf.toString()}, CliContext.standard(
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err))), err.toString());
        assertTrue(Files.size(pdf) > 10_000, "a report of the list's own GPU, in its prices");
    }
}
