package org.finetuneplanner.service.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationRunnerTest {

    private static final String CASE = "{\"id\":\"c1\",\"scenario\":{\"format\":\"finetune-plan/1\",\"name\":\"c1\","
            + "\"model\":{\"preset\":\"llama-3.1-8b\"},\"method\":{\"type\":\"qlora\"},"
            + "\"training\":{\"micro_batch_size\":1,\"sequence_length\":1024},"
            + "\"hardware\":{\"gpu\":\"a100-sxm-80gb\"}},"
            + "\"expected\":{\"metric\":\"peak_allocated\",\"peak_gib\":%s,\"complete\":true}}";

    @Test
    void percentileInterpolatesLikeScorePy() {
        // score.py: pos = (n−1)·q; [0.1, 0.2, 0.4, 0.8] at q = 0.5 → pos 1.5 → 0.2 + (0.4 − 0.2)·0.5 = 0.3
        assertEquals(0.3, ValidationRunner.percentile(List.of(0.1, 0.2, 0.4, 0.8), 0.5), 1e-12);
        assertEquals(0.68, ValidationRunner.percentile(List.of(0.1, 0.2, 0.4, 0.8), 0.9), 1e-12);
    }

    @Test
    void aLineThatIsNotJsonFailsAloneAndTheOthersAreScored() {
        ValidationRunner runner = ValidationRunner.standard();
        ValidationRunner.Report r = runner.run(List.of(String.format(CASE, "10.0"), "{not json",
                "", String.format(CASE, "20.0").replace("\"c1\"", "\"c2\"")));
        assertEquals(3, r.cases().size());
        assertEquals(1, r.failures().size());
        ValidationRunner.GroupStats all = r.groups().get("all");
        // the broken line has no readable expectation, so it is listed as failed rather than scored
        assertEquals(2, all.eligible());
        assertEquals(2, all.covered());
        // the same estimate e against 10 and 20 GiB: errors (e−10)/10 and (e−20)/20, median of the absolute values
        double e = r.cases().get(0).predictedGib();
        double a = Math.abs(e - 10) / 10;
        double b = Math.abs(e - 20) / 20;
        assertEquals((a + b) / 2, all.mdape(), 1e-9);
        assertTrue(r.format().contains("failed: line 2"), r.format());
    }

    @Test
    void incompleteCasesAreNotScored() {
        ValidationRunner.Report r = ValidationRunner.standard().run(List.of(
                String.format(CASE, "10.0").replace("\"complete\":true", "\"complete\":false")));
        assertEquals(0, r.groups().size());
    }

    /**
     * A file's line that is not UTF-8, or whose expectation has a value of the wrong type, fails alone with a
     * message naming the place or the key; it was "cannot be read (MalformedInputException)" for the whole file.
     */
    @Test
    void aLineThatIsNotUtf8OrHasAWrongValueFailsAloneNamingWhere(@TempDir Path dir) throws IOException {
        String good = String.format(CASE, "10.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((good + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE9, '"', '}', '\n'});
        bytes.writeBytes((String.format(CASE, "\"11\"") + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("cases.jsonl");
        Files.write(file, bytes.toByteArray());
        ValidationRunner.Report r = ValidationRunner.standard().run(file);
        assertEquals(3, r.cases().size());
        assertTrue(r.cases().get(0).ran());
        // Line 2 starts after line 1 and its LF; 0xE9 is its 8th byte (offset 7).
        assertEquals("not UTF-8 text: invalid byte at line 2, byte offset " + (good.length() + 1 + 7)
                + " (save the file as UTF-8)", r.cases().get(1).error());
        assertEquals("c1", r.cases().get(2).id());
        assertTrue(r.cases().get(2).error().startsWith("expected.peak_gib = \"11\": expected a number ≥ 0"),
                r.cases().get(2).error());
    }
}
