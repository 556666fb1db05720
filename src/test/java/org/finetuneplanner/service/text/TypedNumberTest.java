package org.finetuneplanner.service.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers as typed in each language. Vietnamese writes 1.234.000 for one million two hundred and thirty-four
 * thousand and 44,99 for forty-four point nine nine (dot groups, comma marks decimals, as LocaleFormat prints
 * them); English the other way round; the plain form of a file (44.99) is read in both.
 */
class TypedNumberTest {
    /** Each row: the language, what was typed, its readings (space-separated; none: no number). */
    @ParameterizedTest(name = "{0}: \"{1}\" -> [{2}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            vi | 44,99        | 44.99
            vi | 44.99        | 44.99
            vi | 1.234.000    | 1234000
            vi | 1.234.000,5  | 1234000.5
            vi | 1.234,5      | 1234.5
            vi | 62000        | 62000
            vi | 0,5          | 0.5
            vi | 25 400       | 25400
            vi | `9\u00a0900` | 9900
            vi | 1e3          | 1000
            vi | -9500        | -9500
            vi | 1.234        | 1.234 1234
            vi | 62.000       | 62 62000
            vi | 1,2,3        |
            vi | 1.23.456     |
            vi | abc          |
            en | 44.99        | 44.99
            en | 1,234.5      | 1234.5
            en | 1,234,000    | 1234000
            en | 1.234        | 1.234
            en | 62000        | 62000
            en | 44,99        |
            en | 1.234.000    |
            en | 1,234,5      |
            """)
    void readingsInEachLanguage(String language, String typed, String expected) {
        String text = typed.replace("\\u00a0", "\u00a0");
        TypedNumber n = TypedNumber.read(text, Locale.forLanguageTag(language));
        List<BigDecimal> want = expected == null ? List.of()
                : Arrays.stream(expected.split(" ")).map(BigDecimal::new).toList();
        assertEquals(want.size(), n.readings().size(), n.readings().toString());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(0, want.get(i).compareTo(n.readings().get(i)), want + " vs " + n.readings());
        }
        assertEquals(want.size() == 1, n.isNumber());
        assertEquals(want.size() == 2, n.isAmbiguous());
    }

    @Test
    void blankIsNoNumberAndOnlyOneNumberHasAValue() {
        assertFalse(TypedNumber.read("  ", Locale.ENGLISH).isNumber());
        assertFalse(TypedNumber.read(null, Locale.ENGLISH).isNumber());
        assertThrows(IllegalStateException.class, () -> TypedNumber.read("1.234", Locale.forLanguageTag("vi"))
                .value());
        assertEquals(new BigDecimal("44.99"), TypedNumber.read("44,99", Locale.forLanguageTag("vi")).value());
    }

    /** What to type instead: no grouping, the language's decimal mark, so that it reads one way only. */
    @Test
    void theUnambiguousFormReadsBackAsTheSameNumberOnly() {
        Locale vi = Locale.forLanguageTag("vi");
        assertEquals("1,234", TypedNumber.unambiguous(new BigDecimal("1.234"), vi));
        assertEquals("1234", TypedNumber.unambiguous(new BigDecimal("1234"), vi));
        assertEquals("62", TypedNumber.unambiguous(new BigDecimal("62.000"), vi));
        assertEquals("1.234", TypedNumber.unambiguous(new BigDecimal("1.234"), Locale.ENGLISH));
        for (String v : List.of("1.234", "1234", "44.99", "0.125", "1234000")) {
            for (Locale l : List.of(vi, Locale.ENGLISH)) {
                TypedNumber back = TypedNumber.read(TypedNumber.unambiguous(new BigDecimal(v), l), l);
                assertTrue(back.isNumber(), v + " in " + l);
                assertEquals(0, new BigDecimal(v).compareTo(back.value()), v + " in " + l);
            }
        }
    }
}
