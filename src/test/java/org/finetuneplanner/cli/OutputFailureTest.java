package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Standard output that fails (a full disk, a closed descriptor, a reader that closed the pipe) ends the run with
 * status 3, and a batch writes each answer as its line arrives from a pipe. Run in-process through {@link Main}
 * with standard output as the real command line builds it ({@link WatchedWriter}) over a stream that fails.
 */
class OutputFailureTest {

    private static final String SCENARIO = "{\"name\": \"ok\", \"model\": {\"preset\": \"qwen2.5-0.5b\"}, "
            + "\"method\": {\"type\": \"lora\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}, \"data\": {\"tokens\": 1e6}}";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final AtomicInteger estimated = new AtomicInteger();

    private int run(InputStream in, OutputStream stdout, String... args) {
        Function<Scenario, Estimate> real = Main.standardEstimator();
        Function<Scenario, Estimate> counting = s -> {
            estimated.incrementAndGet();
            return real.apply(s);
        };
        CliContext context = new CliContext(in, new WatchedWriter(stdout), new PrintWriter(err),
                ScenarioJson.standard(), counting);
        return Main.run(args, context);
    }

    private int run(OutputStream stdout, String... args) {
        return run(new ByteArrayInputStream(new byte[0]), stdout, args);
    }

    private Path scenarioFile() throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, SCENARIO);
        return file;
    }

    /** A stream that fails every write with the given system message, as the descriptor below would. */
    private static OutputStream failing(String message) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(message);
            }
        };
    }

    private void assertOneError(String expected) {
        assertEquals("error: " + expected + System.lineSeparator(), err.toString());
    }

    @Test
    void aFullDiskIsStatusThreeWithOneLine() throws IOException {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "no /dev/full here");
        try (FileOutputStream full = new FileOutputStream(devFull.toFile())) {
            assertEquals(ExitCodes.IO, run(full, "estimate", scenarioFile().toString()));
        }
        assertOneError("cannot write the result to standard output (the disk is full)");
    }

    @Test
    void aClosedStandardOutputIsStatusThreeWithOneLine() throws IOException {
        assertEquals(ExitCodes.IO, run(failing("Bad file descriptor"), "estimate", scenarioFile().toString()));
        assertOneError("cannot write the result to standard output (it is closed)");
    }

    @Test
    void everyCommandAndTheHelpCheckTheirOutput() throws IOException {
        String scenario = scenarioFile().toString();
        String[][] lines = {{"plan", scenario, "--gpus", "l4-24gb"}, {"plan", scenario, "--json"},
            {"catalog", "gpus"}, {"catalog", "models", "--json"}, {"--help"}, {"estimate", "--help"}, {"--version"},
            {"estimate", "--batch", scenario}};
        for (String[] line : lines) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCodes.IO, run(failing("No space left on device"), line), String.join(" ", line));
            assertEquals(1, err.toString().lines().count(), String.join(" ", line) + ": " + err);
            assertTrue(err.toString().matches("error: cannot write (the \\w+ )?to standard output \\(the disk is "
                    + "full\\)\\R"), err.toString());
        }
    }

    /**
     * {@code estimate --batch big.jsonl | head -1}: once the reader has closed the pipe, the run ends within the
     * lines written between two checks of the output (64), quietly (the reader wanted no more) and with status 3,
     * instead of estimating the other 19,800 lines.
     */
    @Test
    void aClosedPipeEndsTheBatchQuicklyAndQuietly() {
        int lines = 20_000;
        byte[] batch = (SCENARIO + "\n").repeat(lines).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream headOne = new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("Broken pipe");
                }
                received.write(b, off, len);
                closed = true;   // head has its line and exits
            }
        };
        assertEquals(ExitCodes.IO, run(new ByteArrayInputStream(batch), headOne, "estimate", "--batch", "-"));
        assertEquals("", err.toString(), "a closed pipe is not an error to report");
        assertTrue(estimated.get() <= 3 * 64, estimated.get() + " of " + lines + " lines were estimated");
        assertTrue(received.toString(StandardCharsets.UTF_8).startsWith("{\"name\":\"ok\""));
    }

    /**
     * A pipe that brings one line at a time (a producer writing scenarios as it makes them): each answer is on
     * standard output before the next line is read. Before, nothing came out until 8 KB had gathered or the input
     * ended.
     */
    @Test
    void aBatchFromAPipeWritesEachAnswerAsItsLineIsRead() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        List<Long> answersSeenAtEachRead = new ArrayList<>();
        InputStream pipe = new InputStream() {
            private final byte[][] lines = {(SCENARIO + "\n").getBytes(StandardCharsets.UTF_8),
                ("not json\n").getBytes(StandardCharsets.UTF_8), (SCENARIO + "\n").getBytes(StandardCharsets.UTF_8)};
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                answersSeenAtEachRead.add(stdout.toString(StandardCharsets.UTF_8).lines().count());
                if (next == lines.length) {
                    return -1;
                }
                byte[] line = lines[next++];
                System.arraycopy(line, 0, b, off, line.length);
                return line.length;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        assertEquals(ExitCodes.INVALID_INPUT, run(pipe, stdout, "estimate", "--batch", "-"));
        assertEquals(List.of(0L, 1L, 2L, 3L), answersSeenAtEachRead);
    }

    /**
     * From a file (every byte ready) the output stays buffered: it is flushed at the checks every 64 lines and at
     * the end, not after each line as from a pipe.
     */
    @Test
    void aBatchFromAFileKeepsItsOutputBuffered() throws IOException {
        int lines = 640;
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, (SCENARIO + "\n").repeat(lines));
        AtomicInteger flushes = new AtomicInteger();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        assertEquals(ExitCodes.OK, run(stdout, "estimate", "--batch", file.toString()));
        assertEquals(lines, stdout.toString(StandardCharsets.UTF_8).lines().count());
        // 640 / 64 = 10 checks, then the end of the input (one wait), the batch's final check, Main's check and
        // Main's last flush: 14 (one per line would be 640).
        assertTrue(flushes.get() <= lines / 64 + 4, flushes.get() + " flushes for " + lines + " lines");
    }
}
