package org.finetuneplanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The core speaks ids and numbers (STYLE.md §12): no user-facing sentence in a string literal of {@code core/}, and
 * no number formatting there. The words live in the text layer ({@code service.text}).
 */
class CoreSpeaksNoSentencesTest {
    private static final Path CORE = Path.of("src/main/java/org/finetuneplanner/core");
    /** A literal with a space and at least this many words reads as a sentence. */
    private static final int SENTENCE_WORDS = 4;
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");
    private static final Pattern FORMATTER = Pattern.compile(
            "\\b(NumberFormat|DecimalFormat|MessageFormat)\\b|String\\.format\\(|\\.formatted\\(");

    /**
     * Literals that must stay, with the reason. None today: dotted key paths ({@code training.micro_batch_size}),
     * catalog ids and config.json keys have no spaces, and internal errors name only an id.
     */
    private static final Map<String, String> ALLOWED = Map.of();

    /** The code of a Java source without its comments (line numbers kept). */
    private static String code(String source) {
        Matcher block = BLOCK_COMMENT.matcher(source);
        StringBuilder out = new StringBuilder();
        while (block.find()) {
            block.appendReplacement(out, Matcher.quoteReplacement(block.group().replaceAll("[^\\n]", " ")));
        }
        block.appendTail(out);
        return LINE_COMMENT.matcher(out).replaceAll("");
    }

    static List<String> sentences(String source) {
        List<String> found = new ArrayList<>();
        String code = code(source);
        Matcher m = LITERAL.matcher(code);
        while (m.find()) {
            String literal = m.group(1);
            long words = Stream.of(literal.split("\\s+")).filter(w -> w.matches(".*\\p{L}.*")).count();
            if (literal.contains(" ") && words >= SENTENCE_WORDS && !ALLOWED.containsKey(literal)) {
                int line = code.substring(0, m.start()).split("\n", -1).length;
                found.add(line + ": \"" + literal + "\"");
            }
        }
        return found;
    }

    private static List<Path> coreSources() throws IOException {
        try (Stream<Path> files = Files.walk(CORE)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void coreHoldsNoSentenceInAStringLiteral() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : coreSources()) {
            for (String s : sentences(Files.readString(file))) {
                found.add(CORE.relativize(file) + ":" + s);
            }
        }
        assertEquals(List.of(), found, "words belong in the text layer (service.text), the core passes ids and "
                + "numbers");
    }

    @Test
    void coreFormatsNoNumbers() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : coreSources()) {
            String code = code(Files.readString(file));
            Matcher m = FORMATTER.matcher(code);
            while (m.find()) {
                found.add(CORE.relativize(file) + ": " + m.group());
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theScanFindsASentenceAndSkipsCommentsAndKeys() {
        String source = """
                /** A Javadoc sentence with many words is fine. */
                class X {
                    // so is a comment with many words in it
                    String key = "training.micro_batch_size";
                    String id = "memory.peak_phase";
                    String bad = "The peak falls in the loss phase.";
                }
                """;
        List<String> found = sentences(source);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("6: "), found.toString());
    }
}
