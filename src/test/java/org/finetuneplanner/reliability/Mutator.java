package org.finetuneplanner.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.finetuneplanner.service.io.SafeJson;

/**
 * Mutations of real input files, driven by a seeded {@link Random} so that a failure can be replayed: byte-level
 * damage (bit flips, deletions, duplications, truncation, JSON punctuation and hostile tokens spliced in) and
 * tree-level damage (one value replaced by a hostile one, one key removed).
 */
final class Mutator {

    /** Tokens that break parsers and range checks when spliced anywhere into a JSON text. */
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true",
            "-", "-0", "1e999", "-1e999", "1e-999", "NaN", "Infinity", "-Infinity", "9223372036854775808",
            "0x10", "01", ".5", "1.", "\u0000", "\uFEFF", "\uD800", "/* c */", "// c\n", "'q'", "\"\"",
            "{\"@class\":\"java.lang.ProcessBuilder\"}", "[\"java.net.URL\",\"http://x\"]",
            "\"gpu\": \"t4-16gb\", ", "\"hidden_size\": 1, ", "9".repeat(99), "9".repeat(101));

    /** JSON values that are valid syntax but hostile as values of any key. */
    static final List<String> HOSTILE_VALUES = List.of("-1", "0", "1", "4.5", "-4.5", "1e308", "-1e308", "1e-320",
            "2147483648", "-2147483649", "9223372036854775807", "18446744073709551616", "1e30", "5e7",
            "\"1e-999999999\"", "\"1e999999999\"", "\"" + "9".repeat(5_000) + "\"", "\"4\"", "\"\"", "\"  \"",
            "\"NaN\"", "\"Infinity\"", "\"-1\"", "\"true\"", "true", "false", "null", "[]", "{}", "[1, 2]",
            "[\"q\", 1]", "{\"a\": 1}", "\"\\u0000\"", "\"" + "x".repeat(100_000) + "\"",
            "[".repeat(60) + "]".repeat(60), "\"lora\"", "\"l4-24gb\"", "\"zero3\"", "\"nf4\"", "\"fp8\"",
            "\"all-linear\"", "[\"all-linear\", \"lm_head\"]");

    private static final byte[] BYTES = "{}[],:\"\\-+.eE0123456789ntf \n\t".getBytes(StandardCharsets.US_ASCII);

    private Mutator() {
    }

    /** The text with one to four byte-level mutations. */
    static byte[] mutateBytes(String text, Random random) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds && data.length > 0; i++) {
            data = mutateOnce(data, random);
        }
        return data;
    }

    private static byte[] mutateOnce(byte[] data, Random random) {
        int at = random.nextInt(data.length);
        switch (random.nextInt(8)) {
            case 0 -> {
                byte[] copy = data.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> {
                byte[] copy = data.clone();
                copy[at] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : BYTES[random.nextInt(BYTES.length)];
                return copy;
            }
            case 2 -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(40));
                return splice(data, at, length, new byte[0]);
            }
            case 3 -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(200));
                byte[] piece = new byte[length];
                System.arraycopy(data, at, piece, 0, length);
                return splice(data, random.nextInt(data.length + 1), 0, piece);
            }
            case 4 -> {
                return splice(data, 0, data.length, slice(data, 0, at));
            }
            case 5 -> {
                byte[] token = TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8);
                return splice(data, at, random.nextBoolean() ? 0 : 1, token);
            }
            case 6 -> {
                byte[] prefix = random.nextBoolean() ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                        : new byte[] {(byte) 0xFE, (byte) 0xFF};
                return splice(data, 0, 0, prefix);
            }
            default -> {
                byte[] invalidUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xF0, (byte) 0x9F, (byte) 0xFF};
                return splice(data, at, 0, slice(invalidUtf8, random.nextInt(3), 2 + random.nextInt(3)));
            }
        }
    }

    /** The document with one value replaced by a hostile one, or one key removed; also says where. */
    static Mutation mutateTree(String text, Random random) {
        JsonNode root;
        try {
            root = SafeJson.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a seed is not JSON", e);
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        String hostile = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
        JsonNode value;
        try {
            value = SafeJson.readTree(hostile);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a hostile value is not JSON: " + hostile, e);
        }
        boolean remove = slot.parent.isObject() && random.nextInt(5) == 0;
        if (slot.parent instanceof ObjectNode object) {
            if (remove) {
                object.remove(slot.name);
            } else {
                object.set(slot.name, value);
            }
        } else {
            ((ArrayNode) slot.parent).set(slot.index, value);
        }
        String shown = hostile.length() > 40 ? hostile.substring(0, 40) + "…" : hostile;
        return new Mutation(SafeJson.pretty(root), slot.path, slot.name, remove ? "(removed)" : shown);
    }

    /** A tree mutation: the new text, the dotted path and leaf name changed, and what was put there. */
    record Mutation(String text, String path, String leaf, String value) {
        @Override
        public String toString() {
            return path + " := " + value;
        }
    }

    private record Slot(JsonNode parent, String name, int index, String path) {
    }

    private static void collect(JsonNode node, String path, List<Slot> slots) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                slots.add(new Slot(node, field.getKey(), -1, child));
                collect(field.getValue(), child, slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = path + "[" + i + "]";
                int dot = path.lastIndexOf('.');
                slots.add(new Slot(node, path.substring(dot + 1), i, child));
                collect(node.get(i), child, slots);
            }
        }
    }

    private static byte[] slice(byte[] data, int from, int length) {
        int end = Math.min(data.length, from + length);
        byte[] result = new byte[Math.max(0, end - from)];
        System.arraycopy(data, from, result, 0, result.length);
        return result;
    }

    private static byte[] splice(byte[] data, int at, int removed, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + inserted.length);
        out.write(data, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(data, at + removed, data.length - at - removed);
        return out.toByteArray();
    }
}
