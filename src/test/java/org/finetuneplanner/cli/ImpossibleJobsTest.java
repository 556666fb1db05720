package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The issue's impossible jobs on the command line. They printed a negative total that "fits" (exit 0), and
 * {@code plan} marked every GPU as fitting; each is now one line on standard error naming the keys of the product
 * and its limit, exit 1, and nothing on standard output.
 */
class ImpossibleJobsTest {

    private static final String MICRO_BATCH = """
            {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "qlora"}, "hardware": {"gpu": "l40s-48gb"},
             "training": {"micro_batch_size": 65536, "sequence_length": 16777216}}""";
    private static final String CONFIG = """
            {"model": {"config": {"hidden_size": 1048576, "num_hidden_layers": 10000, "num_attention_heads": 8192,
                                  "intermediate_size": 4194304, "vocab_size": 50000000}},
             "method": {"type": "full"}, "hardware": {"gpu": "l40s-48gb"}}""";
    private static final String RANK = """
            {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "lora", "rank": 65536},
             "hardware": {"gpu": "l40s-48gb"}}""";
    private static final String MFU = """
            {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "qlora"}, "hardware": {"gpu": "l40s-48gb"},
             "data": {"tokens": 1000000}, "cost": {"mfu": 1e-300}}""";

    @TempDir
    Path dir;

    private static final String LOGITS = "training.micro_batch_size × training.sequence_length × vocab_size must be "
            + "≤ 281474976710656, was 141018963332038656";
    private static final String PARAMETERS = "model.config: the model described by num_hidden_layers, hidden_size, "
            + "num_attention_heads, intermediate_size, vocab_size has 176026739016728576 parameters; at most "
            + "100000000000000 are accepted";

    @ParameterizedTest
    @CsvSource({"estimate", "plan", "report"})
    void theIssuesMicroBatchIsRefused(String command) throws Exception {
        assertRefused(MICRO_BATCH, command, LOGITS);
    }

    @ParameterizedTest
    @CsvSource({"estimate", "plan"})
    void aConfigAtTheKeyLimitsIsRefused(String command) throws Exception {
        assertRefused(CONFIG, command, PARAMETERS);
    }

    @ParameterizedTest
    @CsvSource({"estimate", "plan"})
    void theIssuesRankAndUtilisationAreRefused(String command) throws Exception {
        assertRefused(RANK, command, "method.rank must be 1 to num_key_value_heads × head_dim (1024), was 65536");
        // Read where it is bound, like every single value: with its line and column in the file.
        assertRefused(MFU, command, "cost.mfu = 1e-300: expected a number ≥ 0.01 and ≤ 1 (line 2, column 47)");
    }

    private void assertRefused(String scenario, String command, String message) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, scenario);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = command.equals("report") ? new String[] {command, file.toString(), "--out",
                dir.resolve("plan.pdf").toString()} : new String[] {command, file.toString()};
        int status = Main.run(args, CliContext.standard(InputStream.nullInputStream(), new PrintWriter(out),
                new PrintWriter(err)));
        assertEquals(ExitCodes.INVALID_INPUT, status, err.toString());
        assertEquals("error: " + file + ": " + message + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
        assertTrue(Files.notExists(dir.resolve("plan.pdf")), "no report");
    }
}
