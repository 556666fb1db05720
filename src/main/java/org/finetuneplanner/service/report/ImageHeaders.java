package org.finetuneplanner.service.report;

import java.util.Optional;

/**
 * The pixel size a PNG or JPEG states in its header, read from the bytes without decoding the image, so that a
 * file claiming billions of pixels is refused before any memory is spent on it.
 */
final class ImageHeaders {
    private static final int PNG_SIGNATURE = 8;

    private ImageHeaders() {
    }

    /**
     * Width and height in pixels (each from 1 to 2^32 − 1), or empty when the header is missing, cut short or
     * states a zero side.
     */
    static Optional<long[]> size(byte[] b, ReportLogo.Kind kind) {
        return switch (kind) {
            case PNG -> png(b);
            case JPEG -> jpeg(b);
            case SVG -> Optional.empty();
        };
    }

    /** PNG: the signature, then the IHDR chunk (length, "IHDR", width and height as unsigned 32-bit integers). */
    private static Optional<long[]> png(byte[] b) {
        int type = PNG_SIGNATURE + 4;
        if (b.length < type + 12 || b[type] != 'I' || b[type + 1] != 'H' || b[type + 2] != 'D' || b[type + 3] != 'R') {
            return Optional.empty();
        }
        return sides(u32(b, type + 4), u32(b, type + 8));
    }

    /**
     * JPEG: the segments after SOI are walked by their lengths up to the first frame header (SOF0–SOF15 but DHT,
     * JPG and DAC), which holds the precision, then height and width as unsigned 16-bit integers.
     */
    private static Optional<long[]> jpeg(byte[] b) {
        int i = 2;
        while (i + 1 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return Optional.empty();
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            i += 2;
            if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd8) {
                continue;
            }
            if (marker == 0xd9 || marker == 0xda || i + 1 >= b.length) {
                return Optional.empty();
            }
            int length = u16(b, i);
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                return i + 6 < b.length ? sides(u16(b, i + 5), u16(b, i + 3)) : Optional.empty();
            }
            if (length < 2) {
                return Optional.empty();
            }
            i += length;
        }
        return Optional.empty();
    }

    private static Optional<long[]> sides(long width, long height) {
        return width > 0 && height > 0 ? Optional.of(new long[] {width, height}) : Optional.empty();
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
