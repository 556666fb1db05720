package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void printsTheErrorTableOfThePublicCasesAndExitsZero() throws URISyntaxException {
        Path cases = Path.of(getClass().getResource("/validation/public-cases.jsonl").toURI());
        assertEquals(ExitCodes.OK, run("validate", cases.toString()));
        String table = out.toString();
        assertTrue(table.startsWith("group"), table);
        for (String row : new String[] {"all", "method=full", "method=lora", "method=qlora", "single-GPU",
                "multi-GPU", "oom", "speed: tokens/s"}) {
            assertTrue(table.contains(row), row + " missing in\n" + table);
        }
        assertTrue(table.contains("3/3 right"), table);
        assertEquals("", err.toString());
    }

    @Test
    void aMissingFileIsOneLineOnStandardErrorWithTheIoStatus(@TempDir Path dir) {
        assertEquals(ExitCodes.IO, run("validate", dir.resolve("nope.jsonl").toString()));
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("nope.jsonl: no such file"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count());
    }

    /**
     * A file that is not UTF-8 said "cannot be read (MalformedInputException)": a Java class name. Now each line is
     * decoded on its own, as in a batch: the line that is not UTF-8 fails alone in the table, in words that name the
     * line and the offset of its first bad byte (0xE9 is the 8th byte: offset 7), and the other lines still run.
     */
    @Test
    void aFileThatIsNotUtf8IsNamedInWords(@TempDir Path dir) throws Exception {
        Path cases = dir.resolve("latin1.jsonl");
        Files.write(cases, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE9, '"', '}', '\n'});
        Files.writeString(cases, "{\"id\": \"second\"}\n", StandardOpenOption.APPEND);
        assertEquals(ExitCodes.OK, run("validate", cases.toString()));
        String table = out.toString();
        assertTrue(table.contains("failed: line 1: not UTF-8 text: invalid byte at line 1, byte offset 7 (save the "
                + "file as UTF-8)"), table);
        assertTrue(table.contains("failed: second: scenario: missing or not an object"), table);
        assertFalse(table.contains("Exception"), table);
        assertEquals("", err.toString());
    }
}
