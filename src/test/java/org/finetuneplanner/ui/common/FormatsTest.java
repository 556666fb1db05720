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
        assertEquals("13.5\u00a0GiB", en.gib(14_495_514_624L));
        assertEquals("13,5\u00a0GiB", vi.gib(14_495_514_624L));
    }

    @Test
    void hoursSwitchUnitsWithTheSize() {
        assertEquals("45\u00a0min", en.hours(0.75));
        assertEquals("4.6\u00a0h", en.hours(4.6));
        // 72 h = 3 days.
        assertEquals("3.0\u00a0days (72\u00a0h)", en.hours(72));
        assertEquals("4,6\u00a0giờ", vi.hours(4.6));
    }

    @Test
    void dollarsShowCentsOnlyForSmallAmounts() {
        assertEquals("$9.41", en.usd(9.41));
        assertEquals("$1,235", en.usd(1234.6));
    }

    @Test
    void shortCountsUseWords() {
        assertEquals("8.03\u00a0B", en.shortCount(8_030_261_248L));
        assertEquals("41.9\u00a0M", en.shortCount(41_943_040));
        assertEquals("8,03\u00a0tỷ", vi.shortCount(8_030_261_248L));
    }
}
