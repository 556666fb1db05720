package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Control characters in names and other user text (ESC sequences, OSC set-title, BEL, CR, backspace, the
 * right-to-left override) are shown escaped on the terminal, removed from the PDF's metadata, and kept exactly in
 * JSON output.
 */
class TerminalEscapesTest {

    /** The probe of issue 11: set the terminal's title, clear the screen, colour, return, erase, reverse. */
    private static final String HOSTILE = "A\u001B]0;pwned\u0007\u001B[2J\u001B[31mB\rC\bD\u202EE\u2066F\u009B";
    private static final String SHOWN = "A\\e]0;pwned\\a\\e[2J\\e[31mB\\rC\\bD\\u202EE\\u2066F\\u009B";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));
    }

    private Path scenario(String name) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"name\": " + SafeJson.nodes().textNode(name) + ", \"model\": {\"preset\": "
                + "\"qwen2.5-0.5b\"}, \"method\": {\"type\": \"lora\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}, "
                + "\"data\": {\"tokens\": 1e6}}");
        return file;
    }

    /** Each line (its terminator aside) holds no character a terminal would act on. */
    private static void assertInert(String text) {
        text.lines().forEach(line -> assertTrue(line.codePoints().noneMatch(SafeText::isUnsafe), line));
    }

    @Test
    void thePlanTableShowsAHostileNameEscaped() throws Exception {
        assertEquals(ExitCodes.OK, run("plan", scenario(HOSTILE).toString(), "--gpus", "l4-24gb"), err.toString());
        assertTrue(out.toString().startsWith("Plan: " + SHOWN + System.lineSeparator()), out.toString());
        assertInert(out.toString());
    }

    @Test
    void errorLinesShowWhatTheUserTypedEscaped() throws Exception {
        Path file = scenario("x");
        assertEquals(ExitCodes.USAGE, run("plan", file.toString(), "--gpus", HOSTILE));
        assertTrue(err.toString().startsWith("error: --gpus: unknown GPU id \"" + SHOWN + "\""), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run("estimate", "--" + HOSTILE));
        assertTrue(err.toString().contains(SHOWN), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.IO, run("estimate", dir.resolve(HOSTILE + ".json").toString()));
        assertTrue(err.toString().contains(SHOWN + ".json: cannot be read"), err.toString());
        assertInert(err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void validateShowsHostileCaseIdsEscaped() throws Exception {
        Path cases = dir.resolve("cases.jsonl");
        Files.writeString(cases, "{\"id\": " + SafeJson.nodes().textNode(HOSTILE) + ", \"scenario\": {\"model\": "
                + "{\"preset\": \"qwen2.5-0.5b\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}}, \"expected\": "
                + "{\"metric\": \"peak_allocated\", \"peak_gib\": 3.0}}\n");
        assertEquals(ExitCodes.OK, run("validate", cases.toString(), "--cases"), err.toString());
        assertTrue(out.toString().contains(SHOWN), out.toString());
        assertInert(out.toString());
    }

    @Test
    void jsonOutputKeepsTheNameExactly() throws Exception {
        assertEquals(ExitCodes.OK, run("estimate", scenario(HOSTILE).toString(), "--compact"));
        assertEquals(HOSTILE, ScenarioJson.parse(out.toString()).get("name").textValue());
        assertFalse(out.toString().contains("\u001B"), "JSON escapes C0 controls itself");
    }

    @Test
    void thePdfMetadataHasTheControlsRemoved() throws Exception {
        Path pdf = dir.resolve("plan.pdf");
        assertEquals(ExitCodes.OK, run("report", scenario("scenario").toString(), "--out", pdf.toString(),
                "--title", HOSTILE, "--company", "Co\u001B[5m", "--consultant", "Ann\u202Eon"), err.toString());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDDocumentInformation info = doc.getDocumentInformation();
            // The report's own cleaning may leave a space where a C0 control was; nothing a reader acts on is left.
            for (String field : new String[] {info.getTitle(), info.getSubject(), info.getAuthor()}) {
                assertTrue(field.codePoints().noneMatch(SafeText::isUnsafe), field);
            }
            assertEquals("A]0;pwned[2J[31mBCDEF", info.getSubject().replace(" ", ""));
            assertTrue(info.getTitle().replace(" ", "").endsWith("—A]0;pwned[2J[31mBCDEF"), info.getTitle());
            assertEquals("Annon,Co[5m", info.getAuthor().replace(" ", ""));
        }
    }
}
