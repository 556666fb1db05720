package org.finetuneplanner.service.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A number as a person typed it in one language, with what it may mean. English groups digits with "," and marks
 * decimals with "."; Vietnamese groups with "." and marks decimals with "," ({@link LocaleFormat}'s conventions;
 * other languages read as English). The plain form of a file ("44.99", "62000", "1e3") is read in both. Spaces, also
 * no-break ones, are dropped ("9 900").
 *
 * <p>Worked examples, Vietnamese: "44,99" is 44.99; "1.234.000" is 1,234,000; "1.234,5" is 1,234.5; "44.99" is the
 * plain 44.99 (two digits after the dot are no group); "1.234" is ambiguous: the plain 1.234 or one thousand two
 * hundred and thirty-four. English: "1,234.5" is 1,234.5; "1.234" is 1.234; "44,99" is no number (a group has three
 * digits). Pure.
 *
 * @param text     what was typed, as typed
 * @param readings what it may mean: none (no number), one, or two (ambiguous: the plain reading first)
 */
public record TypedNumber(String text, List<BigDecimal> readings) {
    private static final Pattern PLAIN = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern ENGLISH = Pattern.compile("[-+]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");
    private static final Pattern VIETNAMESE = Pattern.compile("[-+]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");

    /** The readings kept as given, unmodifiable. */
    public TypedNumber {
        readings = List.copyOf(readings);
    }

    /** What {@code text} means in {@code locale}'s language; blank text has no reading. */
    public static TypedNumber read(String text, Locale locale) {
        String t = text == null ? "" : text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").strip();
        boolean vietnamese = "vi".equals(locale.getLanguage());
        List<BigDecimal> readings = new ArrayList<>();
        if (PLAIN.matcher(t).matches()) {
            readings.add(new BigDecimal(t.startsWith("+") ? t.substring(1) : t));
        }
        if ((vietnamese ? VIETNAMESE : ENGLISH).matcher(t).matches()) {
            String grouped = vietnamese ? t.replace(".", "").replace(',', '.') : t.replace(",", "");
            BigDecimal value = new BigDecimal(grouped.startsWith("+") ? grouped.substring(1) : grouped);
            if (readings.stream().noneMatch(r -> r.compareTo(value) == 0)) {
                readings.add(value);
            }
        }
        return new TypedNumber(text, readings);
    }

    /** Whether the text is one number. */
    public boolean isNumber() {
        return readings.size() == 1;
    }

    /** Whether the text may be read as two different numbers in its language. */
    public boolean isAmbiguous() {
        return readings.size() > 1;
    }

    /** The number; only when {@link #isNumber()}. */
    public BigDecimal value() {
        if (!isNumber()) {
            throw new IllegalStateException("\"" + text + "\" is not one number");
        }
        return readings.get(0);
    }

    /**
     * {@code value} as it is typed in {@code locale}'s language without any doubt: no grouping, the language's
     * decimal mark ("1234", "1,234" in Vietnamese; "1.234" in English).
     */
    public static String unambiguous(BigDecimal value, Locale locale) {
        String plain = value.stripTrailingZeros().toPlainString();
        return "vi".equals(locale.getLanguage()) ? plain.replace('.', ',') : plain;
    }
}
