package org.finetuneplanner.service.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads UTF-8 text line by line (LF or CRLF) with a bound on the line length in bytes, so that one hostile line of a
 * JSON Lines file cannot exhaust memory: an over-long line is skipped to its end and reported as such. A line that is
 * not UTF-8 is reported as such too, with the byte offset of its first invalid byte ({@link SafeJson#notUtf8}, the
 * same words as for a single file); the lines after it are read as usual. Not thread-safe.
 */
public final class LineReader implements Closeable {

    /**
     * One line of input.
     *
     * @param number       line number, from 1
     * @param text         the line without its terminator; null when it was longer than the limit or not UTF-8
     * @param length       its length in characters (in bytes when it was too long or is not UTF-8)
     * @param invalidByte  the offset from the start of the input of the line's first byte that is not UTF-8, or -1
     */
    public record Line(long number, String text, long length, long invalidByte) {

        /** A line that was read. */
        public Line(long number, String text, long length) {
            this(number, text, length, -1);
        }

        /** Whether the line was longer than the limit (its text was skipped). */
        public boolean tooLong() {
            return text == null && invalidByte < 0;
        }

        /** Whether the line is not UTF-8 ({@link #invalidByte()} says where). */
        public boolean notUtf8() {
            return invalidByte >= 0;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final Runnable beforeWait;
    private final byte[] buffer = new byte[64 * 1024];
    private byte[] line = new byte[1024];
    private int position;
    private int limit;
    private long number;
    /** Offset from the start of the input of {@code buffer[0]}. */
    private long bufferStart;
    private boolean eof;

    /**
     * @param in       the input (closed by {@link #close()})
     * @param maxBytes the longest line kept, in bytes (without its terminator)
     */
    public LineReader(InputStream in, int maxBytes) {
        this(in, maxBytes, () -> { });
    }

    /**
     * @param in         the input (closed by {@link #close()})
     * @param maxBytes   the longest line kept, in bytes (without its terminator)
     * @param beforeWait run before a read that would block, i.e. when no input is ready (buffered or available
     *                   from {@code in}); runs on the reading thread
     */
    public LineReader(InputStream in, int maxBytes, Runnable beforeWait) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.beforeWait = beforeWait;
    }

    /** The next line without its terminator, or null at the end of the input. */
    public Line next() throws IOException {
        int kept = 0;
        long bytes = 0;
        long lineStart = bufferStart + position;
        boolean sawAny = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            bytes += chunk;
            if (bytes <= maxBytes + 1L) {
                if (kept + chunk > line.length) {
                    line = Arrays.copyOf(line, (int) Math.min(maxBytes + 1L, Math.max(2L * line.length, kept + chunk)));
                }
                System.arraycopy(buffer, start, line, kept, chunk);
                kept += chunk;
            }
            if (position < limit) {
                position++;
                break;
            }
        }
        number++;
        if (kept == bytes && kept > 0 && line[kept - 1] == '\r') {
            kept--;
            bytes--;
        }
        if (bytes > maxBytes) {
            return new Line(number, null, bytes);
        }
        SafeJson.Decoded decoded = SafeJson.decode(line, 0, kept);
        if (decoded.text() == null) {
            return new Line(number, null, kept, lineStart + decoded.invalidAt());
        }
        return new Line(number, decoded.text(), decoded.text().length());
    }

    private boolean fill() throws IOException {
        bufferStart += limit;
        if (in.available() <= 0) {
            beforeWait.run();
        }
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        return n > 0 || fill();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
