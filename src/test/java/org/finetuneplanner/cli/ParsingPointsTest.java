package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * The parsing points of issue 11, item 8: invalid UTF-8 treated alike in a file and in a batch line, a batch
 * error record that keeps the line's name, and {@code validate} on an empty file.
 */
class ParsingPointsTest {

    private static final String GOOD = "{\"name\": \"ok\", \"model\": {\"preset\": \"qwen2.5-0.5b\"}, "
            + "\"hardware\": {\"gpu\": \"l4-24gb\"}}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(byte[] stdin, String... args) {
        return Main.run(args, CliContext.standard(new ByteArrayInputStream(stdin), new PrintWriter(out),
                new PrintWriter(err)));
    }

    /**
     * {@code {"name": "caf} then 0xE9 ("é" in Latin-1, a UTF-8 lead byte of three) followed by a quote, which is no
     * continuation byte: bytes 0–12 are the 13 characters before it, so the bad byte is at offset 13.
     */
    private static byte[] latin1Line() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"name\": \"caf".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9);
        bytes.writeBytes("\", \"hardware\": {\"gpu\": \"l4-24gb\"}}".getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    /** Issue 11: invalid UTF-8 was replaced by U+FFFD in a batch but refused for a file; both refuse it now. */
    @Test
    void invalidUtf8IsRefusedInTheSameWordsInAFileAndInABatchLine() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, latin1Line());
        assertEquals(ExitCodes.INVALID_INPUT, run(new byte[0], "estimate", file.toString()));
        assertEquals("error: " + file + ": not UTF-8 text: invalid byte at line 1, byte offset 13 (save the file as "
                + "UTF-8)", err.toString().strip());

        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
        batch.write('\n');
        batch.writeBytes(latin1Line());
        batch.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        batch.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.INVALID_INPUT, run(batch.toByteArray(), "estimate", "--batch", "-"));
        String[] answers = out.toString().split("\\R");
        assertEquals(3, answers.length, out.toString());
        // The second line starts after the first line and its LF: GOOD.length() + 1 bytes (GOOD is ASCII).
        long offset = GOOD.length() + 1 + 13;
        assertEquals("line 2: not UTF-8 text: invalid byte at line 2, byte offset " + offset
                + " (save the file as UTF-8)", SafeJson.readTree(answers[1]).get("error").textValue());
        assertTrue(SafeJson.readTree(answers[2]).has("memory_gib"), "the line after it is answered");
    }

    /**
     * The error record of a batch line carries the line's name as written wherever it can be read: in valid JSON
     * that is not a valid scenario, and in text that breaks only after the name. Null when the name comes after
     * the break or the line is not an object.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "NULL", textBlock = """
            {"name": "dup", "hardware": {"gpu": "l4-24gb", "gpu": "t4-16gb"}}                        | "dup"
            {"name": "tail", "model": {"preset": "qwen2.5-0.5b"}, "hardware": {"gpu": "l4-24gb"}} more | "tail"
            {"name": "cut", "model": {"preset":                                                      | "cut"
            {"name": "no gpu", "model": {"preset": "qwen2.5-0.5b"}, "hardware": {"gpu": "h1000"}}    | "no gpu"
            {"model": {}, "name": {"first": "a"}, oops}                                              | {"first":"a"}
            {"name": 7, "model": {"preset": "qwen2.5-0.5b"}, "hardware": {"gpu": "l4-24gb"}}         | 7
            {"model": oops, "name": "late"}                                                          | null
            ["name", "array"]                                                                        | null
            """)
    void aBatchErrorRecordKeepsTheNameWhereItCanBeRead(String line, String name) throws IOException {
        assertEquals(ExitCodes.INVALID_INPUT, run(line.getBytes(StandardCharsets.UTF_8), "estimate", "--batch", "-"));
        JsonNode answer = SafeJson.readTree(out.toString());
        assertTrue(answer.get("error").textValue().startsWith("line 1: "), answer.toString());
        assertEquals(name, answer.get("name").toString());
        assertEquals(name.equals("null") ? null : SafeJson.readTree(name), ScenarioJson.writtenName(line));
    }

    /**
     * Issue 11: an empty cases file printed an empty table and exit 0. ({@code validate /dev/null}, which said "no
     * such file", is named as a device by the cliio track's check before the file is read.)
     */
    @Test
    void validateSaysAnEmptyFileHoldsNoCase() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        assertEquals(ExitCodes.INVALID_INPUT, run(new byte[0], "validate", empty.toString()));
        assertEquals("error: " + empty + ": holds no validation case (expected one JSON object per line, see "
                + "--help)", err.toString().strip());
        Files.writeString(empty, "\n  \n\n");
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.INVALID_INPUT, run(new byte[0], "validate", empty.toString()), "blank lines only");
        assertEquals("", out.toString());
    }
}
