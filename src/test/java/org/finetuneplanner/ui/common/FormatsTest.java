package org.finetuneplanner.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class FormatsTest {
    private final Formats en = Formats.of(Messages.forLocale(Locale.ENGLISH));
    private final Formats vi = Formats.of(Messages.forLocale(Locale.forLanguageTag("vi")));

    @Test
    void gibIsBinaryWithOneDecimal() {
        // 13.5 GiB = 13.5 × 2^30 = 14,495,514,624 bytes.
        assertEquals("13.5 GiB", en.gib(14_495_514_624L));
        assertEquals("13,5 GiB", vi.gib(14_495_514_624L));
    }

    @Test
    void hoursSwitchUnitsWithTheSize() {
        assertEquals("45 min", en.hours(0.75));
        assertEquals("4.6 h", en.hours(4.6));
        // 72 h = 3 days.
        assertEquals("3.0 days (72 h)", en.hours(72));
        assertEquals("4,6 giờ", vi.hours(4.6));
    }

    @Test
    void dollarsShowCentsOnlyForSmallAmounts() {
        assertEquals("$9.41", en.usd(9.41));
        assertEquals("$1,235", en.usd(1234.6));
    }

    @Test
    void shortCountsUseWords() {
        assertEquals("8.03 B", en.shortCount(8_030_261_248L));
        assertEquals("41.9 M", en.shortCount(41_943_040));
        assertEquals("8,03 tỷ", vi.shortCount(8_030_261_248L));
    }
}
