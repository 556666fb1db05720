package org.finetuneplanner.service.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.core.cost.Exchange;

/** The one formatter, with hand-worked examples in both languages. */
class LocaleFormatTest {
    private static final String NBSP = "\u00a0";
    private final LocaleFormat en = Words.forLocale(Locale.ENGLISH).format();
    private final LocaleFormat vi = Words.forLocale(Locale.forLanguageTag("vi")).format();

    @Test
    void gibIsBinaryWithOneDecimalAndANoBreakSpace() {
        // 13.5 GiB = 13.5 × 2^30 = 14,495,514,624 bytes.
        assertEquals("13.5" + NBSP + "GiB", en.gib(14_495_514_624L));
        assertEquals("13,5" + NBSP + "GiB", vi.gib(14_495_514_624L));
        // 2^30 × 1,234.5 = 1,325,527,203,840 bytes: grouping "," in English, "." in Vietnamese.
        assertEquals("1,234.5", en.gibNumber(1_325_527_203_840L));
        assertEquals("1.234,5", vi.gibNumber(1_325_527_203_840L));
    }

    @Test
    void gibRangesWriteTheUnitOnceOrNotAtAllAndOneFigureWhenTheEndsReadAlike() {
        // 12.1 GiB = 12.1 × 2^30 = 12,992,276,070.4 bytes; 14.6 GiB = 14.6 × 2^30 = 15,676,630,630.4 bytes.
        double low = 12.1 * 1024 * 1024 * 1024;
        double high = 14.6 * 1024 * 1024 * 1024;
        assertEquals("12.1\u2013" + "14.6", en.gibRangeNumber(low, high));
        assertEquals("12,1\u2013" + "14,6", vi.gibRangeNumber(low, high));
        assertEquals("12.1\u2013" + "14.6" + NBSP + "GiB", en.gibRange(low, high));
        // 12.1 and 12.14 GiB both read "12.1" to one decimal.
        assertEquals("12.1", en.gibRangeNumber(low, 12.14 * 1024 * 1024 * 1024));
    }

    @Test
    void durationRangesSayOneUnitOnce() {
        // 31.2 h to 52.8 h: the high end is over two days, so both in days: 31.2 / 24 = 1.3; 52.8 / 24 = 2.2.
        // Before, "31.2 h–2.2 days" mixed the units.
        assertEquals("1.3\u2013" + "2.2" + NBSP + "days", en.durationRange(31.2, 52.8));
        assertEquals("1,3\u2013" + "2,2" + NBSP + "ngày", vi.durationRange(31.2, 52.8));
        // 0.87 h to 1.24 h: the high end under two days, so hours for both (0.87 → 0.9, not "52 min–1.2 h").
        assertEquals("0.9\u2013" + "1.2" + NBSP + "h", en.durationRange(0.87, 1.24));
        // 0.6 h = 36 min, 0.85 h = 51 min: under an hour, minutes.
        assertEquals("36\u2013" + "51" + NBSP + "min", en.durationRange(0.6, 0.85));
        // 0.5 h to 50 h: 0.5 / 24 = 0.02 days would read "0.0 days", so one unit smaller: hours.
        assertEquals("0.5\u2013" + "50.0" + NBSP + "h", en.durationRange(0.5, 50));
        // 0.02 h (1.2 min) to 1.5 h: 0.02 would read "0.0 h", so minutes: 1.2 → 1, 1.5 × 60 = 90.
        assertEquals("1\u2013" + "90" + NBSP + "min", en.durationRange(0.02, 1.5));
        // 72 h to 96 h: 3.0 to 4.0 days.
        assertEquals("3.0\u2013" + "4.0" + NBSP + "days", en.durationRange(72, 96));
    }

    @Test
    void countsGroupByThousands() {
        assertEquals("50,000,000", en.count(50_000_000));
        assertEquals("50.000.000", vi.count(50_000_000));
    }

    @Test
    void shortCountsUseTheLanguagesWords() {
        // Llama 3.1 8B: 8,030,261,248 parameters = 8.03 × 10^9.
        assertEquals("8.03" + NBSP + "B", en.shortCount(8_030_261_248L));
        assertEquals("8,03" + NBSP + "tỷ", vi.shortCount(8_030_261_248L));
        // 41,943,040 = 41.9 × 10^6.
        assertEquals("41.9" + NBSP + "M", en.shortCount(41_943_040));
        assertEquals("41,9" + NBSP + "triệu", vi.shortCount(41_943_040));
        assertEquals("999", en.shortCount(999));
    }

    @Test
    void durationsHaveOneStyle() {
        // 0.75 h = 45 min; 16.26 h to one decimal = 16.3 h; 72 h = 72 / 24 = 3.0 days.
        assertEquals("45" + NBSP + "min", en.duration(0.75));
        assertEquals("16.3" + NBSP + "h", en.duration(16.26));
        assertEquals("3.0" + NBSP + "days (72" + NBSP + "h)", en.duration(72));
        assertEquals("45" + NBSP + "phút", vi.duration(0.75));
        assertEquals("16,3" + NBSP + "giờ", vi.duration(16.26));
        assertEquals("3,0" + NBSP + "ngày (72" + NBSP + "giờ)", vi.duration(72));
        assertEquals("–", en.duration(Double.NaN));
    }

    @Test
    void moneyKeepsAmountAndSymbolTogether() {
        assertEquals("$9.41", en.usd(9.41));
        assertEquals("$14,512", en.usd(14_511.6));
        // Vietnamese: amount, no-break space, symbol; "." groups thousands.
        assertEquals("14.512" + NBSP + "US$", vi.usd(14_511.6));
        assertEquals("9,41" + NBSP + "US$", vi.usd(9.41));
        assertFalse(vi.usd(14_511.6).contains(" "), "an ordinary space could break the amount from its symbol");
        // The dong has no minor unit: whole amounts even below 100.
        assertEquals("95" + NBSP + "₫", vi.money(95.4, Currency.getInstance("VND")));
        assertEquals("1.234" + NBSP + "€", vi.money(1234.2, Currency.getInstance("EUR")));
        assertEquals("€25.10", en.money(25.1, Currency.getInstance("EUR")));
    }

    @Test
    void aPriceListsCurrencyIsWrittenAsEachLanguageWritesItAndNeverBroken() {
        Currency vnd = Currency.getInstance("VND");
        Currency eur = Currency.getInstance("EUR");
        assertEquals("1.234.000" + NBSP + "₫", vi.money(1_234_000, vnd));
        assertEquals("1,234,000" + NBSP + "VND", en.money(1_234_000, vnd));
        assertEquals("12,40" + NBSP + "€", vi.money(12.4, eur));
        assertEquals("€12.40", en.money(12.4, eur));
        // A plan's $48.70 at 25,400 đồng per dollar: 48.70 × 25,400 = 1,236,980 ₫, no minor unit.
        Exchange dong = new Exchange("VND", 25_400);
        assertEquals("1.236.980" + NBSP + "₫", vi.money(48.70, dong));
        // 62,000 ₫ per GPU-hour is 62,000 / 25,400 = 2.44094 US$ in the core, shown in đồng again.
        assertEquals("62.000" + NBSP + "₫/GPU·giờ", vi.pricePerGpuHour(62_000 / 25_400.0, dong));
        // An exchange rate: whole units on both sides.
        assertEquals("1" + NBSP + "US$", vi.wholeMoney(1, LocaleFormat.USD));
        assertEquals("25,400" + NBSP + "VND", en.wholeMoney(25_400, vnd));
        for (String s : List.of(vi.money(1_234_000, vnd), en.money(1_234_000, vnd), vi.money(12.4, eur))) {
            assertFalse(s.contains(" "), "an ordinary space could break " + s);
        }
    }

    @Test
    void pricesPerGpuHourShowCents() {
        assertEquals("$2.49/GPU·h", en.pricePerGpuHour(2.49, LocaleFormat.USD));
        assertEquals("2,49" + NBSP + "US$/GPU·giờ", vi.pricePerGpuHour(2.49, LocaleFormat.USD));
    }

    @Test
    void percentagesAndDates() {
        assertEquals("38%", en.percent(0.38));
        assertEquals("12,3%", vi.percentValue(12.34));
        assertEquals("November 29, 2026", en.date(LocalDate.of(2026, 11, 29)));
        assertEquals("29/11/2026", vi.date(LocalDate.of(2026, 11, 29)));
        // The day a price was seen, as a catalog or price list gives it (ISO), in the language's style: a day, a month
        // (unit.monthPattern: MMMM yyyy / MM/yyyy), a year as given, anything else "undated".
        assertEquals("December 4, 2026", en.seenDate("2026-12-04"));
        assertEquals("04/12/2026", vi.seenDate("2026-12-04"));
        assertEquals("06/2026", vi.seenDate("2026-06"));
        assertEquals("June 2026", en.seenDate("2026-06"));
        assertEquals("2026", en.seenDate("2026"));
        assertEquals("không ghi ngày", vi.seenDate("not-a-date"));
        assertEquals("undated", en.seenDate(""));
    }

    @Test
    void formulaNumbers() {
        // Whole numbers grouped; fractions to three decimals: NF4 with double quantisation is
        // 4 + 8/64 + 32/(64·256) = 4.126953… bits.
        assertEquals("8,030,261,248", en.number(8_030_261_248.0));
        assertEquals("4.127", en.number(4.0 + 8.0 / 64 + 32.0 / (64 * 256)));
        assertEquals("4,127", vi.number(4.0 + 8.0 / 64 + 32.0 / (64 * 256)));
        // Three significant digits: 0.62237 → 0.622; 4.1276e10 → 4.13e10; 2048 stays whole.
        assertEquals("0.622", en.significant(0.62237));
        assertEquals("4.13e10", en.significant(4.1276e10));
        assertEquals("4,13e10", vi.significant(4.1276e10));
        assertEquals("2,048", en.significant(2048));
        assertEquals("1.69", en.significant(1.6897));
        // 4.8e10 = 4.80 × 10^10.
        assertEquals("4.80 × 10¹⁰", en.scientific(4.8e10));
        assertTrue(vi.scientific(4.8e10).startsWith("4,80"));
    }

    /** The time formulas' numbers, as the core wrote them before the text layer, now in the reader's digits. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0.622222    | 0.622
            2048        | 2,048
            0.5         | 0.5
            1.689726    | 1.69
            12.5        | 12.5
            99999       | 99,999
            99999.7     | 1e5
            2047.6      | 2,050
            41253076992 | 4.13e10
            0.001234    | 1.23e-3
            -3.5        | -3.5
            0           | 0
            """)
    void significantKeepsThreeDigits(double value, String expected) {
        assertEquals(expected, en.significant(value));
    }
}
