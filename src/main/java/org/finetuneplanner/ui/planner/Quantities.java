package org.finetuneplanner.ui.planner;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the numbers people type: "50M", "1.2B", "7e9", "50,000,000", "3", and a decimal comma as Vietnamese (and
 * most of Europe) writes it: "1,2B", "0,5". A comma is grouping only before groups of exactly three digits
 * ("50,000,000", "1,234.5"); any other comma is the decimal point. Spaces and underscores are ignored. Pure; the
 * same in every language, so switching language never changes what a field holds.
 */
final class Quantities {
    private Quantities() {
    }

    /**
     * A positive whole count with an optional K/M/B/T suffix; empty for blank text.
     *
     * @throws NumberFormatException when the text is not such a count
     */
    static OptionalLong count(String text) {
        String t = clean(text);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        long scale = 1;
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        switch (last) {
            case 'K' -> scale = 1_000L;
            case 'M' -> scale = 1_000_000L;
            case 'B', 'G' -> scale = 1_000_000_000L;
            case 'T' -> scale = 1_000_000_000_000L;
            default -> scale = 1;
        }
        if (scale > 1) {
            t = t.substring(0, t.length() - 1).strip();
        }
        BigDecimal value = new BigDecimal(t.toUpperCase(Locale.ROOT)).multiply(BigDecimal.valueOf(scale));
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new NumberFormatException(text);
        }
        return OptionalLong.of(value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * A finite decimal number ("2.49", "$2.49"); empty for blank text.
     *
     * @throws NumberFormatException when the text is not a number
     */
    static OptionalDouble decimal(String text) {
        String t = clean(text);
        if (t.startsWith("$")) {
            t = t.substring(1).strip();
        }
        if (t.isEmpty()) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new NumberFormatException(text);
        }
        return OptionalDouble.of(v);
    }

    private static final java.util.regex.Pattern GROUPED =
            java.util.regex.Pattern.compile("\\$?\\d{1,3}(,\\d{3})+(\\.\\d*)?([eE][+-]?\\d+)?[A-Za-z]?");

    private static String clean(String text) {
        String t = text == null ? "" : text.strip().replace("_", "").replace(" ", "").replace("\u00a0", "");
        if (GROUPED.matcher(t).matches()) {
            return t.replace(",", "");
        }
        return t.indexOf(',') == t.lastIndexOf(',') && t.indexOf('.') < 0 ? t.replace(',', '.') : t;
    }
}
