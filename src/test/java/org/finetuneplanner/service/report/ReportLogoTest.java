package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a logo file: never more than {@link ReportLogo#MAX_BYTES} bytes from any file, only regular files, and
 * a PNG or JPEG only when its header states at most {@link ReportLogo#MAX_PIXELS} pixels. Each refusal is one line
 * naming the file and the reason, and comes at once (the loose time bounds only catch a read that never ends).
 */
class ReportLogoTest {
    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static ReportException refused(Path file) {
        ReportException e = assertTimeoutPreemptively(AT_ONCE,
                () -> assertThrows(ReportException.class, () -> ReportLogo.read(file)));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) || e.getMessage().contains(
                String.valueOf(file.getFileName())), e.getMessage());
        return e;
    }

    /** A PNG of the signature, an IHDR chunk stating {@code width × height} (8-bit RGB), no pixel data and IEND. */
    static byte[] pngHeader(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) width).putInt((int) height).put(new byte[] {8, 2, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4 + 12)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xae426082).array();
    }

    /** A JPEG of SOI, a JFIF APP0 segment and a baseline frame header (SOF0) stating {@code width × height}. */
    static byte[] jpegHeader(int width, int height) {
        return ByteBuffer.allocate(2 + 18 + 19)
                .put(new byte[] {(byte) 0xff, (byte) 0xd8})
                .put(new byte[] {(byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0})
                .put(new byte[] {(byte) 0xff, (byte) 0xc0, 0, 17, 8}).putShort((short) height).putShort((short) width)
                .put(new byte[] {3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}).array();
    }

    @Test
    void aCharacterDeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        // Read, /dev/zero never ends: the old reader ran out of memory after 17.8 s.
        assertEquals("Logo /dev/zero is a character device, not a regular file; give a PNG, JPEG or SVG file.",
                refused(zero).getMessage());
    }

    @Test
    void aNamedPipeIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("logo.png");
        int exit;
        try {
            exit = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (IOException e) {
            exit = -1;
        }
        assumeTrue(exit == 0, "mkfifo is not available (not a POSIX system)");
        // Opened for reading, a pipe without a writer blocks for ever.
        assertTrue(refused(fifo).getMessage().contains("is a named pipe (FIFO), not a regular file"));
    }

    @Test
    void aFolderOrAMissingFileIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("logo.svg"));
        assertTrue(refused(folder).getMessage().endsWith("is a folder; give a PNG, JPEG or SVG file."));
        assertTrue(refused(dir.resolve("none.png")).getMessage().startsWith("Logo file not found: "));
    }

    @Test
    void aFileOneByteOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws IOException {
        Path large = dir.resolve("large.png");
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.setLength(ReportLogo.MAX_BYTES + 1L);
        }
        assertTrue(refused(large).getMessage().contains("is larger than 5 MB"));
        // 5 MB exactly: an SVG followed by spaces, which XML allows after the root element.
        byte[] svg = "<svg viewBox='0 0 10 10'><rect width='10' height='10'/></svg>".getBytes(StandardCharsets.UTF_8);
        byte[] atLimit = new byte[ReportLogo.MAX_BYTES];
        Arrays.fill(atLimit, (byte) ' ');
        System.arraycopy(svg, 0, atLimit, 0, svg.length);
        Path limit = Files.write(dir.resolve("limit.svg"), atLimit);
        ReportLogo logo = ReportLogo.read(limit);
        assertEquals(ReportLogo.Kind.SVG, logo.kind());
        assertEquals(5 * 1024 * 1024, logo.bytes().length);
    }

    @Test
    void aPngWhoseHeaderClaims2To31PixelsASideIsRefusedBeforeDecoding() throws IOException {
        Path png = Files.write(dir.resolve("huge.png"), pngHeader(1L << 31, 1L << 31));
        assertEquals("Logo huge.png is 2147483648 × 2147483648 pixels; the limit is 25,000,000 pixels (for example "
                + "5000 × 5000): use a smaller image.", refused(png).getMessage());
    }

    @Test
    void thePixelLimitIsInclusive() {
        // 5000 × 5000 = 25,000,000 = MAX_PIXELS: accepted on its header; 5000 × 5001 = 25,005,000: refused.
        assertEquals(ReportLogo.Kind.PNG, ReportLogo.of(pngHeader(5000, 5000), "edge.png").kind());
        ReportException e = assertThrows(ReportException.class, () -> ReportLogo.of(pngHeader(5000, 5001), "b.png"));
        assertTrue(e.getMessage().startsWith("Logo b.png is 5000 × 5001 pixels"), e.getMessage());
        // JPEG sides are 16-bit: 65535 × 65535 = 4,294,836,225 pixels.
        e = assertThrows(ReportException.class, () -> ReportLogo.of(jpegHeader(65535, 65535), "big.jpg"));
        assertTrue(e.getMessage().startsWith("Logo big.jpg is 65535 × 65535 pixels"), e.getMessage());
        assertEquals(ReportLogo.Kind.JPEG, ReportLogo.of(jpegHeader(5000, 5000), "edge.jpg").kind());
    }

    @Test
    void theSizeIsReadFromTheHeadersThatImageIoWrites() throws IOException {
        // ImageIO's JPEG has APP0 and DQT segments before the frame header: the walk must skip them by length.
        BufferedImage image = new BufferedImage(300, 20, BufferedImage.TYPE_INT_RGB);
        for (String format : new String[] {"png", "jpeg"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            ReportLogo logo = ReportLogo.of(out.toByteArray(), "logo." + format);
            assertArrayEquals(new long[] {300, 20}, ImageHeaders.size(out.toByteArray(), logo.kind()).orElseThrow(),
                    format);
        }
    }

    @Test
    void anImageWithoutAReadableHeaderIsRefusedAsDamaged() {
        byte[] signatureOnly = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        ReportException e = assertThrows(ReportException.class, () -> ReportLogo.of(signatureOnly, "cut.png"));
        assertEquals("Logo cut.png is a damaged PNG: its header gives no image size.", e.getMessage());
        byte[] scanFirst = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xda, 0, 2};
        assertEquals(Optional.empty(), ImageHeaders.size(scanFirst, ReportLogo.Kind.JPEG));
    }
}
