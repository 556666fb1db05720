package org.finetuneplanner.service.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The shipped DejaVu Sans fonts (Bitstream Vera licence, see {@code fonts/LICENSE-DejaVu.txt}): they cover
 * Vietnamese. The font files are read once per JVM; each document embeds its own subset.
 */
final class ReportFonts {
    private static final String REGULAR = "/fonts/DejaVuSans.ttf";
    private static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    private final PDFont regular;
    private final PDFont bold;
    private final Map<Integer, Boolean> regularGlyphs = new HashMap<>();
    private final Map<Integer, Boolean> boldGlyphs = new HashMap<>();

    private ReportFonts(PDFont regular, PDFont bold) {
        this.regular = regular;
        this.bold = bold;
    }

    /** Loads both fonts into {@code doc}, to be embedded as subsets when the document is saved. */
    static ReportFonts load(PDDocument doc) throws IOException {
        return new ReportFonts(
                PDType0Font.load(doc, new RandomAccessReadBuffer(Files.REGULAR_BYTES), true, false),
                PDType0Font.load(doc, new RandomAccessReadBuffer(Files.BOLD_BYTES), true, false));
    }

    PDFont regular() {
        return regular;
    }

    PDFont bold() {
        return bold;
    }

    /** The AWT face of the regular font (for charts), at size 1. */
    static Font awtRegular() {
        return Files.AWT_REGULAR;
    }

    /** The AWT face of the bold font (for charts), at size 1. */
    static Font awtBold() {
        return Files.AWT_BOLD;
    }

    private final Map<Integer, Float> regularWidths = new HashMap<>();
    private final Map<Integer, Float> boldWidths = new HashMap<>();

    /**
     * The advance width of printable {@code text} in 1/1000 em, as {@link PDFont#getStringWidth} computes it (the
     * sum of the glyphs' widths; PDFBox applies no kerning), from a per-character cache: the layout measures every
     * candidate line while wrapping, and the same few hundred characters come back thousands of times.
     */
    float width(String text, PDFont font) throws IOException {
        Map<Integer, Float> cache = font == bold ? boldWidths : regularWidths;
        float sum = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Float w = cache.get(cp);
            if (w == null) {
                w = font.getStringWidth(new String(Character.toChars(cp)));
                cache.put(cp, w);
            }
            sum += w;
            i += Character.charCount(cp);
        }
        return sum;
    }

    /**
     * {@code text} with every character the font cannot draw replaced by "?", and control characters by spaces:
     * a user's odd character in a name must not stop the report.
     */
    String printable(String text, PDFont font) {
        Map<Integer, Boolean> known = font == bold ? boldGlyphs : regularGlyphs;
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(' ');
            } else if (known.computeIfAbsent(cp, c -> canEncode(font, c))) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** PDFBox's Type 0 fonts throw on encoding a character their font has no glyph for. */
    private static boolean canEncode(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The font files, read once. */
    private static final class Files {
        static final byte[] REGULAR_BYTES = read(REGULAR);
        static final byte[] BOLD_BYTES = read(BOLD);
        static final Font AWT_REGULAR = awt(REGULAR_BYTES);
        static final Font AWT_BOLD = awt(BOLD_BYTES);

        private static byte[] read(String resource) {
            try (InputStream in = ReportFonts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("font " + resource + " is missing from the application");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Font awt(byte[] bytes) {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("the shipped font cannot be read", e);
            }
        }
    }
}
