package org.finetuneplanner.service.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.finetuneplanner.service.io.AtomicFiles;

/**
 * The bytes of what the app hands to other programs, and their writing: a table as CSV, a picture as PNG, any of
 * them (an SVG too) written atomically. No JavaFX: the app gives pixels and text, this gives files.
 */
public final class ExportFiles {
    /** The UTF-8 byte order mark: spreadsheets (Excel) read a CSV without it in the system's legacy code page. */
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ExportFiles() {
    }

    /**
     * A table as CSV (RFC 4180): fields separated by commas, lines ended by CR LF, a field quoted (its quotes
     * doubled) when it holds a comma, a quote or a line break; UTF-8 with a byte order mark, so that Vietnamese
     * words open right in a spreadsheet. Pure.
     *
     * @param rows the header first, then the rows; every row as many fields as the header
     */
    public static byte[] csv(List<List<String>> rows) {
        StringBuilder b = new StringBuilder(rows.size() * 128);
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(field(row.get(i)));
            }
            b.append("\r\n");
        }
        byte[] text = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    private static String field(String value) {
        String v = value == null ? "" : value;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /**
     * Pixels as a PNG image. Pure (in memory).
     *
     * @param argb {@code width × height} pixels, row by row, as ARGB ints
     */
    public static byte[] png(int width, int height, int[] argb) {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("an image of " + width + " × " + height + " needs that many pixels, not "
                    + argb.length);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code bytes} to {@code target} atomically (a link there is followed and kept, as for the app's other
     * files the user names).
     *
     * @throws IOException with a one-line message naming the file and the reason; a previous file stays whole
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, AtomicFiles.Links.FOLLOW, out -> out.write(bytes));
    }
}
