package org.finetuneplanner.service.io;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.service.text.Sentence;

/**
 * Binding parsed JSON to the application's DTO records with messages for people. Every failure is an
 * {@link InvalidValueException} whose message reads {@code key = value: expected …}: the dotted key
 * ({@code training.micro_batch_size}, {@code method.targets[1]}), the value as written and what is allowed, then
 * its line and column when the JSON was bound from text; never a Jackson class or feature name. The message is a
 * {@link Sentence} (keys {@code read.*}): its English is the exception's message, the app words it in the user's
 * language.
 *
 * <p>Pure functions; thread-safe.
 */
public final class JsonBinding {

    /** Code points shown of a value as written, the ellipsis included (60 and "…" when cut). */
    private static final int MAX_SHOWN_VALUE = 61;
    /** Code points of a parser's message, the ellipsis included. */
    private static final int MAX_MESSAGE = 200;
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final ClassValue<List<String>> KEYS = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            return components == null ? List.of() : Arrays.stream(components)
                    .filter(c -> !c.isAnnotationPresent(JsonAnySetter.class))
                    .map(c -> SNAKE_CASE.translate(c.getName()))
                    .toList();
        }
    };

    private JsonBinding() {
    }

    /**
     * Binds a parsed document to a DTO record.
     *
     * @param tree the document
     * @param text the text it was parsed from, or null: on a failure the text is bound again so that the message
     *             gives the value exactly as written and its line and column
     * @throws InvalidValueException naming the key, the value and what is allowed
     */
    public static <T> T bind(JsonNode tree, String text, Class<T> type) {
        try {
            return SafeJson.bind(tree, type);
        } catch (JsonProcessingException fromTree) {
            JsonProcessingException located = fromTree;
            if (text != null) {
                try {
                    SafeJson.bind(text, type);
                } catch (JsonProcessingException fromText) {
                    located = fromText;
                }
            }
            throw describe(located, tree, text == null || text.indexOf('\n') < 0);
        }
    }

    /**
     * The message for a value a DTO refused.
     *
     * @param source  the document, to show a refused object or list as written
     * @param oneLine whether the document is one line (the location then gives the column only)
     */
    public static InvalidValueException describe(JsonProcessingException e, JsonNode source, boolean oneLine) {
        String key = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        Sentence where = where(e.getLocation(), oneLine);
        if (e instanceof StrictValues.BadValue bad) {
            return new InvalidValueException(key, refused(key, bad.shown(), bad.expected(), where));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> target = m.getTargetType();
            Sentence expected = target.isRecord() || Map.class.isAssignableFrom(target) ? Allowed.object()
                    : Collection.class.isAssignableFrom(target) || target.isArray() ? Allowed.list() : null;
            if (expected != null) {
                return new InvalidValueException(key, refused(key, show(at(source, key)), expected, where));
            }
        }
        String what = withoutInternals(e.getOriginalMessage());
        return new InvalidValueException(key, key.isEmpty() ? Sentence.of("read.binding.unnamed", what, where)
                : Sentence.of("read.binding", key, what, where));
    }

    /** {@code key = shown: expected <allowed>}, then where (a sentence, or "" when unknown). */
    private static Sentence refused(String key, String shown, Object allowed, Object where) {
        return key.isEmpty() ? Sentence.of("read.value.unnamed", shown, allowed, where)
                : Sentence.of("read.value", key, shown, allowed, where);
    }

    /** " (line 3, column 17)", " (column 17)" for a one-line document, or nothing when unknown. */
    private static Sentence where(JsonLocation location, boolean oneLine) {
        if (location == null || location.getLineNr() < 1) {
            return Sentence.of("read.where.unknown");
        }
        return oneLine && location.getLineNr() == 1 ? Sentence.of("read.where.column", location.getColumnNr())
                : Sentence.of("read.where.line", location.getLineNr(), location.getColumnNr());
    }

    /** {@code training.micro_batch_size}, {@code method.targets[1]}. */
    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    /** The value at a dotted key ({@code method.targets[1]}) of a document, or null. */
    public static JsonNode at(JsonNode document, String key) {
        JsonNode node = document;
        for (String part : key.isEmpty() ? new String[0] : key.split("\\.")) {
            int bracket = part.indexOf('[');
            node = node == null ? null : node.get(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0 && node != null) {
                int close = part.indexOf(']', bracket);
                node = node.get(Integer.parseInt(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
        }
        return node;
    }

    /** An error for {@code key} whose value is {@code value}: {@code key = value: expected <allowed>}. */
    public static InvalidValueException invalid(String key, JsonNode value, String allowed) {
        return invalid(key, value, Sentence.verbatim(allowed));
    }

    /** {@link #invalid(String, JsonNode, String)} with what is allowed as a sentence ({@link Allowed}). */
    public static InvalidValueException invalid(String key, JsonNode value, Sentence allowed) {
        return new InvalidValueException(key, refused(key, show(value), allowed, Sentence.of("read.where.unknown")));
    }

    /** An error for a required {@code key} that is absent: {@code key is missing: expected <allowed>}. */
    public static InvalidValueException missing(String key, String allowed) {
        return new InvalidValueException(key, allowed.isEmpty() ? Sentence.of("read.missing.bare", key)
                : Sentence.of("read.missing", key, allowed));
    }

    /**
     * The value as written, shortened for messages: strings quoted, objects and arrays abbreviated. JSON's own
     * escaping is kept, so a value holding a line break or a control character cannot split a one-line message.
     */
    public static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "(missing)";
        }
        return shorten(value.toString());
    }

    static String shorten(String text) {
        return SafeText.shorten(text, MAX_SHOWN_VALUE);
    }

    /**
     * What a key allows, one method per kind of rule: as a {@link Sentence} (keys {@code read.allowed.*}) that the
     * text layer words in the reader's language, and as its English for messages still built as text.
     */
    public static final class Allowed {
        /** A JSON string. */
        public static final String TEXT = text().english();
        /** A JSON boolean. */
        public static final String FLAG = flag().english();
        /** Any whole number. */
        public static final String WHOLE_NUMBER = wholeNumber().english();
        /** An object. */
        public static final String OBJECT = object().english();
        /** A list. */
        public static final String LIST = list().english();

        private Allowed() {
        }

        /** "a string", as data. */
        public static Sentence text() {
            return Sentence.of("read.allowed.text");
        }

        /** "true or false", as data. */
        public static Sentence flag() {
            return Sentence.of("read.allowed.flag");
        }

        /** "a whole number", as data. */
        public static Sentence wholeNumber() {
            return Sentence.of("read.allowed.wholeNumber");
        }

        /** "an object {…}", as data. */
        public static Sentence object() {
            return Sentence.of("read.allowed.object");
        }

        /** "a list […]", as data. */
        public static Sentence list() {
            return Sentence.of("read.allowed.list");
        }

        /** "a whole number from 1 to 64". */
        public static String wholeNumber(long min, long max) {
            return wholeNumberSentence(min, max).english();
        }

        /** {@link #wholeNumber(long, long)} as data. */
        public static Sentence wholeNumberSentence(long min, long max) {
            return Sentence.of("read.allowed.wholeNumberFrom", min, max);
        }

        /** "a number > 0 and ≤ 1", "a number ≥ 0", "a number". */
        public static String number(double min, boolean minExclusive, double max) {
            return numberSentence(min, minExclusive, max).english();
        }

        /** {@link #number(double, boolean, double)} as data. */
        public static Sentence numberSentence(double min, boolean minExclusive, double max) {
            String low = minExclusive ? "Above" : "AtLeast";
            if (Double.isFinite(min) && Double.isFinite(max)) {
                return Sentence.of("read.allowed.number" + low + "AtMost", plain(min), plain(max));
            }
            if (Double.isFinite(min)) {
                return Sentence.of("read.allowed.number" + low, plain(min));
            }
            return Double.isFinite(max) ? Sentence.of("read.allowed.numberAtMost", plain(max))
                    : Sentence.of("read.allowed.number");
        }

        /** "one of none, full, offload". */
        public static String oneOf(Identified[] values) {
            return oneOfSentence(values).english();
        }

        /** {@link #oneOf(Identified[])} as data. */
        public static Sentence oneOfSentence(Identified[] values) {
            return Sentence.of("read.allowed.oneOf", Identified.allowed(values));
        }
    }

    /** {@code 16} for 16.0, else the double as Java writes it. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** The JSON keys of a DTO record, in declaration order (its {@link JsonAnySetter} map left out). */
    public static List<String> keys(Class<?> dto) {
        return KEYS.get(dto);
    }

    /** The known key nearest to a misspelt one: a prefix of each other, or at most 3 edits apart. */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = typed.toLowerCase(Locale.ROOT);
        for (String key : known) {
            int distance = lower.length() >= 3 && (key.startsWith(lower) || lower.startsWith(key)) ? 0
                    : editDistance(lower, key);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = key;
            }
        }
        return bestDistance <= 3 ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        if (a.length() > 100 || b.length() > 100) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Jackson's words without Jackson: no echoed source, no class, feature or constraint names, one line of at most
     * 200 characters.
     */
    static String withoutInternals(String message) {
        String what = message == null || message.isBlank() ? Sentence.of("read.unreadable").english() : message;
        // "(start marker at [Source: REDACTED (…); line: 1, column: 1])": say where the open object or array began.
        what = what.replaceAll("\\(start marker at \\[Source:[^\\]]*?line: (\\d+), column: (\\d+)\\]\\)",
                        "(it was opened at line $1, column $2)")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
                // "(100, from `StreamReadConstraints.getMaxNumberLength()`)" → "(100)"
                .replaceAll(",\\s*from `[^`]*`", "")
                // "…: enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
                .replaceAll(":?\\s*enable `[^`]*` to allow", "")
                // "(not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)"
                .replaceAll("\\s*\\([^()]*Feature '[A-Z_]+'[^()]*\\)", "")
                .replaceAll("\\s*\\((?:bound as|through reference chain)[^)]*\\)", "")
                // Never show Java names (`com.fasterxml…`, `java.lang.Object`, `JsonToken.START_ARRAY`) to people.
                .replaceAll("`?(?:com\\.fasterxml|java\\.lang|java\\.util)\\.[A-Za-z0-9_.$\\[\\]]+`?", "value")
                .replaceAll("`[A-Za-z_$][\\w$]*(?:\\.[\\w$()]+)+`", "value")
                .replaceAll("\\s+", " ").strip();
        return SafeText.shorten(what, MAX_MESSAGE);
    }
}
