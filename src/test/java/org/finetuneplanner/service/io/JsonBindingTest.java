package org.finetuneplanner.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.finetuneplanner.core.scenario.Sharding;

/** Binding to DTO records: the value rules of {@link StrictValues} and the messages of {@link JsonBinding}. */
class JsonBindingTest {

    /** A DTO with one value of each kind. */
    record Sample(@Bounds(min = 1, max = 64) Integer count, Long tokens,
                  @Bounds(min = 0, minExclusive = true, max = 1) Double share, Boolean flag, String label,
                  Sharding sharding, List<Sharding> more, Inner inner) {
    }

    /** A nested section. */
    record Inner(@Bounds(min = 1, max = 8) Integer depth) {
    }

    private static Sample bind(String json) {
        try {
            return JsonBinding.bind(SafeJson.readTree(json), json, Sample.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void valuesOfEveryKindAreRead() {
        Sample s = bind("""
                {"count": 64, "tokens": 5e7, "share": 1, "flag": false, "label": "x", "sharding": "ZeRO3",
                 "more": ["ddp", "fsdp"], "inner": {"depth": 2.0}}""");
        assertEquals(new Sample(64, 50_000_000L, 1.0, false, "x", Sharding.ZERO3,
                List.of(Sharding.DDP, Sharding.FSDP), new Inner(2)), s, "5e7 and 2.0 are whole; spellings ignore case");
        assertEquals(new Sample(null, null, null, null, null, null, null, null),
                bind("{\"count\": null, \"unknown\": [1]}"), "null is absent; unknown keys are ignored");
    }

    /**
     * Each row: a member, and the message: the dotted key, the value exactly as written, what is allowed and, the
     * document being one line, the column where the value starts ({"x": 1} puts the value at column 7 + key).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "count": 65                | count = 65: expected a whole number from 1 to 64 (column 11)
            "count": 4.5               | count = 4.5: expected a whole number from 1 to 64 (column 11)
            "count": "4"               | count = "4": expected a whole number from 1 to 64 (column 11)
            "count": 1e-999            | count = 1e-999: expected a whole number from 1 to 64 (column 11)
            "tokens": 1e30             | tokens = 1e30: expected a whole number (column 12)
            "tokens": 18446744073709551616 | tokens = 18446744073709551616: expected a whole number (column 12)
            "share": 0                 | share = 0: expected a number > 0 and ≤ 1 (column 11)
            "share": 1e999             | share = 1e999: expected a number > 0 and ≤ 1 (column 11)
            "flag": 1                  | flag = 1: expected true or false (column 10)
            "label": 42                | label = 42: expected a string (column 11)
            "label": {"a": [1]}        | label = {"a":[1]}: expected a string (column 11)
            "sharding": "zero4"        | sharding = "zero4": expected one of SHARDINGS (column 14)
            "more": ["ddp", 7]         | more[1] = 7: expected one of SHARDINGS (column 18)
            "more": "ddp"              | more = "ddp": expected a list […] (column 10)
            "inner": [1]               | inner = [1]: expected an object {…} (column 11)
            "inner": {"depth": 9}      | inner.depth = 9: expected a whole number from 1 to 8 (column 21)
            """)
    void aRefusedValueNamesKeyValueAsWrittenWhatIsAllowedAndWhere(String member, String message) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> bind("{" + member + "}"));
        String expected = message.replace("SHARDINGS", "none, ddp, zero1, zero2, zero3, fsdp, fsdp_grad_op");
        assertEquals(expected, e.getMessage());
        assertEquals(expected.substring(0, expected.indexOf(" = ")), e.key());
    }

    @Test
    void aMultiLineDocumentGivesLineAndColumn() {
        String text = "{\n  \"count\": 2,\n  \"inner\": {\"depth\": 0}\n}";
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> bind(text));
        // Line 3 is `  "inner": {"depth": 0}`: 2 spaces, `"inner": ` (9), `{"depth": ` (10): 21 before the 0.
        assertEquals("inner.depth = 0: expected a whole number from 1 to 8 (line 3, column 22)", e.getMessage());
    }

    @Test
    void boundFromATreeAloneTheMessageHasNoPlace() throws JsonProcessingException {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> JsonBinding.bind(SafeJson.readTree("{\"count\": 0}"), null, Sample.class));
        assertEquals("count = 0: expected a whole number from 1 to 64", e.getMessage());
    }

    /** Issue 11: Jackson's feature and class names reached messages. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": NaN}", "{\"a\": 'x'}", "{\"a\": 1 /* c */}", "{\"a\": +1}", "{\"a\": 01}",
        "{\"a\": \"\\q\"}", "{a: 1}", "{\"a\": [1,]}", "{\"a\": tru}", "{\"a\": 1} {", "{\"a\": 1, \"a\": 2}",
        "{\"a\": \"\t\"}", "{\"a\": -}", "{\"a\": 1e}", "{\"a\": [", "", "{\"a\": 1}}", "\u0000"})
    void parseErrorsNameNoJacksonInternals(String text) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> SafeJson.readTree(text));
        String message = SafeJson.describe(e);
        assertFalse(message.isBlank() || message.contains("\n"), message);
        for (String internal : new String[] {"`", "Feature", "StreamReadConstraints", "com.fasterxml", "Exception",
            "JsonToken", "java.", "REDACTED"}) {
            assertFalse(message.contains(internal), internal + " in: " + message);
        }
    }

    @Test
    void limitsAreNamedWithoutTheirJacksonSource() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> SafeJson.readTree("{\"a\": " + "9".repeat(SafeJson.MAX_NUMBER_LENGTH + 1) + "}"));
        assertTrue(SafeJson.describe(e).contains("Number value length (101) exceeds the maximum allowed (100)"),
                SafeJson.describe(e));
    }

    @Test
    void closestFindsTyposButNotStrangers() {
        List<String> keys = JsonBinding.keys(Sample.class);
        assertEquals(List.of("count", "tokens", "share", "flag", "label", "sharding", "more", "inner"), keys);
        assertEquals("sharding", JsonBinding.closest("shardng", keys).orElseThrow(), "one edit");
        assertEquals("tokens", JsonBinding.closest("tok", keys).orElseThrow(), "a prefix of 3 letters or more");
        assertTrue(JsonBinding.closest("colour", keys).isEmpty());
    }
}
