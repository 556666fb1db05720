package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.service.persistence.ScenarioJson;

/** {@code report}'s arguments and errors: one line, a non-zero status and no file. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), ScenarioJson.standard(), s -> {
                    throw new AssertionError("bad arguments must be refused before any estimate");
                });
        return Main.run(args, context);
    }

    private Path scenario() throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"name\": \"x\", \"model\": {\"preset\": \"llama-3.1-8b\"}, "
                + "\"hardware\": {\"gpu\": \"l40s-48gb\"}, \"data\": {\"tokens\": 1000000}}");
        return file;
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertOneErrorLine(String... parts) {
        String e = err.toString();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("error: "), e);
        for (String part : parts) {
            assertTrue(e.contains(part), "\"" + part + "\" in: " + e);
        }
        assertFalse(e.contains("Exception"), "no exception names: " + e);
    }

    @Test
    void anUnknownLanguageIsAUsageError() throws Exception {
        Path s = scenario();
        assertEquals(ExitCodes.USAGE, run("report", s.toString(), "--out", dir.resolve("p.pdf").toString(),
                "--lang", "fr"));
        assertOneErrorLine("--lang fr", "en or vi");
        assertEquals(List.of("s.json"), files());
    }

    @Test
    void anUnknownPaperIsAUsageError() throws Exception {
        Path s = scenario();
        assertEquals(ExitCodes.USAGE, run("report", s.toString(), "--out", dir.resolve("p.pdf").toString(),
                "--paper", "a3"));
        assertOneErrorLine("--paper a3", "a4 or letter");
    }

    @Test
    void aMissingOutIsAUsageError() throws Exception {
        assertEquals(ExitCodes.USAGE, run("report", scenario().toString()));
        assertOneErrorLine("--out");
    }

    @Test
    void aMissingScenarioFileIsNamed() throws Exception {
        Path missing = dir.resolve("missing.json");
        assertEquals(ExitCodes.IO, run("report", missing.toString(), "--out", dir.resolve("p.pdf").toString()));
        assertOneErrorLine("missing.json");
        assertEquals(List.of(), files());
    }

    @Test
    void anInvalidScenarioNamesTheKey() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"model\": {\"preset\": \"llama-3.1-8b\"}, \"hardware\": {\"gpu\": \"l40s-48gb\"},"
                + " \"training\": {\"micro_batch_size\": 0}}");
        assertEquals(ExitCodes.INVALID_INPUT, run("report", bad.toString(), "--out", dir.resolve("p.pdf")
                .toString()));
        assertOneErrorLine("micro_batch_size");
        assertEquals(List.of("bad.json"), files());
    }

    @Test
    void aLogoThatIsNotAnImageIsRefusedBeforeAnyWork() throws Exception {
        Path s = scenario();
        Path logo = dir.resolve("logo.png");
        Files.writeString(logo, "not an image");
        assertEquals(ExitCodes.IO, run("report", s.toString(), "--out", dir.resolve("p.pdf").toString(), "--logo",
                logo.toString()));
        assertOneErrorLine("logo.png", "PNG, JPEG or SVG");
        assertFalse(Files.exists(dir.resolve("p.pdf")));
    }

    @Test
    void aDeviceAsLogoIsRefusedAtOnceWithoutReadingIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Path s = scenario();
        // Read, /dev/zero never ends; the loose bound only catches a read that does not stop.
        int code = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("report", s.toString(), "--out",
                dir.resolve("p.pdf").toString(), "--logo", "/dev/zero"));
        assertEquals(ExitCodes.IO, code);
        assertOneErrorLine("/dev/zero is a character device, not a regular file");
        assertEquals(List.of("s.json"), files());
    }

    @Test
    void aGoodScenarioGivesAVietnameseLetterReportAndExitZero() throws Exception {
        Path s = scenario();
        Path pdf = dir.resolve("ke-hoach.pdf");
        CliContext real = CliContext.standard(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(ExitCodes.OK, Main.run(new String[] {"report", s.toString(), "--out", pdf.toString(), "--lang",
            "vi", "--paper", "letter", "--customer", "Công ty ABC"}, real));
        assertEquals("", err.toString());
        assertEquals("", out.toString(), "the report goes to the file, nothing to standard output");
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            assertEquals(792f, doc.getPage(0).getMediaBox().getHeight(), 0.01f);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Kế hoạch tinh chỉnh mô hình") && text.contains("Công ty ABC"));
        }
        assertEquals(List.of("ke-hoach.pdf", "s.json"), files(), "no temporary file left");
    }

    private Path scenario(String file, String method) throws Exception {
        Path path = dir.resolve(file);
        Files.writeString(path, "{\"name\": \"" + method + " run\", \"model\": {\"preset\": \"llama-3.1-8b\"}, "
                + "\"method\": {\"type\": \"" + method + "\"}, \"training\": {\"activation_checkpointing\": "
                + "\"full\"}, \"hardware\": {\"gpu\": \"l40s-48gb\"}, \"data\": {\"tokens\": 1000000}}");
        return path;
    }

    @Test
    void fiveScenariosAreAUsageErrorBeforeAnyWork() throws Exception {
        String[] args = {"report", "", "", "", "", "", "--out", dir.resolve("x.pdf").toString()};
        for (int i = 0; i < 5; i++) {
            args[1 + i] = scenario("s" + i + ".json", "lora").toString();
        }
        assertEquals(ExitCodes.USAGE, run(args));
        assertOneErrorLine("at most 4 scenarios", "5 files");
        assertFalse(Files.exists(dir.resolve("x.pdf")));
    }

    @Test
    void anEmptySecondFileNameIsAUsageError() throws Exception {
        assertEquals(ExitCodes.USAGE, run("report", scenario("a.json", "qlora").toString(), "", "--out",
                dir.resolve("x.pdf").toString()));
        assertOneErrorLine("SCENARIO.json", "empty");
    }

    @Test
    void everyBadScenarioOfAComparisonIsNamedWithItsFileAndKey() throws Exception {
        Path good = scenario("a.json", "qlora");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"model\": {\"preset\": \"llama-3.1-8b\"}, \"hardware\": {\"gpu\": "
                + "\"l40s-48gb\"}, \"training\": {\"micro_batch_size\": 0}}");
        Path missing = dir.resolve("missing.json");
        assertEquals(ExitCodes.INVALID_INPUT, run("report", good.toString(), bad.toString(), missing.toString(),
                "--out", dir.resolve("x.pdf").toString()));
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains("bad.json")
                && lines.get(0).contains("training.micro_batch_size"), lines.get(0));
        assertTrue(lines.get(1).contains("missing.json"), lines.get(1));
        assertEquals(List.of("a.json", "bad.json"), files(), "no report, no temporary file");
    }

    @Test
    void twoScenariosGiveOneComparisonReport() throws Exception {
        Path a = scenario("a.json", "qlora");
        Path b = scenario("b.json", "lora");
        Path pdf = dir.resolve("so-sanh.pdf");
        CliContext real = CliContext.standard(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(ExitCodes.OK, Main.run(new String[] {"report", a.toString(), b.toString(), "--out",
            pdf.toString(), "--customer", "Công ty ABC"}, real));
        assertEquals("", err.toString());
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("Comparison of fine-tuning plans") && text.contains("Công ty ABC"));
            assertTrue(text.contains("Scenario A: qlora run") && text.contains("Scenario B: lora run"));
            assertTrue(text.contains("Method — A: QLoRA, rank 16, base weights NF4 (4-bit); B: LoRA, rank 16, base "
                    + "weights BF16"), "what differs");
        }
        assertEquals(List.of("a.json", "b.json", "so-sanh.pdf"), files());
    }
}
