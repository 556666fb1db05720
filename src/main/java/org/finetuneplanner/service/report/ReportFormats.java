package org.finetuneplanner.service.report;

import java.time.LocalDate;
import java.util.OptionalDouble;

import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.service.text.LocaleFormat;
import org.finetuneplanner.service.text.Words;

/**
 * How the report writes numbers: a thin adapter over the text layer's {@link LocaleFormat}, so the report, the app
 * and the command line write them alike. Tests format with the same methods, so "the numbers in the text equal the
 * estimate's" is checked digit for digit. Not thread-safe: one instance per report.
 */
public final class ReportFormats {
    /** Bytes in one GiB (2^30): every memory figure of the product is in GiB. */
    public static final double GIB = LocaleFormat.GIB;

    /** No-break space between a number and its unit, so a table cell never wraps "14,89" away from "US$". */
    public static final String NBSP = LocaleFormat.NBSP;

    /** Between the ends of a range: an en dash. */
    public static final String RANGE = "–";

    private final ReportLanguage language;
    private final LocaleFormat f;

    public ReportFormats(ReportLanguage language) {
        this.language = language;
        this.f = Words.forLocale(language.locale()).format();
    }

    public ReportLanguage language() {
        return language;
    }

    /** Bytes as GiB with one decimal: "12.4 GiB" / "12,4 GiB". */
    public String gib(long bytes) {
        return f.gib(bytes);
    }

    /** Bytes as a GiB number with one decimal, no unit (table cells under a "GiB" heading). */
    public String gibNumber(long bytes) {
        return f.gibNumber(bytes);
    }

    /** A range of bytes as GiB, the unit once: "23.3–35.0 GiB" / "23,3–35,0 GiB". */
    public String gibRange(Range bytes) {
        return f.gibNumber(Math.round(bytes.low())) + RANGE + f.gib(Math.round(bytes.high()));
    }

    /** A range of bytes as GiB numbers without the unit, for a column headed in GiB: "23.3–35.0". */
    public String gibRangeNumber(Range bytes) {
        return f.gibNumber(Math.round(bytes.low())) + RANGE + f.gibNumber(Math.round(bytes.high()));
    }

    /**
     * A range of hours in the product's one style of duration, the unit once: "38–52 min" below an hour, "0.9–1.2 h"
     * or "3.1–4.6 h" up to two days (a low end under an hour in hours too, so the range stays short); longer ones
     * with both ends in full: "1.8 days (43 h) – 2.6 days (62 h)".
     */
    public String hoursRange(Range hours) {
        double low = hours.low();
        double high = hours.high();
        if (high < 1) {
            return f.decimal(low * 60, 0) + RANGE + f.duration(high);
        }
        if (high < 48) {
            return f.decimal(low, 1) + RANGE + f.duration(high);
        }
        return f.duration(low) + " " + RANGE + " " + f.duration(high);
    }

    /** A range of US dollars, each end as {@link #usd}: "$1.77–$3.64" / "1,77 US$–3,64 US$". */
    public String usdRange(Range usd) {
        return usd(usd.low()) + RANGE + usd(usd.high());
    }

    /**
     * A range of US dollars as numbers, for a table cell under its figure with the currency: "1.77–3.64" /
     * "1,77–3,64" (cents below $100, as {@link #usd}).
     */
    public String usdRangeNumber(Range usd) {
        return usdNumber(usd.low()) + RANGE + usdNumber(usd.high());
    }

    private String usdNumber(double usd) {
        return f.decimal(usd, usd < 100 ? 2 : 0);
    }

    /** A GiB amount with one decimal and the unit. */
    public String gibOf(double gib) {
        return f.gibOf(gib);
    }

    /** A duration in the product's one style: "16.0 h", "3.0 days (72 h)" / "16,0 giờ". */
    public String hours(double hours) {
        return f.duration(hours);
    }

    /** A duration or a dash when unknown. */
    public String hours(OptionalDouble hours) {
        return hours.isPresent() ? hours(hours.getAsDouble()) : "—";
    }

    /** The same as {@link #hours(double)}: one style of duration everywhere. */
    public String duration(double hours) {
        return f.duration(hours);
    }

    /** Seconds with three decimals below 10 s ("0.052" / "0,052"), "< 0.001" below a millisecond; no unit. */
    public String seconds(double seconds) {
        return f.seconds(seconds);
    }

    /** US dollars, cents below 100, whole dollars above: "$25.10", "$1,234" / "25,10 US$", "1.234 US$". */
    public String usd(double usd) {
        return f.usd(usd);
    }

    /** A price per GPU-hour with cents: "$2.49/GPU·h" / "2,49 US$/GPU·giờ". */
    public String usdPerGpuHour(double usd) {
        return f.pricePerGpuHour(usd, LocaleFormat.USD);
    }

    /** A fraction as a whole percent: 0.38 → "38%". */
    public String percent(double fraction) {
        return f.percent(fraction);
    }

    /** A percentage number with one decimal: 12.34 → "12.3%". */
    public String percentValue(double percent) {
        return f.percentValue(percent);
    }

    /** A whole number with grouping: "50,000,000" / "50.000.000". */
    public String integer(double value) {
        return f.integer(value);
    }

    /** One decimal with grouping. */
    public String decimal(double value) {
        return f.decimal(value, 1);
    }

    /** A parameter count in short words: "8.03 B" / "8,03 tỷ". */
    public String parameters(long count) {
        return f.shortCount(count);
    }

    /** A large number as "4.80 × 10¹⁰". */
    public String scientific(double value) {
        return f.scientific(value);
    }

    /** A date in the language's usual form: "November 29, 2026" / "29/11/2026". */
    public String date(LocalDate value) {
        return f.date(value);
    }
}
