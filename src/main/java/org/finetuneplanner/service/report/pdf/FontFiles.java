package org.finetuneplanner.service.report.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Font files as the report embeds them: the shipped DejaVu Sans read once per process, and any TrueType file or
 * collection with its glyph substitution table ({@code GSUB}) renamed so nothing applies it. PDFBox 3 applies a
 * font's Latin ligatures when it writes text: "fi" became the single glyph "ﬁ", so a search for "fine-tuning" no
 * longer found the word and a copy gave "ﬁne". Without the table every character is its own glyph; the report
 * needs no substitution (Vietnamese letters are precomposed in Unicode and in DejaVu).
 */
final class FontFiles {
    /** The shipped regular face (Bitstream Vera licence, see {@code fonts/LICENSE-DejaVu.txt}). */
    static final String REGULAR = "/fonts/DejaVuSans.ttf";
    /** The shipped bold face. */
    static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    private static final int TTC = 0x74746366;       // "ttcf"
    private static final int GSUB = 0x47535542;      // "GSUB"
    private static final int UNUSED = 0x67737562;    // "gsub": a tag no reader looks for

    private FontFiles() {
    }

    /** The regular face, as embedded (read and patched once). */
    static byte[] regular() {
        return Shipped.REGULAR_BYTES;
    }

    /** The bold face, as embedded (read and patched once). */
    static byte[] bold() {
        return Shipped.BOLD_BYTES;
    }

    /** The shipped faces exactly as shipped, for the charts' AWT fonts (which only measure). */
    static byte[] shipped(String resource) {
        return resource.equals(REGULAR) ? Shipped.REGULAR_FILE : Shipped.BOLD_FILE;
    }

    /**
     * {@code font} (a TrueType file or collection) with every {@code GSUB} table renamed; the same array, changed
     * in place. A file too short to have a table directory is returned as it is.
     */
    static byte[] withoutSubstitution(byte[] font) {
        ByteBuffer b = ByteBuffer.wrap(font);
        if (font.length < 12) {
            return font;
        }
        if (b.getInt(0) == TTC) {
            int fonts = b.getInt(8);
            for (int i = 0; i < fonts && 12 + 4 * i + 4 <= font.length; i++) {
                rename(b, b.getInt(12 + 4 * i));
            }
        } else {
            rename(b, 0);
        }
        return font;
    }

    /** Renames GSUB in the table directory of the font starting at {@code offset}. */
    private static void rename(ByteBuffer b, int offset) {
        if (offset < 0 || offset + 12 > b.capacity()) {
            return;
        }
        int tables = b.getShort(offset + 4) & 0xffff;
        for (int t = 0; t < tables; t++) {
            int entry = offset + 12 + 16 * t;
            if (entry + 16 > b.capacity()) {
                return;
            }
            if (b.getInt(entry) == GSUB) {
                b.putInt(entry, UNUSED);
            }
        }
    }

    /** The shipped files, read once. */
    private static final class Shipped {
        static final byte[] REGULAR_FILE = read(REGULAR);
        static final byte[] BOLD_FILE = read(BOLD);
        static final byte[] REGULAR_BYTES = withoutSubstitution(REGULAR_FILE.clone());
        static final byte[] BOLD_BYTES = withoutSubstitution(BOLD_FILE.clone());

        private static byte[] read(String resource) {
            try (InputStream in = FontFiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("font " + resource + " is missing from the application");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
