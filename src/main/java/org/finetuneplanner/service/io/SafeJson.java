package org.finetuneplanner.service.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one hardened Jackson configuration every reader of the application uses (scenario files, catalogs,
 * {@code config.json}, settings, batch lines).
 *
 * <ul>
 *   <li>stream limits: nesting depth {@value #MAX_NESTING_DEPTH}, strings up to {@value #MAX_STRING_LENGTH}
 *       characters, numbers up to {@value #MAX_NUMBER_LENGTH} digits, property names up to
 *       {@value #MAX_NAME_LENGTH} characters, documents up to {@value #MAX_DOCUMENT_BYTES} bytes;</li>
 *   <li>trees only: no polymorphic typing is ever enabled, nothing is bound to classes named in the input;</li>
 *   <li>trailing tokens after the first value are rejected ({@code {"a":1} xyz} is an error, not {@code {"a":1}});</li>
 *   <li>a key given twice in one object is rejected (two readers could otherwise disagree on its value);</li>
 *   <li>{@code NaN}, {@code Infinity}, comments and single quotes are rejected (Jackson's strict defaults).</li>
 * </ul>
 *
 * <p>Thread-safe: the mapper is configured once and only used through immutable readers and writers.
 */
public final class SafeJson {

    /** Deepest nesting of objects and arrays accepted; real scenario and config files use fewer than 6. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Longest number, in characters: more than any double or long needs, far less than a denial-of-service. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Longest property name, in characters. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Largest document, in bytes (the bundled catalogs are under 200 KB). */
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper MAPPER = build();
    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private SafeJson() {
    }

    private static ObjectMapper build() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(false))
                .build();
    }

    /**
     * Parses one JSON document.
     *
     * @throws JsonProcessingException when it is not JSON, breaks a limit or has trailing tokens;
     *                                 {@link #describe(JsonProcessingException)} gives a one-line message
     */
    public static JsonNode readTree(String text) throws JsonProcessingException {
        // A byte-order mark survives in text decoded by hand (a pasted file, the first line of a JSONL file saved by
        // Notepad); Jackson skips it only when it reads the bytes itself.
        JsonNode node = TREE_READER.readValue(text.startsWith("\uFEFF") ? text.substring(1) : text);
        return node == null ? MAPPER.missingNode() : node;
    }

    /** Parses one JSON document from a stream (not closed here). */
    public static JsonNode readTree(InputStream in) throws IOException {
        JsonNode node = TREE_READER.readValue(in);
        return node == null ? MAPPER.missingNode() : node;
    }

    /** Compact one-line JSON (for JSON Lines). */
    public static ObjectWriter compactWriter() {
        return COMPACT;
    }

    /** Indented JSON (for files people read). */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** Indented JSON text of a tree (writing a tree to a string cannot fail). */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree: " + e.getOriginalMessage(), e);
        }
    }

    /** One-line JSON text of a tree. */
    public static String compact(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree: " + e.getOriginalMessage(), e);
        }
    }

    /** The node factory, for building result trees. */
    public static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }

    /** Converts a tree to plain Java values (maps, lists, strings, numbers, booleans, nulls). */
    public static Object toPlain(JsonNode node) {
        // Walked by hand: Jackson's convertValue buffers every token and is several times slower; the depth is
        // bounded by MAX_NESTING_DEPTH since every tree came through the limited reader.
        if (node == null) {
            return null;
        }
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> map.put(e.getKey(), toPlain(e.getValue())));
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(toPlain(element)));
                return list;
            }
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.numberValue();
            case BOOLEAN:
                return node.booleanValue();
            case NULL:
            case MISSING:
                return null;
            default:
                return node.asText();
        }
    }

    /** Converts plain Java values (maps, lists, numbers …) to a tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * A one-line description of a parse failure for people: what is wrong and where, without Jackson's class
     * names or the echoed source.
     */
    public static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage();
        if (what == null || what.isBlank()) {
            what = e.getClass().getSimpleName();
        }
        if (e instanceof StreamConstraintsException) {
            what = "too large or too deeply nested: " + what;
        } else if (what.startsWith("No content to map")) {
            return "the file is empty: expected a JSON value";
        } else if (what.startsWith("Trailing token")) {
            // Jackson's text names its own classes and feature flags; say what it means instead.
            what = "more text after the end of the JSON value (a file holds exactly one value)";
        }
        // "(start marker at [Source: REDACTED (…); line: 1, column: 1])": say where the open object or array began.
        what = what.replaceAll("\\(start marker at \\[Source:[^\\]]*?line: (\\d+), column: (\\d+)\\]\\)",
                        "(it was opened at line $1, column $2)")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "");
        // Never show Java class names (`com.fasterxml…`, `java.lang.Object`) to people.
        what = what.replaceAll("\\s*\\((?:bound as|through reference chain)[^)]*\\)", "")
                .replaceAll("`?(?:com\\.fasterxml|java\\.lang|java\\.util)\\.[A-Za-z0-9_.$\\[\\]]+`?", "value");
        what = what.replaceAll("\\s+", " ").strip();
        if (what.length() > 200) {
            what = what.substring(0, 200) + "…";
        }
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            return "not valid JSON at line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + what;
        }
        return "not valid JSON: " + what;
    }
}
