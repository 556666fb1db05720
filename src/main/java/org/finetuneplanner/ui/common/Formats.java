package org.finetuneplanner.ui.common;

import java.util.Locale;

import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.service.text.LocaleFormat;

/**
 * Numbers as the user reads them: a thin adapter over the text layer's {@link LocaleFormat}, so the app, the report
 * and the command line write GiB, durations, money and counts alike. The app's one money formatter: every amount the
 * core gives (in US dollars) is shown in the currency of the price list in force ({@link Messages#money()}).
 * Not thread-safe: call on the FX thread.
 */
public final class Formats {
    private final LocaleFormat format;
    private final Exchange money;

    private Formats(LocaleFormat format, Exchange money) {
        this.format = format;
        this.money = money;
    }

    /** Numbers in {@code messages}' language, amounts in its currency. */
    public static Formats of(Messages messages) {
        return new Formats(messages.words().format(), messages.money());
    }

    public Locale locale() {
        return format.locale();
    }

    /** Bytes as GiB (2^30) with one decimal, e.g. "12.4 GiB". */
    public String gib(long bytes) {
        return format.gib(bytes);
    }

    /** A GiB amount with one decimal. */
    public String gib(double gib) {
        return format.gibOf(gib);
    }

    /** Bytes as a plain GiB number without unit, for axes and tables. */
    public String gibNumber(long bytes) {
        return format.gibNumber(bytes);
    }

    /** A range of memory (bytes) as GiB with the unit once: "12.1–14.6 GiB". */
    public String gibRange(Range bytes) {
        return format.gibRange(bytes.low(), bytes.high());
    }

    /** A range of memory (bytes) as GiB numbers without unit, for tables and bars: "12.1–14.6". */
    public String gibRangeNumber(Range bytes) {
        return format.gibRangeNumber(bytes.low(), bytes.high());
    }

    /** A range of hours in the product's duration style: "8.1–10.6 h". */
    public String hoursRange(Range hours) {
        return format.durationRange(hours.low(), hours.high());
    }

    /** A range of US dollars: "$20.60–$33.00". */
    public String usdRange(Range usd) {
        return format.moneyRange(money.fromUsd(usd.low()), money.fromUsd(usd.high()),
                java.util.Currency.getInstance(money.currency()));
    }

    /** A number with exactly {@code digits} decimals (0 to 3) and grouping, e.g. "45.0". */
    public String decimal(double value, int digits) {
        return format.decimal(value, digits);
    }

    /** A duration in hours, in the product's one style (minutes, hours, then days with the hours beside). */
    public String hours(double hours) {
        return format.duration(hours);
    }

    /**
     * An amount the core holds in US dollars, in the currency in force: "$25.10", "$1,234" with catalog prices;
     * "637.540 ₫" with a price list in đồng (cents below 100 units where the currency has them).
     */
    public String usd(double usd) {
        return format.money(usd, money);
    }

    /** A price per GPU-hour held in US dollars, in the currency in force: "$2.49/GPU·h", "62.000 ₫/GPU·giờ". */
    public String usdPerGpuHour(double usd) {
        return format.pricePerGpuHour(usd, money);
    }

    /** The currency in force as a heading writes it, its ISO 4217 code: an axis "Cost so far (VND)". */
    public String currencyCode() {
        return money.currency();
    }

    /** The currency amounts are shown in. */
    public Exchange money() {
        return money;
    }

    /** A whole number with grouping, e.g. "50,000,000". */
    public String count(long value) {
        return format.count(value);
    }

    /** A large count in short words: "8.03 B", "41.9 M". */
    public String shortCount(double value) {
        return format.shortCount(value);
    }

    /** A plain number for an axis: whole numbers with grouping, others with up to three decimals ("12.5"). */
    public String number(double value) {
        return format.number(value);
    }

    /** A share 0…1 as a percentage, e.g. "38%". */
    public String percent(double share) {
        return format.percent(share);
    }

    /** Tokens per second, e.g. "2,600 tok/s". */
    public String tokensPerSecond(double value) {
        return format.tokensPerSecond(value);
    }

    /** The day a price was seen, in the language's style: "2026-12-04" as "December 4, 2026" / "04/12/2026". */
    public String seenDate(String seen) {
        return format.seenDate(seen);
    }
}
