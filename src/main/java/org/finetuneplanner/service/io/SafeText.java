package org.finetuneplanner.service.io;

/**
 * User-supplied text (a scenario's name, a file name, a case id) made harmless where it is shown: control
 * characters could move a terminal's cursor, set its title or colours (ESC sequences, BEL, CR, backspace), and
 * bidirectional controls could reorder what a reader sees. They are shown escaped on terminals ({@link #escape})
 * and removed from document metadata ({@link #strip}).
 *
 * <p>The characters treated: C0 (U+0000–U+001F, tab and line feed included: a name or an error line is one line),
 * DEL (U+007F), C1 (U+0080–U+009F), the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and marks (U+200E, U+200F, U+061C). Everything else, accents and other scripts included, is kept.
 * JSON output needs none of this: its writer escapes control characters itself.
 */
public final class SafeText {

    private SafeText() {
    }

    /** Whether a code point is one of those treated here. */
    public static boolean isUnsafe(int codePoint) {
        return codePoint < 0x20 || codePoint >= 0x7F && codePoint <= 0x9F
                || codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069
                || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C;
    }

    /**
     * The text for a terminal: each treated character written as an escape ({@code \t}, {@code \n}, {@code \r},
     * {@code \e}, {@code \a}, {@code \b}, otherwise {@code \}{@code uXXXX}); other text unchanged.
     */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case 0x1B -> b.append("\\e");
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                default -> b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    /** The text for document metadata: tab, line and page breaks become a space, the other treated ones go. */
    public static String strip(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\t' && c <= '\r') {
                b.append(' ');
            } else if (!isUnsafe(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@code text} cut to at most {@code max} code points (max &gt; 0), the last an ellipsis "…" when cut; never
     * between the halves of a surrogate pair; linear in the cut, not in {@code text} (a value may be a megabyte).
     */
    public static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = 0;
        int end = 0;
        for (int n = 0; end < text.length(); n++) {
            if (n == max - 1) {
                cut = end;
            } else if (n == max) {
                return text.substring(0, cut) + "…";
            }
            end += Character.charCount(text.codePointAt(end));
        }
        return text;
    }

    /** All treated characters are in the Basic Multilingual Plane, so scanning chars finds every one. */
    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
