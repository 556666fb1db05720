package org.finetuneplanner.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.finetuneplanner.service.text.Sentence;
import org.finetuneplanner.service.text.Words;

/**
 * A damaged file's refusal is data ({@link SafeJson#problem}) worded by the text layer: English keeps the command
 * line's words byte for byte ({@link SafeJson#describe}), Vietnamese names the same line and column in its own words.
 * Columns are 1-based characters: {@code {"a": [1, 2} is 11 characters, so its end is column 12, and its "[" is
 * the 7th character.
 */
class ReadProblemWordsTest {
    private static final Words VI = Words.forLocale(Locale.forLanguageTag("vi"));

    private static JsonProcessingException refusal(String text) {
        return assertThrows(JsonProcessingException.class, () -> SafeJson.readTree(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\": [1, 2       | not valid JSON at line 1, column 12: Unexpected end-of-input: expected close"
            + " marker for Array (it was opened at line 1, column 7)"
            + " | JSON không hợp lệ ở dòng 1, cột 12: tệp dừng giữa chừng: phần mở ở dòng 1, cột 7 chưa được"
            + " đóng",
        "{\"a\": 1}}         | not valid JSON at line 1, column 9: Unexpected close marker '}': no open Object"
            + " to close"
            + " | JSON không hợp lệ ở dòng 1, cột 9: dấu đóng \"}\" không khớp với phần nào đang mở",
        "{\"a\": tru}        | not valid JSON at line 1, column 7: Unrecognized token 'tru': was expecting"
            + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            + " | JSON không hợp lệ ở dòng 1, cột 7: không nhận ra từ \"tru\"",
        "{\"a\": 1, \"a\": 2} | not valid JSON at line 1, column 13: Duplicate field 'a'"
            + " | JSON không hợp lệ ở dòng 1, cột 13: khóa \"a\" xuất hiện hai lần",
        "{\"a\": 1 /* c */}  | not valid JSON at line 1, column 9: Unexpected character ('/' (code 47)): maybe a"
            + " (non-standard) comment?"
            + " | JSON không hợp lệ ở dòng 1, cột 9: ký tự \"/\" không đúng chỗ",
    })
    void aParseFailureIsWordedInEachLanguageAtTheSamePlace(String text, String english, String vietnamese) {
        JsonProcessingException e = refusal(text.strip());
        assertEquals(english.strip(), SafeJson.describe(e));
        assertEquals(vietnamese.strip(), VI.sentence(SafeJson.problem(e)));
    }

    /** A byte that is not UTF-8: line 2, byte offset 6 (the 4 bytes of {@code {"a"} and the line break, then ':'). */
    @Test
    void bytesThatAreNotUtf8AreNamedByLineAndOffsetInEachLanguage() {
        byte[] bytes = {'{', '"', 'a', '"', '\n', ':', (byte) 0xFF, '}'};
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> SafeJson.readTree(new ByteArrayInputStream(bytes)));
        assertEquals("not UTF-8 text: invalid byte at line 2, byte offset 6 (save the file as UTF-8)",
                SafeJson.describe(e));
        assertEquals("không phải văn bản UTF-8: byte không hợp lệ ở dòng 2, vị trí byte 6 (hãy lưu tệp dưới dạng "
                + "UTF-8)", VI.sentence(SafeJson.problem(e)));
    }

    /** A value a record refuses names its key and line in both languages; the exception carries the sentence. */
    @Test
    void aRefusedValueNamesItsKeyAndLineInEachLanguage() {
        String text = "{\n  \"flag\": 1\n}";
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> JsonBinding.bind(SafeJson.readTree(text), text, Flagged.class));
        // "flag" at line 2; its value 1 starts at column 11 (two spaces, "flag" in quotes is 6, ": " is 2).
        assertEquals("flag = 1: expected true or false (line 2, column 11)", e.getMessage());
        assertEquals("flag = 1: cần true hoặc false (dòng 2, cột 11)", VI.message(e));
        assertEquals(e.getMessage(), Words.english().message(e));
    }

    /** A record with one flag. */
    record Flagged(Boolean flag) {
    }

    /** Text worded in English by a caller that does not word it as data yet reads as it is in every language. */
    @Test
    void verbatimTextIsPutInAsItIs() {
        assertEquals("a price ≥ 0", VI.sentence(Sentence.verbatim("a price ≥ 0")));
    }
}
