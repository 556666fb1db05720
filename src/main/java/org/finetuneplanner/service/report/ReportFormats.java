package org.finetuneplanner.service.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How the report writes numbers, per language. Tests format with the same methods, so "the numbers in the text
 * equal the estimate's" is checked digit for digit. Not thread-safe (DecimalFormat): one instance per report.
 */
public final class ReportFormats {
    /** Bytes in one GiB (2^30): every memory figure of the product is in GiB. */
    public static final double GIB = 1024.0 * 1024.0 * 1024.0;

    /** No-break space between a number and its unit, so a table cell never wraps "14,89" away from "US$". */
    public static final String NBSP = "\u00a0";

    private final ReportLanguage language;
    private final DecimalFormat oneDecimal;
    private final DecimalFormat twoDecimals;
    private final DecimalFormat integer;
    private final DecimalFormat threeDecimals;
    private final DateTimeFormatter date;

    public ReportFormats(ReportLanguage language) {
        this.language = language;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(language.locale());
        oneDecimal = new DecimalFormat("#,##0.0", symbols);
        twoDecimals = new DecimalFormat("#,##0.00", symbols);
        integer = new DecimalFormat("#,##0", symbols);
        threeDecimals = new DecimalFormat("#,##0.000", symbols);
        date = language == ReportLanguage.VI ? DateTimeFormatter.ofPattern("dd/MM/yyyy")
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.US);
    }

    public ReportLanguage language() {
        return language;
    }

    /** Bytes as GiB with one decimal: "12.4 GiB" / "12,4 GiB". */
    public String gib(long bytes) {
        return gibNumber(bytes) + NBSP + "GiB";
    }

    /** Bytes as a GiB number with one decimal, no unit (table cells under a "GiB" heading). */
    public String gibNumber(long bytes) {
        return oneDecimal.format(bytes / GIB);
    }

    /** A GiB amount with one decimal and the unit. */
    public String gibOf(double gib) {
        return oneDecimal.format(gib) + NBSP + "GiB";
    }

    /** Hours with one decimal below 100, whole above: "16.0 h" / "16,0 giờ". */
    public String hours(double hours) {
        String unit = language == ReportLanguage.VI ? NBSP + "giờ" : NBSP + "h";
        return (hours < 100 ? oneDecimal.format(hours) : integer.format(hours)) + unit;
    }

    /** Hours or a dash when unknown. */
    public String hours(OptionalDouble hours) {
        return hours.isPresent() ? hours(hours.getAsDouble()) : "—";
    }

    /** Hours also as days when longer than two days: "50.0 h (2.1 days)". */
    public String duration(double hours) {
        if (hours < 48) {
            return hours(hours);
        }
        String days = language == ReportLanguage.VI ? NBSP + "ngày" : NBSP + "days";
        return hours(hours) + " (" + oneDecimal.format(hours / 24) + days + ")";
    }

    /** Seconds with three decimals below 10 s ("0.052" / "0,052"), "< 0.001" below a millisecond; no unit. */
    public String seconds(double seconds) {
        if (seconds > 0 && seconds < 0.001) {
            return "< " + threeDecimals.format(0.001);
        }
        return seconds < 10 ? threeDecimals.format(seconds) : oneDecimal.format(seconds);
    }

    /** US dollars, cents below 100, whole dollars above: "$25.10", "$1,234" / "25,10 US$", "1.234 US$". */
    public String usd(double usd) {
        String number = usd < 100 ? twoDecimals.format(usd) : integer.format(usd);
        return language == ReportLanguage.VI ? number + NBSP + "US$" : "$" + number;
    }

    /** A price per GPU-hour with cents: "$2.49/GPU·h" / "2,49 US$/GPU·giờ". */
    public String usdPerGpuHour(double usd) {
        String number = twoDecimals.format(usd);
        return language == ReportLanguage.VI ? number + NBSP + "US$/GPU·giờ" : "$" + number + "/GPU·h";
    }

    /** A fraction as a whole percent: 0.38 → "38%". */
    public String percent(double fraction) {
        return integer.format(fraction * 100) + "%";
    }

    /** A percentage number with one decimal: 12.34 → "12.3%". */
    public String percentValue(double percent) {
        return oneDecimal.format(percent) + "%";
    }

    /** A whole number with grouping: "50,000,000" / "50.000.000". */
    public String integer(double value) {
        return integer.format(value);
    }

    /** One decimal with grouping. */
    public String decimal(double value) {
        return oneDecimal.format(value);
    }

    /** A parameter count in billions or millions: "8.03 B" / "41.9 M". */
    public String parameters(long count) {
        if (count >= 1_000_000_000L) {
            return twoDecimals.format(count / 1e9) + NBSP + (language == ReportLanguage.VI ? "tỷ" : "B");
        }
        if (count >= 1_000_000L) {
            return oneDecimal.format(count / 1e6) + NBSP + (language == ReportLanguage.VI ? "triệu" : "M");
        }
        return integer.format(count);
    }

    /** A date in the language's usual form: "November 29, 2026" / "29/11/2026". */
    public String date(LocalDate value) {
        return date.format(value);
    }

    /** For other classes of the package that need the raw formatter (chart axes). */
    NumberFormat integerFormat() {
        return (NumberFormat) integer.clone();
    }
}
