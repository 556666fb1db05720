package org.finetuneplanner.service.report.pdf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of one document: the shipped DejaVu Sans (regular and bold, embedded as subsets, no ligatures), and for
 * characters it lacks a font installed on this computer that has them ({@link SystemFonts}). A character no font
 * has is drawn as {@link #MISSING} and listed by {@link #missing()}, so the report can say which ones could not be
 * shown. Widths are read from the fonts' metrics once per character. Not thread-safe: one per document, closed
 * after the document is saved.
 */
final class PdfFonts implements Closeable {
    /** Drawn for a character no font has: a white square. */
    static final int MISSING = 0x25A1;

    private final PDDocument doc;
    private final Face regular;
    private final Face bold;
    private final Map<Integer, Face> fallback = new HashMap<>();
    private final Set<Integer> missing = new TreeSet<>();
    private final List<Closeable> open = new ArrayList<>();

    /** One font: the PDF font, its character map and its advance widths in 1/1000 em. */
    static final class Face {
        private final PDType0Font font;
        private final CmapLookup cmap;
        private final TrueTypeFont ttf;
        private final float scale;
        private final Map<Integer, Float> widths = new HashMap<>();

        Face(PDType0Font font, TrueTypeFont ttf) throws IOException {
            this.font = font;
            this.ttf = ttf;
            this.cmap = ttf.getUnicodeCmapLookup(false);
            this.scale = 1000f / ttf.getUnitsPerEm();
        }

        PDFont font() {
            return font;
        }

        /** The advance of {@code cp} in 1/1000 em, or NaN when the font has no glyph for it. */
        float advance(int cp) {
            Float w = widths.get(cp);
            if (w == null) {
                int gid = cmap.getGlyphId(cp);
                try {
                    w = gid > 0 ? ttf.getAdvanceWidth(gid) * scale : Float.NaN;
                } catch (IOException e) {
                    w = Float.NaN;
                }
                widths.put(cp, w);
            }
            return w;
        }

        boolean has(int cp) {
            return !Float.isNaN(advance(cp));
        }
    }

    private PdfFonts(PDDocument doc, Face regular, Face bold) {
        this.doc = doc;
        this.regular = regular;
        this.bold = bold;
    }

    /** The shipped fonts, loaded into {@code doc}. */
    static PdfFonts load(PDDocument doc) throws IOException {
        return new PdfFonts(doc, shipped(doc, FontFiles.regular()), shipped(doc, FontFiles.bold()));
    }

    private static Face shipped(PDDocument doc, byte[] bytes) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        return new Face(PDType0Font.load(doc, ttf, true), ttf);
    }

    PDFont regular() {
        return regular.font();
    }

    PDFont bold() {
        return bold.font();
    }

    /**
     * Makes the document's characters drawable: for those DejaVu lacks, looks for installed fonts that have them
     * and loads those into the document; the rest are {@link #missing()}. Call once, before drawing, with every
     * character the document shows.
     */
    void cover(Set<Integer> codePoints) {
        Set<Integer> lacking = new TreeSet<>();
        for (int cp : codePoints) {
            if (!regular.has(cp) || !bold.has(cp)) {
                lacking.add(cp);
            }
        }
        if (lacking.isEmpty()) {
            return;
        }
        for (Map.Entry<Path, Set<Integer>> e : SystemFonts.covering(lacking).entrySet()) {
            try {
                Face face = load(e.getKey());
                for (int cp : e.getValue()) {
                    if (face.has(cp)) {
                        fallback.put(cp, face);
                    }
                }
            } catch (IOException | RuntimeException ex) {
                // A font that cannot be embedded after all: its characters are reported as missing below.
            }
        }
        for (int cp : lacking) {
            if (!regular.has(cp) && !fallback.containsKey(cp)) {
                missing.add(cp);
            }
        }
    }

    /** An installed font, loaded into the document without its substitutions. */
    private Face load(Path file) throws IOException {
        byte[] bytes = FontFiles.withoutSubstitution(Files.readAllBytes(file));
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection ttc = new TrueTypeCollection(new java.io.ByteArrayInputStream(bytes));
            open.add(ttc);
            TrueTypeFont[] first = new TrueTypeFont[1];
            ttc.processAllFonts(f -> {
                if (first[0] == null && SystemFonts.embeddable(f)) {
                    first[0] = f;
                }
            });
            if (first[0] == null) {
                throw new IOException(file + ": no embeddable font");
            }
            return new Face(PDType0Font.load(doc, first[0], true), first[0]);
        }
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        open.add(ttf);
        return new Face(PDType0Font.load(doc, ttf, true), ttf);
    }

    /** The face that draws {@code cp}: the shipped one, else an installed one; null when none has it. */
    Face face(int cp, boolean boldText) {
        Face shipped = boldText ? bold : regular;
        if (shipped.has(cp)) {
            return shipped;
        }
        Face other = fallback.get(cp);
        if (other != null) {
            return other;
        }
        return boldText && regular.has(cp) ? regular : null;
    }

    /** The advance of {@code cp} in 1/1000 em as drawn ({@link #MISSING}'s when no font has it). */
    float advance(int cp, boolean boldText) {
        Face f = face(cp, boldText);
        return f == null ? (boldText ? bold : regular).advance(MISSING) : f.advance(cp);
    }

    /** Characters no font could draw, shown as {@link #MISSING}. */
    Set<Integer> missing() {
        return Set.copyOf(missing);
    }

    Face shippedFace(boolean boldText) {
        return boldText ? bold : regular;
    }

    @Override
    public void close() throws IOException {
        for (Closeable c : open) {
            c.close();
        }
        open.clear();
    }
}
