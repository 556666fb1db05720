package org.finetuneplanner.service.io;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.finetuneplanner.service.text.Sentence;

/**
 * The gist of the JSON parser's complaints, as data: English keeps the parser's own words (the command line's output
 * is pinned to them), the other languages word the kinds a damaged file gives (a file cut short, a character or
 * word out of place, a close marker that closes nothing, a key given twice) and fall back to the parser's words.
 *
 * <p>Every key {@code read.parser.*} takes the parser's words, cleaned of internals, as {0}.
 */
final class ParserWords {
    private static final Pattern CUT = Pattern.compile(
            "^Unexpected end-of-input.*?\\(it was opened at line (\\d+), column (\\d+)\\)");
    /** Complaints that name one thing out of place, each with its key. */
    private static final List<Kind> KINDS = List.of(
            new Kind(Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\)"),
                    "read.parser.character"),
            new Kind(Pattern.compile("^Unexpected close marker '(.)'"), "read.parser.close"),
            new Kind(Pattern.compile("^Unrecognized token '(.*?)'"), "read.parser.token"),
            new Kind(Pattern.compile("^Duplicate (?:field|Object property) '(.*?)'"), "read.parser.duplicate"));

    private record Kind(Pattern pattern, String key) {
    }

    private ParserWords() {
    }

    /** The parser's complaint {@code words} (already without internals) as a sentence of its kind. */
    static Sentence gist(String words) {
        Matcher m = CUT.matcher(words);
        if (m.find()) {
            return Sentence.of("read.parser.cut", words, m.group(1), m.group(2));
        }
        if (words.startsWith("Unexpected end-of-input")) {
            return Sentence.of("read.parser.end", words);
        }
        for (Kind kind : KINDS) {
            m = kind.pattern().matcher(words);
            if (m.find()) {
                return Sentence.of(kind.key(), words, m.group(1));
            }
        }
        return Sentence.of("read.parser.other", words);
    }
}
