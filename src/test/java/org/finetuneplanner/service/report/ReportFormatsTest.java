package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.range.Range;
import org.junit.jupiter.api.Test;

/** Ranges as the report writes them: the unit once, short enough for a table cell, in both languages. */
class ReportFormatsTest {
    private static final ReportFormats EN = new ReportFormats(ReportLanguage.EN);
    private static final ReportFormats VI = new ReportFormats(ReportLanguage.VI);

    /** A number and its unit are held together by a no-break space; read here as a space. */
    private static String spaced(String s) {
        return s.replace('\u00a0', ' ');
    }

    @Test
    void hoursRangesSayTheUnitOnce() {
        // Below an hour in minutes: 0.6 h = 36 min, 0.85 h = 51 min.
        assertEquals("36–51 min", spaced(EN.hoursRange(new Range(0.6, 0.85))));
        // A low end under an hour and a high end over it: both in hours, one decimal (0.87 → 0.9, 1.24 → 1.2).
        assertEquals("0.9–1.2 h", spaced(EN.hoursRange(new Range(0.87, 1.24))));
        assertEquals("0,9–1,2 giờ", spaced(VI.hoursRange(new Range(0.87, 1.24))));
        assertEquals("2.8–7.8 h", spaced(EN.hoursRange(new Range(2.76, 7.83))));
    }

    @Test
    void dollarRangesAsNumbersKeepCentsBelowAHundred() {
        // As usd(): two decimals below $100, whole dollars from $100 (238.2 → 238).
        assertEquals("1.77–3.64", EN.usdRangeNumber(new Range(1.774, 3.641)));
        assertEquals("84.69–238", EN.usdRangeNumber(new Range(84.69, 238.2)));
        assertEquals("1,77–3,64", VI.usdRangeNumber(new Range(1.774, 3.641)));
        assertEquals("$1.77–$3.64", EN.usdRange(new Range(1.774, 3.641)));
        // In a price list's đồng at 25,400 VND per dollar: 1.774 × 25,400 = 45,059.6 → 45.060; 3.641 × 25,400 =
        // 92,481.4 → 92.481 (whole units from 100 up).
        assertEquals("45.060–92.481", new ReportFormats(ReportLanguage.VI, new Exchange("VND", 25_400))
                .usdRangeNumber(new Range(1.774, 3.641)));
    }
}
