package org.finetuneplanner.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The app's formats are the text layer's, in the language of the app's messages (examples: LocaleFormatTest). */
class FormatsTest {
    private static final String NBSP = "\u00a0";
    private final Formats en = Formats.of(Messages.forLocale(Locale.ENGLISH));
    private final Formats vi = Formats.of(Messages.forLocale(Locale.forLanguageTag("vi")));

    @Test
    void followTheLanguageOfTheMessages() {
        assertEquals(Locale.forLanguageTag("vi"), vi.locale());
        // 12.4 GiB given as a GiB amount; 2,600 tokens per second; a price of $2.49 per GPU-hour.
        assertEquals("12.4" + NBSP + "GiB", en.gib(12.4));
        assertEquals("12,4" + NBSP + "GiB", vi.gib(12.4));
        assertEquals("2,600" + NBSP + "tok/s", en.tokensPerSecond(2600));
        assertEquals("2.600" + NBSP + "token/giây", vi.tokensPerSecond(2600));
        assertEquals("2,49" + NBSP + "US$/GPU·giờ", vi.usdPerGpuHour(2.49));
        // 1.5 days = 36 h, under two days: hours.
        assertEquals("36,0" + NBSP + "giờ", vi.hours(36));
    }
}
