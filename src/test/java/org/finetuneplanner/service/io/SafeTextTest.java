package org.finetuneplanner.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    /** What the probe put in a scenario name: OSC set-title, BEL, an ANSI colour, CR, backspace, RLO. */
    private static final String HOSTILE = "a\u001B]0;pwned\u0007b\u001B[31mc\rd\be\u202Ef";

    @Test
    void terminalTextShowsEveryControlAsAVisibleEscape() {
        assertEquals("a\\e]0;pwned\\ab\\e[31mc\\rd\\be\\u202Ef", SafeText.escape(HOSTILE));
        assertEquals("tab\\there\\nnext", SafeText.escape("tab\there\nnext"));
        assertEquals("\\u0000\\u007F\\u0080\\u009B\\u000B", SafeText.escape("\u0000\u007F\u0080\u009B\u000B"));
    }

    @Test
    void everyBidirectionalControlIsEscaped() {
        int[] controls = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
            0x061C};
        for (int c : controls) {
            String escaped = SafeText.escape("x" + (char) c + "y");
            assertEquals(String.format("x\\u%04Xy", c), escaped);
        }
        // Neighbours of the ranges are ordinary text: zero-width joiner, the narrow no-break space, word joiner.
        for (char c : new char[] {'\u200D', '\u202F', '\u2060', '\u2065', '\u206A', '\u00A0'}) {
            assertFalse(SafeText.isUnsafe(c), Integer.toHexString(c));
        }
    }

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "Kế hoạch tinh chỉnh — 8×H100, 𝔘 \\ \"q\" ü 日本";
        assertSame(text, SafeText.escape(text));
        assertSame(text, SafeText.strip(text));
    }

    @Test
    void metadataLosesTheControlsAndKeepsWordsApart() {
        assertEquals("a]0;pwnedb[31mc def", SafeText.strip(HOSTILE));
        assertEquals("two words", SafeText.strip("two\nwords"));
        String stripped = SafeText.strip("\u2066x\u2069\u200F\u0085");
        assertEquals("x", stripped);
        assertTrue(stripped.codePoints().noneMatch(SafeText::isUnsafe));
    }

    @Test
    void shortenKeepsAtMostMaxCodePointsAndNeverSplitsAPair() {
        assertSame("abc", SafeText.shorten("abc", 3));
        // 5 code points over 4: the first 3 and the ellipsis.
        assertEquals("abc…", SafeText.shorten("abcde", 4));
        // "𝔘" is two chars (a surrogate pair): 3 of them are 6 chars but 3 code points, within a max of 3...
        assertEquals("𝔘𝔘𝔘", SafeText.shorten("𝔘𝔘𝔘", 3));
        // ...and 4 of them over 3 keep 2 whole pairs, where a cut by chars (substring(0, 3)) would leave half a pair.
        String cut = SafeText.shorten("𝔘𝔘𝔘𝔘", 3);
        assertEquals("𝔘𝔘…", cut);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)));
    }
}
