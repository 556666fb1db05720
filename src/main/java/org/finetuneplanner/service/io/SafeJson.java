package org.finetuneplanner.service.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.finetuneplanner.service.text.Sentence;

/**
 * The one hardened Jackson configuration every reader and writer of the application uses (scenario files, results,
 * plans, catalogs, {@code config.json}, settings, batch lines, validation cases).
 *
 * <ul>
 *   <li>stream limits: nesting depth {@value #MAX_NESTING_DEPTH}, strings up to {@value #MAX_STRING_LENGTH}
 *       characters, numbers up to {@value #MAX_NUMBER_LENGTH} digits, property names up to
 *       {@value #MAX_NAME_LENGTH} characters, documents up to {@value #MAX_DOCUMENT_BYTES} bytes;</li>
 *   <li>byte input must be UTF-8 (or UTF-16/32 with its byte-order mark); a byte-order mark is skipped; invalid UTF-8
 *       is refused naming the line and byte offset ({@link #notUtf8(long, long)});</li>
 *   <li>binding only to the application's own DTO records: no polymorphic typing is ever enabled, nothing is bound
 *       to classes named in the input; property names are snake_case; numbers, booleans and strings are strict
 *       ({@link StrictValues}: {@code "4"} is not a number, {@code 1} not a boolean, {@code 4.5} not a whole
 *       number);</li>
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
    /** Reads one value out of a longer stream (the rest is not looked at). */
    private static final ObjectReader MEMBER_READER =
            TREE_READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new StrictValues())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /**
     * Parses one JSON document.
     *
     * @throws JsonProcessingException when it is not JSON, breaks a limit or has trailing tokens;
     *                                 {@link #describe(JsonProcessingException)} gives a one-line message
     */
    public static JsonNode readTree(String text) throws JsonProcessingException {
        JsonNode node = TREE_READER.readValue(withoutBom(text));
        return node == null ? MAPPER.missingNode() : node;
    }

    /**
     * Parses one JSON document from a stream (not closed here), reading at most {@link #MAX_DOCUMENT_BYTES}.
     *
     * @throws JsonProcessingException when it is not JSON (invalid UTF-8 included), breaks a limit or has trailing
     *                                 tokens
     * @throws IOException             when the stream cannot be read
     */
    public static JsonNode readTree(InputStream in) throws IOException {
        return readTree(readText(in));
    }

    /**
     * The text of a stream (not closed here): UTF-8, or UTF-16 with a byte-order mark; at most
     * {@link #MAX_DOCUMENT_BYTES} bytes. A byte-order mark is dropped.
     *
     * @throws JsonProcessingException when the bytes are not UTF-8 (naming the line and byte offset) or too many
     * @throws IOException             when the stream cannot be read
     */
    public static String readText(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new InputException(Sentence.of("read.tooLarge", MAX_DOCUMENT_BYTES / (1024 * 1024)));
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            return utf16(bytes);
        }
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        return utf8(bytes, start, bytes.length - start, start);
    }

    /** UTF-16 with its byte-order mark (Notepad's "Unicode"), decoded strictly; the mark is dropped. */
    private static String utf16(byte[] bytes) throws JsonProcessingException {
        try {
            return withoutBom(StandardCharsets.UTF_16.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(Sentence.of("read.notUnicode"));
        }
    }

    /**
     * Decodes UTF-8 strictly.
     *
     * @param firstByte the offset of {@code bytes[offset]} in the whole input, for the message
     * @throws JsonProcessingException naming the line and byte offset of the first byte that is not UTF-8
     */
    private static String utf8(byte[] bytes, int offset, int length, long firstByte) throws JsonProcessingException {
        Decoded decoded = decode(bytes, offset, length);
        if (decoded.text() == null) {
            long line = 1;
            for (int i = offset; i < offset + decoded.invalidAt(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InputException(notUtf8Sentence(line, firstByte + decoded.invalidAt()));
        }
        return decoded.text();
    }

    /**
     * Strictly decoded UTF-8.
     *
     * @param text      the text, or null when the bytes are not UTF-8
     * @param invalidAt then the index (from the first byte decoded) of the first byte that is not UTF-8, else -1
     */
    record Decoded(String text, int invalidAt) {
    }

    /** Decodes UTF-8 without replacing anything: the text, or where the first invalid byte is. */
    static Decoded decode(byte[] bytes, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new Decoded(new String(bytes, offset, length, StandardCharsets.ISO_8859_1), -1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new Decoded(null, in.position() - offset);
        }
        decoder.flush(out);
        return new Decoded(out.flip().toString(), -1);
    }

    /**
     * The one message for input that is not UTF-8, in a single file or a line of a batch.
     *
     * @param line       the line (1-based) holding the first invalid byte
     * @param byteOffset the offset of that byte from the start of the input (0-based)
     */
    public static String notUtf8(long line, long byteOffset) {
        return notUtf8Sentence(line, byteOffset).english();
    }

    /** {@link #notUtf8(long, long)} as data, for the text layer to word in the reader's language. */
    public static Sentence notUtf8Sentence(long line, long byteOffset) {
        return Sentence.of("read.notUtf8", line, byteOffset);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A byte-order mark survives in text decoded by hand (a pasted file, the first line of a JSONL file saved by
     * Notepad); Jackson skips it only when it reads the bytes itself.
     */
    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Binds a parsed document to one of the application's DTO records.
     *
     * @throws JsonProcessingException for a value the DTO does not accept ({@link JsonBinding} turns it into a
     *                                 message naming the key)
     */
    public static <T> T bind(JsonNode tree, Class<T> type) throws JsonProcessingException {
        return MAPPER.treeToValue(tree, type);
    }

    /**
     * Makes Jackson look at a DTO record now, for reading and writing, rather than on its first use (a cold start
     * can do this beside other work).
     */
    public static void prepare(Class<?> type) {
        MAPPER.readerFor(type);
        MAPPER.writerFor(type);
    }

    /** Binds JSON text to a DTO record, so that a failure knows its line and column. */
    public static <T> T bind(String text, Class<T> type) throws JsonProcessingException {
        return MAPPER.readerFor(type).readValue(withoutBom(text));
    }

    /**
     * The top-level {@code key} of a JSON object as far as it can be read, even when the document as a whole is not
     * valid (a duplicate key further on, trailing text, a cut line): empty when the text is not an object or breaks
     * off before the key's value is complete.
     */
    public static Optional<JsonNode> peekMember(String text, String key) {
        try (JsonParser p = MAPPER.getFactory().createParser(withoutBom(text))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(key)) {
                    return Optional.ofNullable(MEMBER_READER.readTree(p));
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Indented JSON text of a tree or a DTO record (writing one to a string cannot fail). */
    public static String pretty(Object value) {
        return write(PRETTY, value);
    }

    /** One-line JSON text of a tree or a DTO record. */
    public static String compact(Object value) {
        return write(COMPACT, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The node factory, for building trees. */
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
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    map.put(e.getKey(), toPlain(e.getValue()));
                }
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

    /** A tree of plain Java values (maps, lists, numbers …) or of a DTO record. */
    public static <T extends JsonNode> T toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * A one-line description of a parse failure for people, in English: what is wrong and where, without Jackson's
     * class or feature names or the echoed source ({@link #problem} worded by the text layer).
     */
    public static String describe(JsonProcessingException e) {
        return problem(e).english();
    }

    /**
     * A parse failure as data: what is wrong and where ({@code read.json.at}: line, column, the parser's complaint),
     * for the text layer to word in the reader's language. The parser's own words are kept for English and read in
     * the other languages for their gist (a cut file, an unexpected character, a key given twice …).
     */
    public static Sentence problem(JsonProcessingException e) {
        if (e instanceof InputException input) {
            return input.sentence;
        }
        String what = e.getOriginalMessage();
        JsonLocation where = e.getLocation();
        if (what != null && what.startsWith("Invalid UTF-8") && where != null && where.getLineNr() > 0) {
            return notUtf8Sentence(where.getLineNr(), Math.max(0, where.getByteOffset()));
        }
        Object detail;
        if (what == null || what.isBlank()) {
            detail = Sentence.of("read.unreadable");
        } else if (e instanceof StreamConstraintsException) {
            detail = Sentence.of("read.json.limit", JsonBinding.withoutInternals(what));
        } else if (what.startsWith("No content to map")) {
            return Sentence.of("read.json.empty");
        } else if (what.startsWith("Trailing token")) {
            detail = Sentence.of("read.json.trailing");
        } else {
            detail = ParserWords.gist(JsonBinding.withoutInternals(what));
        }
        if (where != null && where.getLineNr() > 0) {
            return Sentence.of("read.json.at", where.getLineNr(), where.getColumnNr(), detail);
        }
        return Sentence.of("read.json", detail);
    }

    /** A problem with the input bytes themselves, already worded for people. */
    static final class InputException extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        private final transient Sentence sentence;

        InputException(Sentence sentence) {
            super(sentence.english(), (JsonLocation) null);
            this.sentence = sentence;
        }
    }
}
