package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a process, with the real standard output of a shell: {@code > /dev/full}, a closed
 * descriptor ({@code >&-}) and a pipe whose reader leaves after one line ({@code | head -1}). These need the
 * operating system's files and pipes, so they run where {@code /dev/full} and {@code sh} exist and are skipped
 * elsewhere.
 */
class StandardOutputProcessTest {

    private static final String SCENARIO = "{\"name\": \"ok\", \"model\": {\"preset\": \"qwen2.5-0.5b\"}, "
            + "\"method\": {\"type\": \"lora\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}, \"data\": {\"tokens\": 1e6}}";

    @TempDir
    Path dir;

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static void assumeUnix() {
        assumeTrue(Files.exists(Path.of("/dev/full")) && Files.isExecutable(Path.of("/bin/sh")),
                "needs /dev/full and /bin/sh");
    }

    private Path scenario() throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, SCENARIO);
        return file;
    }

    private static String finish(Process p, Path stderr) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process did not end");
        return Files.readString(stderr);
    }

    @Test
    void aFullDiskUnderStandardOutputIsStatusThree() throws Exception {
        assumeUnix();
        Path stderr = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java("estimate", scenario().toString())).redirectOutput(new File("/dev/full"))
                .redirectError(stderr.toFile()).start();
        String err = finish(p, stderr);
        assertEquals(ExitCodes.IO, p.exitValue(), err);
        assertEquals("error: cannot write the result to standard output (the disk is full)", err.strip());
    }

    @Test
    void aClosedStandardOutputIsStatusThree() throws Exception {
        assumeUnix();
        Path stderr = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" >&-", "sh"));
        command.addAll(java("estimate", scenario().toString()));
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String err = finish(p, stderr);
        assertEquals(ExitCodes.IO, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: cannot write the result to standard output ("), err);
    }

    /**
     * {@code producer | estimate --batch - | head -1} with a producer that never stops: the full batch would never
     * end. Once the reader has its line and closes the pipe, the process ends at once (a loose bound of 10 s for a
     * loaded machine), with status 3 and nothing on standard error. Before, it went on estimating as long as input
     * came.
     */
    @Test
    void aPipeClosedAfterOneLineEndsTheRunAtOnce() throws Exception {
        assumeUnix();
        Path stderr = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java("estimate", "--batch", "-")).redirectError(stderr.toFile()).start();
        Thread producer = new Thread(() -> {
            byte[] line = (SCENARIO + "\n").getBytes(StandardCharsets.UTF_8);
            try (OutputStream in = p.getOutputStream()) {
                while (true) {
                    in.write(line);
                }
            } catch (IOException e) {
                // The process has gone: its standard input is closed.
            }
        });
        producer.setDaemon(true);
        producer.start();
        String first;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            first = out.readLine();
        }
        boolean ended = p.waitFor(10, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "still running 10 s after the reader closed the pipe");
        assertNotNull(first);
        assertTrue(first.startsWith("{\"name\":\"ok\""), first);
        assertEquals(ExitCodes.IO, p.exitValue());
        assertEquals("", Files.readString(stderr), "a closed pipe ends the run quietly");
    }
}
