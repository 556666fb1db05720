package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            50M,            50000000
            1.2B,           1200000000
            7b,             7000000000
            '50,000,000',   50000000
            5e7,            50000000
            ' 12_000 ',     12000
            3K,             3000
            2T,             2000000000000
            '1,2B',         1200000000
            '1,234',        1234
            '2,5M',         2500000
            """)
    void countsReadSuffixesAndSeparators(String text, long expected) {
        assertEquals(OptionalLong.of(expected), Quantities.count(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-5", "0", "1.2.3", "M", "99999999999999999999", "1,2,3"})
    void nonCountsAreRefused(String text) {
        assertThrows(NumberFormatException.class, () -> Quantities.count(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankIsNoCount(String text) {
        assertEquals(OptionalLong.empty(), Quantities.count(text));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            2.49,   2.49
            $1.57,  1.57
            3,      3
            '0,5',  0.5
            '1,234.5', 1234.5
            '$2,49', 2.49
            """)
    void decimalsReadADollarSign(String text, double expected) {
        assertEquals(OptionalDouble.of(expected), Quantities.decimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cheap", "NaN", "Infinity"})
    void nonNumbersAreRefused(String text) {
        assertThrows(NumberFormatException.class, () -> Quantities.decimal(text));
    }
}
