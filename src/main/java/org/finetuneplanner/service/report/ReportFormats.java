package org.finetuneplanner.service.report;

import java.time.LocalDate;
import java.util.Currency;
import java.util.OptionalDouble;

import org.finetuneplanner.core.cost.Exchange;
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
    private final Exchange money;

    /** Amounts in US dollars (the catalog's prices). */
    public ReportFormats(ReportLanguage language) {
        this(language, Exchange.USD);
    }

    /**
     * @param money the currency amounts are shown in (a price list's), converted from the US dollars the core gives
     */
    public ReportFormats(ReportLanguage language, Exchange money) {
        this.language = language;
        this.f = Words.forLocale(language.locale()).format();
        this.money = money;
    }

    /** The currency amounts are shown in. */
    public Exchange money() {
        return money;
    }

    /** The currency as a heading writes it, its ISO 4217 code: "Cumulative cost (VND)". */
    public String currencyCode() {
        return money.currency();
    }

    /** Whole units of a currency as written in it ("$1", "25,400 VND" / "1 US$", "25.400 ₫"): an exchange rate. */
    public String amount(double units, String currency) {
        return f.wholeMoney(units, Currency.getInstance(currency));
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

    /** A range of hours in one unit, said once ("38–52 min", "0.9–1.2 h", "1.2–2.2 days"), as the app says it. */
    public String hoursRange(Range hours) {
        return f.durationRange(hours.low(), hours.high());
    }

    /** A range of amounts held in US dollars, each end as {@link #usd}: "$1.77–$3.64" / "1,77 US$–3,64 US$". */
    public String usdRange(Range usd) {
        return usd(usd.low()) + RANGE + usd(usd.high());
    }

    /**
     * A range of amounts held in US dollars as numbers in the report's currency, for a table cell under its figure
     * with the currency: "1.77–3.64" / "1,77–3,64" (cents below 100 units, as {@link #usd}).
     */
    public String usdRangeNumber(Range usd) {
        return usdNumber(usd.low()) + RANGE + usdNumber(usd.high());
    }

    /** An amount held in US dollars as a number in the report's currency, cents below 100 units, as {@link #usd}. */
    private String usdNumber(double usd) {
        double amount = money.fromUsd(usd);
        int cents = Math.max(0, Math.min(3, Currency.getInstance(money.currency()).getDefaultFractionDigits()));
        return f.decimal(amount, amount < 100 ? cents : 0);
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

    /**
     * An amount the core holds in US dollars, in the report's currency, cents below 100 units where it has them:
     * "$25.10", "$1,234" / "25,10 US$", "1.234 US$"; "637.540 ₫" with a price list in đồng.
     */
    public String usd(double usd) {
        return f.money(usd, money);
    }

    /** A price per GPU-hour held in US dollars, in the report's currency: "$2.49/GPU·h" / "62.000 ₫/GPU·giờ". */
    public String usdPerGpuHour(double usd) {
        return f.pricePerGpuHour(usd, money);
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

    /** The day a price was seen, in this language's style ({@link LocaleFormat#seenDate}). */
    public String seenDate(String seen) {
        return f.seenDate(seen);
    }
}
