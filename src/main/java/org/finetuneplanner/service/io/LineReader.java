package org.finetuneplanner.service.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 text line by line (LF or CRLF) with a bound on the line length, so that one hostile line of a JSON
 * Lines file cannot exhaust memory: an over-long line is skipped to its end and reported as such. Malformed UTF-8
 * becomes U+FFFD rather than an exception. Not thread-safe.
 */
public final class LineReader implements Closeable {

    /** One line of input. {@code text} is null when the line was longer than the limit. */
    public record Line(long number, String text, long length) {
        public boolean tooLong() {
            return text == null;
        }
    }

    private final Reader reader;
    private final int maxChars;
    private final Runnable beforeWait;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long number;
    private boolean eof;

    /**
     * @param in       the input (closed by {@link #close()})
     * @param maxChars the longest line kept, in characters
     */
    public LineReader(InputStream in, int maxChars) {
        this(in, maxChars, () -> { });
    }

    /**
     * @param in         the input (closed by {@link #close()})
     * @param maxChars   the longest line kept, in characters
     * @param beforeWait run before a read that would block, i.e. when no input is ready (decoded or available
     *                   from {@code in}); runs on the reading thread
     */
    public LineReader(InputStream in, int maxChars, Runnable beforeWait) {
        this.beforeWait = beforeWait;
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at the end of the input. */
    public Line next() throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
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
            length += chunk;
            if (length <= maxChars) {
                line.append(buffer, start, chunk);
            }
            if (position < limit) {
                position++;
                break;
            }
        }
        number++;
        if (length > maxChars) {
            return new Line(number, null, length);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
            length--;
        }
        return new Line(number, line.toString(), length);
    }

    private boolean fill() throws IOException {
        if (!reader.ready()) {
            beforeWait.run();
        }
        int n = reader.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = n < 0;
            position = 0;
            limit = 0;
            return !eof && fill();
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
