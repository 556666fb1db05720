package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Hand-picked hostile inputs for the scenario reader, each with the one-line message a user should see. The
 * fuzzers ({@link ReaderFuzzTest}) cover the space at random; these pin the cases that were bugs or are easy to
 * get wrong (byte-order marks, empty files, NaN, duplicate keys, limits of the stream reader).
 */
class HostileInputTest {

    private static final ScenarioJson JSON = ScenarioJson.standard();
    private static final String MINIMAL = "{\"model\": {\"preset\": \"llama-3.1-8b\"}, "
            + "\"hardware\": {\"gpu\": \"l4-24gb\"}}";
    private static final String CONFIG = "{\"hidden_size\": HIDDEN, \"num_hidden_layers\": 32, "
            + "\"num_attention_heads\": 32, \"intermediate_size\": 11008, \"vocab_size\": 32000}";

    /** Notepad on Windows saves UTF-8 with a byte-order mark: such a file is the same scenario. */
    @Test
    void aFileWithAByteOrderMarkIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(MINIMAL.getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        assertEquals(JSON.read(MINIMAL), JSON.read(file));
    }

    @Test
    void pastedTextWithAByteOrderMarkIsRead() {
        assertEquals(JSON.read(MINIMAL), JSON.read("\uFEFF" + MINIMAL));
    }

    @Test
    void aUtf16FileIsReadOrRejectedInOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("utf16.json");
        Files.write(file, ("\uFEFF" + MINIMAL).getBytes(StandardCharsets.UTF_16BE));
        try {
            assertEquals(JSON.read(MINIMAL), JSON.read(file));
        } catch (ScenarioException e) {
            Messages.assertClear(e.getMessage(), "UTF-16");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``          | scenario is empty
            `   \t `    | scenario is empty
            """)
    void emptyTextIsRejected(String text, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(text == null ? "" : text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anEmptyFileIsRejectedInOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.json");
        Files.write(file, new byte[0]);
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(file));
        Messages.assertClear(e.getMessage(), "empty file");
        assertTrue(e.getMessage().startsWith("empty.json: the file is empty"), e.getMessage());
    }

    /** Each row: a member put into the minimal scenario, and a fragment of the message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "data": {"tokens": NaN}                    | Non-standard token 'NaN'
            "data": {"epochs": Infinity}               | Non-standard token 'Infinity'
            "data": {"epochs": -Infinity}              | Non-standard token '-Infinity'
            "data": {"epochs": 1e999}                  | data.epochs = 
            "data": {"tokens": "50000000"}             | data.tokens = "50000000": expected a whole number
            "data": {"tokens": 18446744073709551616}   | data.tokens = 18446744073709551616: expected a whole number
            "training": {"micro_batch_size": 1e-999}   | training.micro_batch_size = 1e-999: expected a whole number
            "training": {"micro_batch_size": 4, "micro_batch_size": 8} | Duplicate field 'micro_batch_size'
            "training": ["java.util.HashMap", {}]      | training = ["java.util.HashMap",{}]: expected an object
            "training": {"@class": "java.lang.ProcessBuilder", "micro_batch_size": 2} | OK
            "name": "x"} {"name": "y"}                 | more text after the end of the JSON value
            "name": "x"} trailing                      | Unrecognized token 'trailing'
            "name": "x"}}                              | Unexpected close marker '}'
            "name": 'x'                                | Unexpected character (''' (code 39))
            "name": "x" /* comment */                  | Unexpected character ('/' (code 47))
            """)
    void hostileValuesGetOneLineNamingTheKey(String member, String expected) {
        String text = MINIMAL.substring(0, MINIMAL.length() - 1) + ", " + member + "}";
        if (expected.equals("OK")) {
            Scenario s = JSON.read(text);
            assertEquals(2, s.training().microBatchSize(), "unknown keys, @class included, are plain data");
            return;
        }
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(text));
        Messages.assertClear(e.getMessage(), member);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A config value of "1e-999999999" made the message builder write a billion zeros (OutOfMemoryError). */
    @Test
    void aTinyNumberWrittenAsTextIsRejectedWithoutExpandingIt() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> JSON.read(withConfig("\"1e-999999999\"")));
        Messages.assertClear(e.getMessage(), "1e-999999999");
        assertTrue(e.getMessage().contains("hidden_size must be a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("1E-999999999"), e.getMessage());
    }

    /** A config value of a megabyte was echoed whole into the message, and parsed digit by digit. */
    @Test
    void aMegabyteOfDigitsIsRejectedQuicklyAndShownShort() {
        String digits = "\"" + "9".repeat(SafeJson.MAX_STRING_LENGTH - 10) + "\"";
        ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ScenarioException.class, () -> JSON.read(withConfig(digits))));
        Messages.assertClear(e.getMessage(), "a megabyte of digits");
        assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
    }

    @Test
    void aLongStringWhereABooleanGoesIsShownShort() {
        String text = withConfig("4096").replace("\"vocab_size\"", "\"tie_word_embeddings\": \""
                + "x".repeat(100_000) + "\", \"vocab_size\"");
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(text));
        Messages.assertClear(e.getMessage(), "long boolean");
        assertTrue(e.getMessage().contains("tie_word_embeddings must be true or false"), e.getMessage());
    }

    @Test
    void aHugeArrayIsReadWithoutTrouble() {
        String targets = "\"q\", ".repeat(200_000) + "\"v\"";
        Scenario s = JSON.read(MINIMAL.substring(0, MINIMAL.length() - 1)
                + ", \"method\": {\"type\": \"lora\", \"targets\": [" + targets + "]}}");
        assertEquals(2, s.method().targets().size(), "q and v, however often they are named");
    }

    @Test
    void aHugeArrayOfWrongElementsNamesTheFirstBadIndex() {
        String targets = "\"q\", ".repeat(100_000) + "7";
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(MINIMAL.substring(0,
                MINIMAL.length() - 1) + ", \"method\": {\"type\": \"lora\", \"targets\": [" + targets + "]}}"));
        assertTrue(e.getMessage().startsWith("method.targets[100000] = 7: expected a string"), e.getMessage());
    }

    @Test
    void aDocumentBeyondTheSizeLimitIsRejected() {
        String padding = "\"pad\": \"" + "x".repeat(SafeJson.MAX_STRING_LENGTH - 100) + "\", ";
        StringBuilder text = new StringBuilder("{");
        for (long size = 0; size <= SafeJson.MAX_DOCUMENT_BYTES; size += padding.length()) {
            text.append(padding.replace("\"pad\"", "\"pad" + size + "\""));
        }
        text.append(MINIMAL.substring(1));
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(text.toString()));
        Messages.assertClear(e.getMessage(), "17 MB");
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void aStringBeyondTheLengthLimitIsRejected() {
        String text = MINIMAL.substring(0, MINIMAL.length() - 1) + ", \"name\": \""
                + "n".repeat(SafeJson.MAX_STRING_LENGTH + 1) + "\"}";
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(text));
        Messages.assertClear(e.getMessage(), "long string");
        assertTrue(e.getMessage().contains("String value length"), e.getMessage());
    }

    @Test
    void deepNestingIsRejectedBeforeTheStackOverflows() {
        String deep = "[".repeat(100_000);
        ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(MINIMAL.substring(0,
                MINIMAL.length() - 1) + ", \"x\": " + deep + "}"));
        Messages.assertClear(e.getMessage(), "deep nesting");
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }

    private static String withConfig(String hidden) {
        return "{\"model\": {\"config\": " + CONFIG.replace("HIDDEN", hidden)
                + "}, \"hardware\": {\"gpu\": \"l4-24gb\"}}";
    }
}
