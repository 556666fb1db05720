package org.finetuneplanner.service.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.finetuneplanner.core.cost.Exchange;

/**
 * Numbers as a reader of one language writes them, the same on every surface (app, report, command line): GiB
 * with one decimal, counts with grouping, short counts ("8.03 B" / "8,03 tỷ"), percentages, one style of
 * duration, dates, money. English groups with "," and marks decimals with "."; Vietnamese groups with "." and
 * marks decimals with ",". A number and its unit or currency are joined by a no-break space ({@link #NBSP}), so
 * "14.512 US$" never breaks across lines. The unit words come from the text layer's {@code unit.*} patterns.
 *
 * <p>Money follows each language's usual style (Unicode CLDR): English puts the dollar and euro signs before the
 * amount without a space ("$12.40", "€12.40") and other currencies' codes after it ("1,234,000 VND"); Vietnamese
 * puts the sign after the amount, joined by a no-break space ("12,40 US$", "12,40 €", "1.234.000 ₫"). A currency
 * without a pattern ({@code unit.currency.<CODE>}) is written with its ISO 4217 code after the amount, joined by a
 * no-break space ("12.40 GBP"). Cents below 100 units when the currency has them (the đồng has none: ISO 4217 minor
 * unit 0), whole units above.
 *
 * <p>Not thread-safe: it keeps its {@link DecimalFormat}s and patterns (formatting a few hundred numbers per
 * slider tick must not build new ones). Use one instance per thread: {@link Words#forLocale} makes a new one,
 * {@link Words#english()} keeps one per thread.
 */
public final class LocaleFormat {
    /** No-break space, between a number and its unit. */
    public static final String NBSP = "\u00a0";
    /** Bytes in one GiB (2^30): every memory figure of the product is in GiB. */
    public static final double GIB = 1024.0 * 1024.0 * 1024.0;
    /** US dollars: the currency of every price the catalog lists today. */
    public static final Currency USD = Currency.getInstance("USD");

    private static final String SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private final Locale locale;
    private final boolean vietnamese;
    private final UnaryOperator<String> patterns;
    private final Map<String, MessageFormat> units = new HashMap<>();
    private final DecimalFormat[] fixed = new DecimalFormat[4];
    private final DecimalFormat upToThree;
    private final DecimalFormat plain;
    private final DateTimeFormatter date;

    /**
     * @param locale   the language's locale (its digits and separators)
     * @param patterns the {@code unit.*} pattern of a key, from the same language's text
     */
    LocaleFormat(Locale locale, UnaryOperator<String> patterns) {
        this.locale = locale;
        this.vietnamese = "vi".equals(locale.getLanguage());
        this.patterns = patterns;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(vietnamese ? Locale.forLanguageTag("vi-VN")
                : Locale.US);
        for (int digits = 0; digits < fixed.length; digits++) {
            fixed[digits] = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits), symbols);
        }
        upToThree = new DecimalFormat("#,##0.###", symbols);
        plain = new DecimalFormat("#,##0.##########", symbols);
        date = vietnamese ? DateTimeFormatter.ofPattern("dd/MM/yyyy")
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.US);
    }

    public Locale locale() {
        return locale;
    }

    private String unit(String key, Object... args) {
        MessageFormat f = units.computeIfAbsent(key, k -> new MessageFormat(patterns.apply(k), locale));
        return f.format(args);
    }

    /** {@code value} with exactly {@code digits} decimals (0 to 3) and grouping: "1,234.5" / "1.234,5". */
    public String decimal(double value, int digits) {
        return fixed[digits].format(value);
    }

    /** A whole number with grouping: "50,000,000" / "50.000.000". */
    public String count(long value) {
        return fixed[0].format(value);
    }

    /** {@code value} rounded to a whole number, with grouping. */
    public String integer(double value) {
        return fixed[0].format(value);
    }

    /** A number as a formula shows it: whole numbers with grouping, others with up to three decimals. */
    public String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return count((long) value);
        }
        return upToThree.format(value);
    }

    /**
     * Three significant digits: whole numbers below 10^5 exactly ("2,048"), others in plain notation from 0.01 to
     * 10^5 ("0.622", "1.69") and in scientific notation beyond ("4.13e10"). For the numbers of time formulas.
     */
    public String significant(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e5) {
            return count((long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -2 && exponent < 5) {
            return plain.format(rounded);
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent);
        return plain.format(mantissa) + "e" + exponent;
    }

    /** A large number as "4.80 × 10¹⁰" (two decimals, superscript exponent). */
    public String scientific(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            return decimal(value, 1);
        }
        int exponent = (int) Math.floor(Math.log10(value));
        double mantissa = value / Math.pow(10, exponent);
        if (Math.round(mantissa * 100) >= 1000) {
            mantissa /= 10;
            exponent++;
        }
        StringBuilder sup = new StringBuilder();
        for (char c : Integer.toString(exponent).toCharArray()) {
            sup.append(c == '-' ? '⁻' : SUPERSCRIPT.charAt(c - '0'));
        }
        return decimal(mantissa, 2) + " × 10" + sup;
    }

    /** Bytes as GiB (2^30) with one decimal and the unit: "12.4 GiB" / "12,4 GiB". */
    public String gib(long bytes) {
        return unit("unit.gib", gibNumber(bytes));
    }

    /** Bytes as GiB with {@code decimals} decimals (0 to 3) and the unit, for formulas: "0.25 GiB". */
    public String gib(long bytes, int decimals) {
        return unit("unit.gib", decimal(bytes / GIB, decimals));
    }

    /** A GiB amount with one decimal and the unit. */
    public String gibOf(double gib) {
        return unit("unit.gib", decimal(gib, 1));
    }

    /** Bytes as a GiB number with one decimal, no unit (table cells and axes under a "GiB" heading). */
    public String gibNumber(long bytes) {
        return decimal(bytes / GIB, 1);
    }

    /**
     * A range of bytes as GiB with one decimal and the unit once: "12.1–14.6 GiB" / "12,1–14,6 GiB"; one figure
     * when both ends read the same.
     */
    public String gibRange(double lowBytes, double highBytes) {
        return unit("unit.gib", gibRangeNumber(lowBytes, highBytes));
    }

    /**
     * A range of bytes as GiB numbers with one decimal, no unit (table cells and bars under a "GiB" heading):
     * "12.1–14.6" / "12,1–14,6"; one figure when both ends read the same.
     */
    public String gibRangeNumber(double lowBytes, double highBytes) {
        return span(decimal(lowBytes / GIB, 1), decimal(highBytes / GIB, 1));
    }

    /**
     * A range of durations in one unit, said once: the unit {@link #duration} gives the high end ("45–58 min",
     * "8.1–10.6 h", "1.2–2.2 days"), one unit smaller when the low end would read zero in it ("1–90 min",
     * "0.5–50.0 h"); never a range that mixes units ("29.4 h–2.2 days").
     */
    public String durationRange(double lowHours, double highHours) {
        if (!Double.isFinite(lowHours) || !Double.isFinite(highHours)) {
            return "\u2013";
        }
        // 0 minutes, 1 hours, 2 days: the high end's unit, stepped down while the low end rounds to zero in it.
        int unit = highHours < 1 ? 0 : highHours < 48 ? 1 : 2;
        while (unit == 2 && lowHours / 24 < 0.05 || unit == 1 && lowHours < 0.05) {
            unit--;
        }
        return switch (unit) {
            case 0 -> unit("unit.minutes", span(decimal(lowHours * 60, 0), decimal(highHours * 60, 0)));
            case 1 -> unit("unit.hours", span(decimal(lowHours, 1), decimal(highHours, 1)));
            default -> unit("unit.daysOnly", span(decimal(lowHours / 24, 1), decimal(highHours / 24, 1)));
        };
    }

    /** A range of money, each end as {@link #money} writes it: "$20.60–$33.00" / "20,60 US$–33,00 US$". */
    public String moneyRange(double low, double high, Currency currency) {
        return span(money(low, currency), money(high, currency));
    }

    /** "a–b", or "a" when both ends read the same. */
    private static String span(String low, String high) {
        return low.equals(high) ? low : low + "\u2013" + high;
    }

    /** A share 0…1 as a whole percentage: 0.38 → "38%". */
    public String percent(double share) {
        return integer(share * 100) + "%";
    }

    /** A percentage with one decimal: 12.34 → "12.3%" / "12,3%". */
    public String percentValue(double percent) {
        return decimal(percent, 1) + "%";
    }

    /** A large count in short words: "8.03 B", "41.9 M", "12.0 K" / "8,03 tỷ", "41,9 triệu". */
    public String shortCount(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e12) {
            return unit("unit.trillion", decimal(value / 1e12, 2));
        }
        if (abs >= 1e9) {
            return unit("unit.billion", decimal(value / 1e9, 2));
        }
        if (abs >= 1e6) {
            return unit("unit.million", decimal(value / 1e6, 1));
        }
        if (abs >= 1e3) {
            return unit("unit.thousand", decimal(value / 1e3, 1));
        }
        return decimal(value, 0);
    }

    /**
     * A duration, in the one style of the product: minutes under an hour ("45 min"), hours with one decimal under
     * two days ("16.3 h"), then days with the whole hours beside ("3.0 days (72 h)"); "–" when unknown.
     */
    public String duration(double hours) {
        if (!Double.isFinite(hours)) {
            return "–";
        }
        if (hours < 1) {
            return unit("unit.minutes", decimal(hours * 60, 0));
        }
        if (hours < 48) {
            return unit("unit.hours", decimal(hours, 1));
        }
        return unit("unit.days", decimal(hours / 24, 1), decimal(hours, 0));
    }

    /** Seconds with three decimals below 10 s ("0.052"), one above, "< 0.001" below a millisecond; no unit. */
    public String seconds(double seconds) {
        if (seconds > 0 && seconds < 0.001) {
            return "< " + decimal(0.001, 3);
        }
        return seconds < 10 ? decimal(seconds, 3) : decimal(seconds, 1);
    }

    /**
     * Money: the currency's cents below 100 units, whole units above; the symbol where the language puts it,
     * joined by a no-break space where there is a space: "$25.10", "$1,234" / "25,10 US$", "1.234 US$".
     */
    public String money(double amount, Currency currency) {
        if (!Double.isFinite(amount)) {
            return "–";
        }
        int digits = amount < 100 ? Math.max(0, Math.min(3, currency.getDefaultFractionDigits())) : 0;
        return currency(decimal(amount, digits), currency);
    }

    /** A whole amount of a currency, without cents: "$1", "25,400 VND" / "1 US$", "25.400 ₫" (an exchange rate). */
    public String wholeMoney(double amount, Currency currency) {
        return currency(decimal(amount, 0), currency);
    }

    /** US dollars, as {@link #money}. */
    public String usd(double usd) {
        return money(usd, USD);
    }

    /**
     * An amount the core holds in US dollars, shown in {@code exchange}'s currency at its rate, as {@link #money}:
     * {@code money(25.1, Exchange.USD)} is "$25.10"; at 25,400 VND per dollar it is "637,540 VND" / "637.540 ₫".
     */
    public String money(double usd, Exchange exchange) {
        return money(exchange.fromUsd(usd), currencyOf(exchange));
    }

    /** A price per GPU-hour the core holds in US dollars, in {@code exchange}'s currency: "62.000 ₫/GPU·giờ". */
    public String pricePerGpuHour(double usd, Exchange exchange) {
        return pricePerGpuHour(exchange.fromUsd(usd), currencyOf(exchange));
    }

    private static Currency currencyOf(Exchange exchange) {
        return Currency.getInstance(exchange.currency());
    }

    /** A price per GPU-hour with the currency's cents: "$2.49/GPU·h" / "2,49 US$/GPU·giờ". */
    public String pricePerGpuHour(double amount, Currency currency) {
        int digits = Math.max(0, Math.min(3, currency.getDefaultFractionDigits()));
        return unit("unit.perGpuHour", currency(decimal(amount, digits), currency));
    }

    private String currency(String number, Currency currency) {
        String key = "unit.currency." + currency.getCurrencyCode();
        String pattern = patterns.apply(key);
        return pattern.equals(key) ? number + NBSP + currency.getCurrencyCode() : unit(key, number);
    }

    /** Tokens per second: "2,600 tok/s" / "2.600 token/giây". */
    public String tokensPerSecond(double value) {
        return unit("unit.tokensPerSecond", integer(value));
    }

    /** A date as the language writes it: "November 29, 2026" / "29/11/2026". */
    public String date(LocalDate value) {
        return date.format(value);
    }

    /**
     * The day a price was seen as a catalog or price list gives it ("2026-12-04", "2026-06", "2026"), in this
     * language's style ("December 4, 2026" / "04/12/2026", "June 2026" / "06/2026", "2026"); the word for "undated"
     * for anything else. The app and the report both write price dates this way.
     */
    public String seenDate(String seen) {
        String s = seen == null ? "" : seen.strip();
        try {
            if (s.length() == 10) {
                return date(LocalDate.parse(s));
            }
            if (s.length() == 7) {
                return DateTimeFormatter.ofPattern(patterns.apply("unit.monthPattern"), locale)
                        .format(YearMonth.parse(s));
            }
        } catch (DateTimeParseException e) {
            // Not a date: said so below.
        }
        return s.matches("\\d{4}") ? s : patterns.apply("unit.undated");
    }
}
