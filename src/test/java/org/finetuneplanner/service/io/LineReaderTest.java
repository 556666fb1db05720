package org.finetuneplanner.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> read(byte[] bytes, int max) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes), max)) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<LineReader.Line> read(String text, int max) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void splitsOnLfAndCrLfWithOrWithoutAFinalNewline() throws IOException {
        assertEquals(List.of(new LineReader.Line(1, "a", 1), new LineReader.Line(2, "bb", 2),
                new LineReader.Line(3, "", 0), new LineReader.Line(4, "cé", 2)), read("a\r\nbb\n\ncé", 100));
        assertEquals(List.of(new LineReader.Line(1, "a", 1)), read("a\n", 100));
        assertEquals(List.of(), read("", 100));
    }

    @Test
    void aLineOverTheLimitIsSkippedToItsEndAndTheNextIsRead() throws IOException {
        String longLine = "x".repeat(200_000);
        List<LineReader.Line> lines = read("ok\n" + longLine + "\nafter", 1000);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).tooLong());
        assertNull(lines.get(1).text());
        assertEquals(200_000, lines.get(1).length());
        assertEquals("after", lines.get(2).text());
        assertEquals(3, lines.get(2).number());
    }

    /**
     * A line that is not UTF-8 is refused, not repaired: its text is null and it names the offset of the first bad
     * byte from the start of the input. Here "ok\n" is bytes 0–2, "é" (C3 A9) bytes 3–4, the lone C3 (a lead byte
     * followed by '(' instead of a continuation byte) byte 5. The line after it is read as usual.
     */
    @Test
    void aLineThatIsNotUtf8IsRefusedNamingTheOffsetOfItsFirstBadByte() throws IOException {
        List<LineReader.Line> lines = read(new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0xA9, (byte) 0xC3, '(', '\n',
            'b', (byte) 0xFF, '\r', '\n', 'c'}, 100);
        assertEquals(new LineReader.Line(1, "ok", 2), lines.get(0));
        assertTrue(lines.get(1).notUtf8());
        assertFalse(lines.get(1).tooLong());
        assertNull(lines.get(1).text());
        assertEquals(5, lines.get(1).invalidByte());
        assertEquals(9, lines.get(2).invalidByte(), "'b' is byte 8, 0xFF byte 9");
        assertEquals(new LineReader.Line(4, "c", 1), lines.get(3));
    }

    /** Bytes, not characters, count against the limit: 3 two-byte characters are 6 bytes. */
    @Test
    void theLimitIsInBytes() throws IOException {
        assertTrue(read("ééé\nab", 5).get(0).tooLong());
        assertEquals(new LineReader.Line(1, "éé", 2), read("éé\r\n", 4).get(0), "CR LF is not part of the line");
    }
    /**
     * The hook runs when the reader is about to wait for input, i.e. after the bytes ready so far are used up: a
     * pipe that delivers one line at a time triggers it before each further line, a file only at its end.
     */
    @Test
    void beforeWaitRunsOnlyWhenNoInputIsReady() throws IOException {
        List<String> events = new ArrayList<>();
        InputStream pipe = new InputStream() {
            private final byte[][] chunks = {"a\n".getBytes(StandardCharsets.UTF_8),
                "b\nc\n".getBytes(StandardCharsets.UTF_8)};
            private int chunk;

            @Override
            public int read() {
                throw new UnsupportedOperationException("the reader reads blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (chunk == chunks.length) {
                    events.add("eof");
                    return -1;
                }
                byte[] next = chunks[chunk++];
                System.arraycopy(next, 0, b, off, next.length);
                events.add("read " + next.length);
                return next.length;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        try (LineReader reader = new LineReader(pipe, 100, () -> events.add("wait"))) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                events.add(line.text());
            }
        }
        assertEquals(List.of("wait", "read 2", "a", "wait", "read 4", "b", "c", "wait", "eof"), events);

        List<String> fromFile = new ArrayList<>();
        try (LineReader reader = new LineReader(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)),
                100, () -> fromFile.add("wait"))) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                fromFile.add(line.text());
            }
        }
        assertEquals(List.of("a", "b", "wait"), fromFile, "all bytes ready: no wait until the end");
    }
}
