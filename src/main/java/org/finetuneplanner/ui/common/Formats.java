package org.finetuneplanner.ui.common;

import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Numbers as the user reads them: GiB, hours, US dollars, counts, in the locale's digits and separators. Keeps its
 * {@link NumberFormat}s (not thread-safe): call on the FX thread, or on one thread at a time.
 */
public final class Formats {
    private static final double GIB = 1L << 30;

    private final Locale locale;
    private final Messages messages;
    // Made once: the options table formats a few hundred numbers on every slider tick.
    private final NumberFormat[] decimals = new NumberFormat[3];
    private final NumberFormat[] dollars = new NumberFormat[3];
    private final NumberFormat integers;

    private Formats(Messages messages) {
        this.messages = messages;
        this.locale = messages.locale();
        for (int digits = 0; digits < 3; digits++) {
            decimals[digits] = NumberFormat.getNumberInstance(locale);
            decimals[digits].setMinimumFractionDigits(digits);
            decimals[digits].setMaximumFractionDigits(digits);
            dollars[digits] = NumberFormat.getCurrencyInstance(locale);
            dollars[digits].setCurrency(Currency.getInstance("USD"));
            dollars[digits].setMinimumFractionDigits(digits);
            dollars[digits].setMaximumFractionDigits(digits);
        }
        integers = NumberFormat.getIntegerInstance(locale);
    }

    public static Formats of(Messages messages) {
        return new Formats(messages);
    }

    public Locale locale() {
        return locale;
    }

    private String decimal(double value, int digits) {
        return decimals[digits].format(value);
    }

    /** Bytes as GiB (2^30) with one decimal, e.g. "12.4 GiB". */
    public String gib(long bytes) {
        return messages.text("unit.gib", decimal(bytes / GIB, 1));
    }

    /** A GiB amount with one decimal. */
    public String gib(double gib) {
        return messages.text("unit.gib", decimal(gib, 1));
    }

    /** Bytes as a plain GiB number without unit, for axes and tables. */
    public String gibNumber(long bytes) {
        return decimal(bytes / GIB, 1);
    }

    /** Hours: minutes under one hour, hours under two days, then days with the hours beside. */
    public String hours(double hours) {
        if (!Double.isFinite(hours)) {
            return "–";
        }
        if (hours < 1) {
            return messages.text("unit.minutes", decimal(hours * 60, 0));
        }
        if (hours < 48) {
            return messages.text("unit.hours", decimal(hours, 1));
        }
        return messages.text("unit.days", decimal(hours / 24, 1), decimal(hours, 0));
    }

    /** US dollars: cents below $100, whole dollars above. */
    public String usd(double usd) {
        if (!Double.isFinite(usd)) {
            return "–";
        }
        return dollars[usd < 100 ? 2 : 0].format(usd);
    }

    /** A price per GPU-hour, e.g. "$2.49/GPU·h". */
    public String usdPerGpuHour(double usd) {
        return messages.text("unit.perGpuHour", usd(usd));
    }

    /** A whole number with grouping, e.g. "50,000,000". */
    public String count(long value) {
        return integers.format(value);
    }

    /** A large count in short words: "8.03 B", "41.9 M". */
    public String shortCount(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e12) {
            return messages.text("unit.trillion", decimal(value / 1e12, 2));
        }
        if (abs >= 1e9) {
            return messages.text("unit.billion", decimal(value / 1e9, 2));
        }
        if (abs >= 1e6) {
            return messages.text("unit.million", decimal(value / 1e6, 1));
        }
        if (abs >= 1e3) {
            return messages.text("unit.thousand", decimal(value / 1e3, 1));
        }
        return decimal(value, 0);
    }

    /** A share 0…1 as a percentage, e.g. "38 %". */
    public String percent(double share) {
        NumberFormat f = NumberFormat.getPercentInstance(locale);
        f.setMaximumFractionDigits(0);
        return f.format(share);
    }

    /** Tokens per second, e.g. "2,600 tok/s". */
    public String tokensPerSecond(double value) {
        return messages.text("unit.tokensPerSecond", count(Math.round(value)));
    }
}
