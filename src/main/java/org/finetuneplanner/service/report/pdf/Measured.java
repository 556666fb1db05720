package org.finetuneplanner.service.report.pdf;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.content.Span;
import org.finetuneplanner.service.report.content.Text;

/**
 * A text prepared for one face and size: its characters as they will be drawn, whose words each is (its span's
 * kind) and where each starts on a line (the running sum of the advances, measured once). Lines are cut from it in
 * linear time: a greedy pass over the characters, a binary search over the running sums where a word longer than
 * the line must be broken, and for a capped paragraph the last line shortened with an ellipsis by one more binary
 * search. A 100,000-character name costs one pass, never a measurement per candidate cut.
 *
 * <p>Breaks: at a space (U+0020) only, so a no-break space holds a number to its unit ("76,82 US$"); inside a
 * citation also after a slash (long web addresses); a word wider than the line is broken where it must be. A
 * figure ({@code breakable = false}) is never broken at a space. Line feeds end a line.
 */
final class Measured {
    private static final int ELLIPSIS = '…';
    private static final int NBSP = '\u00a0';

    private final int[] cps;
    private final Span.Kind[] kinds;
    private final float[] x;
    private final int n;
    private final float ellipsis;

    private Measured(int[] cps, Span.Kind[] kinds, float[] x, int n, float ellipsis) {
        this.cps = cps;
        this.kinds = kinds;
        this.x = x;
        this.n = n;
        this.ellipsis = ellipsis;
    }

    /**
     * A line: its pieces by kind, and its width in points.
     *
     * @param frags the pieces, left to right
     * @param width the drawn width
     */
    record Line(List<Frag> frags, float width) {
    }

    /**
     * A piece of a line in one span's kind.
     *
     * @param text the characters as drawn
     * @param kind whose words they are
     */
    record Frag(String text, Span.Kind kind) {
    }

    /**
     * Prepares {@code text}: composed (NFC), control and direction characters dropped (a tab becomes a space),
     * joiners and variation selectors dropped, a character no font has replaced by {@link PdfFonts#MISSING}.
     */
    static Measured of(Text text, PdfFonts fonts, boolean bold, float size) {
        int capacity = 0;
        for (Span s : text.spans()) {
            capacity += s.text().length();
        }
        int[] cps = new int[capacity];
        Span.Kind[] kinds = new Span.Kind[capacity];
        int n = 0;
        for (Span s : text.spans()) {
            String t = Normalizer.isNormalized(s.text(), Normalizer.Form.NFC) ? s.text()
                    : Normalizer.normalize(s.text(), Normalizer.Form.NFC);
            for (int i = 0; i < t.length(); ) {
                int cp = t.codePointAt(i);
                i += Character.charCount(cp);
                int drawn = drawn(cp, fonts, bold);
                if (drawn < 0) {
                    continue;
                }
                if (n == cps.length) {
                    cps = java.util.Arrays.copyOf(cps, n * 2 + 1);
                    kinds = java.util.Arrays.copyOf(kinds, cps.length);
                }
                cps[n] = drawn;
                kinds[n] = s.kind();
                n++;
            }
        }
        float[] x = new float[n + 1];
        float scale = size / 1000f;
        for (int i = 0; i < n; i++) {
            x[i + 1] = x[i] + (cps[i] == '\n' ? 0 : fonts.advance(cps[i], bold) * scale);
        }
        return new Measured(cps, kinds, x, n, fonts.advance(ELLIPSIS, bold) * scale);
    }

    /** The code point to draw for {@code cp}, or −1 for one that draws nothing. */
    private static int drawn(int cp, PdfFonts fonts, boolean bold) {
        if (cp == '\n') {
            return cp;
        }
        if (SafeText.isUnsafe(cp)) {
            return cp == '\t' || cp == '\r' ? ' ' : -1;
        }
        if (Character.getType(cp) == Character.FORMAT || cp >= 0xFE00 && cp <= 0xFE0F
                || cp >= 0xE0100 && cp <= 0xE01EF) {
            return -1;
        }
        return fonts.face(cp, bold) == null ? PdfFonts.MISSING : cp;
    }

    /** The width of the whole text on one line, in points. */
    float width() {
        return x[n];
    }

    /** The widest run that may not be broken (for a figure, each of its lines whole), in points. */
    float widestUnbreakable(boolean breakable) {
        float widest = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || breakable && cps[i] == ' ' || cps[i] == '\n') {
                widest = Math.max(widest, x[i] - x[start]);
                start = i + 1;
            }
        }
        return widest;
    }

    /**
     * The widest piece of a figure between the places where it may break when it is wider than its line: after a
     * space that follows no digit (so "41,2 giờ" stays whole) and after an en dash ("782.839–" | "1.382.179"), in
     * points. Each piece holds whole numbers, so a column this wide never cuts a number.
     */
    float widestFigurePiece() {
        float widest = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || cps[i] == '\n' || figureSpace(i)) {
                widest = Math.max(widest, x[i] - x[start]);
                start = i + 1;
            } else if (cps[i] == '\u2013') {
                widest = Math.max(widest, x[i + 1] - x[start]);
                start = i + 1;
            }
        }
        return widest;
    }

    /** Whether a figure may break at the space at {@code i}: one that follows no digit. */
    private boolean figureSpace(int i) {
        return cps[i] == ' ' && i > 0 && !Character.isDigit(cps[i - 1]);
    }

    /**
     * The text cut into lines no wider than {@code max} points, at most {@code maxLines} of them, the last of a
     * capped text ending with an ellipsis.
     *
     * @param breakable false for a figure: broken only when it is wider than the line, then after a space that
     *                  follows no digit or after an en dash before a number is cut
     */
    List<Line> lines(float max, int maxLines, boolean breakable) {
        List<Line> out = new ArrayList<>();
        int start = skipSpaces(0);
        int lastEnd = -1;
        int lastNext = -1;
        int i = start;
        while (i < n) {
            int cp = cps[i];
            if (cp == '\n') {
                if (emit(out, start, i, max, maxLines)) {
                    return out;
                }
                start = skipSpaces(i + 1);
                i = start;
                lastEnd = -1;
                continue;
            }
            if (breakable && cp == ' ') {
                lastEnd = i;
                i = skipSpaces(i);
                lastNext = i;
                continue;
            }
            if (!breakable && figureSpace(i) && i > start) {
                lastEnd = i;
                lastNext = i + 1;
            }
            if (x[i + 1] - x[start] > max && i > start) {
                int end;
                int next;
                if (lastEnd > start) {
                    end = lastEnd;
                    next = lastNext;
                } else {
                    end = cut(start, i, max);
                    next = end;
                }
                if (emit(out, start, end, max, maxLines)) {
                    return out;
                }
                start = next;
                lastEnd = -1;
                continue;
            }
            if (breakable && cp == '/' && kinds[i] == Span.Kind.CITATION || !breakable && cp == '\u2013') {
                lastEnd = i + 1;
                lastNext = i + 1;
            }
            i++;
        }
        if (start < n) {
            out.add(line(start, trimEnd(start, n)));
        }
        return out;
    }

    /** One line shortened with an ellipsis when it is wider than {@code max}. */
    Line fit(float max) {
        List<Line> one = lines(max, 1, true);
        return one.isEmpty() ? new Line(List.of(), 0) : one.get(0);
    }

    /**
     * Adds the line [start, end) and says whether to stop: when it is the last allowed line, it becomes the rest
     * of the text shortened with an ellipsis.
     */
    private boolean emit(List<Line> out, int start, int end, float max, int maxLines) {
        if (out.size() + 1 < maxLines) {
            out.add(line(start, trimEnd(start, end)));
            return false;
        }
        int limit = start;
        while (limit < n && cps[limit] != '\n') {
            limit++;
        }
        int lo = start;
        int hi = limit;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (x[mid] - x[start] <= max - ellipsis) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int k = trimEnd(start, lo);
        Line cut = line(start, k);
        List<Frag> frags = new ArrayList<>(cut.frags());
        Span.Kind kind = k > start ? kinds[k - 1] : Span.Kind.WORDS;
        frags.add(new Frag("…", kind));
        out.add(new Line(frags, cut.width() + ellipsis));
        return true;
    }

    /**
     * The largest end in (start, i] whose line still fits, at least one character; where the fitting part holds a
     * no-break space, just after it, so "76,82 US$" too wide for its line breaks before "US$", not inside it.
     */
    private int cut(int start, int i, float max) {
        int lo = start + 1;
        int hi = i;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (x[mid] - x[start] <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        for (int k = lo; k > start + 1; k--) {
            if (cps[k - 1] == NBSP) {
                return k;
            }
        }
        return lo;
    }

    private int skipSpaces(int i) {
        while (i < n && cps[i] == ' ') {
            i++;
        }
        return i;
    }

    private int trimEnd(int start, int end) {
        while (end > start && (cps[end - 1] == ' ' || cps[end - 1] == '\n' || cps[end - 1] == NBSP)) {
            end--;
        }
        return end;
    }

    private Line line(int start, int end) {
        List<Frag> frags = new ArrayList<>(2);
        int from = start;
        for (int i = start + 1; i <= end; i++) {
            if (i == end || kinds[i] != kinds[from]) {
                frags.add(new Frag(new String(cps, from, i - from), kinds[from]));
                from = i;
            }
        }
        return new Line(frags, end > start ? x[end] - x[start] : 0);
    }
}
