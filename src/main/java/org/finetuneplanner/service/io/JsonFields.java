package org.finetuneplanner.service.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.finetuneplanner.core.scenario.Identified;

/**
 * Typed, range-checked access to the fields of a JSON object. Every failure is an {@link InvalidValueException}
 * whose message reads {@code key = value: expected …}, naming the dotted key, the value as written and what is
 * allowed. A JSON {@code null} counts as absent, so {@code "rank": null} takes the default.
 *
 * <p>Pure functions over immutable-in-practice trees; thread-safe.
 */
public final class JsonFields {

    private static final int MAX_SHOWN_VALUE = 60;

    private JsonFields() {
    }

    /** The dotted path of {@code key} under {@code parent} ("" parent = top level). */
    public static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /**
     * The value as written, shortened for messages: strings quoted, objects and arrays abbreviated. JSON's own
     * escaping is kept, so a value holding a line break or a control character cannot split a one-line message.
     */
    public static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "(missing)";
        }
        String text = value.toString();
        return text.length() > MAX_SHOWN_VALUE ? text.substring(0, MAX_SHOWN_VALUE) + "…" : text;
    }

    /** An error for {@code key} whose value is {@code value}: {@code key = value: expected <allowed>}. */
    public static InvalidValueException invalid(String key, JsonNode value, String allowed) {
        return new InvalidValueException(key, key + " = " + show(value) + ": expected " + allowed);
    }

    /** The field, or empty when it is absent or JSON null. */
    public static Optional<JsonNode> field(JsonNode parent, String name) {
        JsonNode value = parent == null ? null : parent.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? Optional.empty() : Optional.of(value);
    }

    /** A nested object, or an empty object node when absent; an error when it is not an object. */
    public static JsonNode object(JsonNode parent, String name, String key) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isEmpty()) {
            return SafeJson.nodes().objectNode();
        }
        if (!value.get().isObject()) {
            throw invalid(key, value.get(), "an object {…}");
        }
        return value.get();
    }

    /** A string field, or empty. */
    public static Optional<String> string(JsonNode parent, String name, String key) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isTextual()) {
            throw invalid(key, value.get(), "a string");
        }
        return Optional.of(value.get().textValue());
    }

    /** A boolean field ({@code true} or {@code false}), or {@code fallback} when absent. */
    public static boolean bool(JsonNode parent, String name, String key, boolean fallback) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.get().isBoolean()) {
            throw invalid(key, value.get(), "true or false");
        }
        return value.get().booleanValue();
    }

    /**
     * A whole number in {@code [min, max]}, or empty. Integral floating values such as {@code 5e7} are accepted
     * (people write token counts that way); {@code 4.5}, {@code "4"} and {@code 1e30} are not.
     */
    public static OptionalLong integer(JsonNode parent, String name, String key, long min, long max) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        JsonNode node = value.get();
        long result;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            result = node.longValue();
        } else if (node.isFloatingPointNumber() && isWhole(node.doubleValue())) {
            result = (long) node.doubleValue();
        } else {
            throw invalid(key, node, wholeNumber(min, max));
        }
        if (result < min || result > max) {
            throw invalid(key, node, wholeNumber(min, max));
        }
        return OptionalLong.of(result);
    }

    /** A finite double without a fraction, small enough to be exact as a long. */
    private static boolean isWhole(double d) {
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) <= 9.0e15;
    }

    // The "allowed" texts are built only on failure: a batch reads tens of thousands of valid files.
    private static String wholeNumber(long min, long max) {
        return "a whole number from " + min + " to " + max;
    }

    /** A whole number in {@code [min, max]} that fits an int, or {@code fallback}. */
    public static int integer(JsonNode parent, String name, String key, int min, int max, int fallback) {
        OptionalLong value = integer(parent, name, key, (long) min, (long) max);
        return value.isPresent() ? (int) value.getAsLong() : fallback;
    }

    /**
     * A finite number with {@code min < x ≤ max} ({@code minExclusive}) or {@code min ≤ x ≤ max}, or empty.
     */
    public static OptionalDouble number(JsonNode parent, String name, String key, double min, boolean minExclusive,
                                        double max) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        JsonNode node = value.get();
        double d = node.isNumber() ? node.doubleValue() : Double.NaN;
        boolean aboveMin = minExclusive ? d > min : d >= min;
        if (!Double.isFinite(d) || !aboveMin || d > max) {
            throw invalid(key, node,
                    "a number " + (minExclusive ? "> " : "≥ ") + plain(min) + " and ≤ " + plain(max));
        }
        return OptionalDouble.of(d);
    }

    /** One of an enum's spellings (case-insensitive), or {@code fallback} when absent. */
    public static <E extends Enum<E> & Identified> E choice(JsonNode parent, String name, String key, E[] values,
                                                           Function<String, Optional<E>> lookup, E fallback) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isEmpty()) {
            return fallback;
        }
        return choice(value.get(), key, values, lookup);
    }

    /** The enum constant spelt by {@code node}. */
    public static <E extends Enum<E> & Identified> E choice(JsonNode node, String key, E[] values,
                                                           Function<String, Optional<E>> lookup) {
        Optional<E> found = node.isTextual() ? lookup.apply(node.textValue()) : Optional.empty();
        return found.orElseThrow(() -> invalid(key, node, "one of " + Identified.allowed(values)));
    }

    /** A list of strings, or empty when absent; an error for a non-array or a non-string element. */
    public static Optional<List<String>> strings(JsonNode parent, String name, String key) {
        Optional<JsonNode> value = field(parent, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = value.get();
        if (!node.isArray()) {
            throw invalid(key, node, "a list of strings […]");
        }
        List<String> result = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                throw invalid(key + "[" + i + "]", element, "a string");
            }
            result.add(element.textValue());
        }
        return Optional.of(result);
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
