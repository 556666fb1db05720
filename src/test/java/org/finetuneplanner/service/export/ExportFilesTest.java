package org.finetuneplanner.service.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV as RFC 4180 writes it, PNG pixels that read back, and files written whole. */
class ExportFilesTest {

    @Test
    void csvQuotesOnlyWhatNeedsItEndsLinesWithCrLfAndStartsWithAByteOrderMark() {
        byte[] bytes = ExportFiles.csv(List.of(List.of("GPU", "Cost (USD)"), List.of("H100, SXM", "say \"hi\""),
                List.of("Bộ nhớ", "a\nb")));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals("GPU,Cost (USD)\r\n\"H100, SXM\",\"say \"\"hi\"\"\"\r\nBộ nhớ,\"a\nb\"\r\n", text);
    }

    @Test
    void pngPixelsReadBackAndAWrongPixelCountIsRefused() throws IOException {
        int red = 0xFFFF0000;
        int blue = 0xFF0000FF;
        byte[] png = ExportFiles.png(2, 1, new int[] {red, blue});
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(2, image.getWidth());
        assertEquals(red, image.getRGB(0, 0));
        assertEquals(blue, image.getRGB(1, 0));
        assertThrows(IllegalArgumentException.class, () -> ExportFiles.png(2, 2, new int[] {red}));
    }

    @Test
    void writeReplacesAFileWhole(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("options.csv");
        Files.writeString(f, "old and longer content");
        ExportFiles.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(f));
    }
}
