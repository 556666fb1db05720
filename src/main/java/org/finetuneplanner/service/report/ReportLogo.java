package org.finetuneplanner.service.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.service.io.SpecialFiles;

/**
 * A logo for the cover: the bytes of a PNG, JPEG or SVG file, checked by their content (not the file name). A logo
 * holds at most {@link #MAX_BYTES} bytes, and a PNG or JPEG at most {@link #MAX_PIXELS} pixels as its header
 * states them, so nothing larger is ever decoded.
 *
 * @param bytes the file's bytes (copied)
 * @param kind  its format
 * @param name  the file name, for messages
 */
public record ReportLogo(byte[] bytes, Kind kind, String name) {

    /** Logos above this size are refused: a cover logo needs far less, and the PDF would grow by as much. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    /**
     * PNG and JPEG logos whose header states more pixels than this (5000 × 5000) are refused before decoding: the
     * logo box is 200 × 70 points, and a decoded image takes 4 bytes a pixel in memory.
     */
    public static final long MAX_PIXELS = 25_000_000L;

    /**
     * A logo within the limits; a PNG or JPEG is checked on the size its header states, without decoding.
     *
     * @throws ReportException when the bytes exceed {@link #MAX_BYTES}, or a PNG or JPEG header is unreadable or
     *                         states more than {@link #MAX_PIXELS} pixels
     */
    public ReportLogo {
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(name);
        }
        bytes = bytes.clone();
        if (kind != Kind.SVG) {
            checkPixels(ImageHeaders.size(bytes, kind), kind, name);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Reads a logo file: a regular file of at most {@link #MAX_BYTES} bytes (never more is read, whatever the file
     * claims).
     *
     * @throws ReportException naming the file when it is missing, a folder or special file (device, pipe), too
     *                         large, or not a PNG, JPEG or SVG within the limits
     */
    public static ReportLogo read(Path file) {
        String name = String.valueOf(file.getFileName());
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new ReportException("Logo " + file + " is a folder; give a PNG, JPEG or SVG file.");
            }
            if (!attributes.isRegularFile()) {
                throw new ReportException("Logo " + file + " is " + SpecialFiles.describe(file)
                        + ", not a regular file; give a PNG, JPEG or SVG file.");
            }
            if (attributes.size() > MAX_BYTES) {
                throw tooLarge(file.toString());
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ReportException("Logo file not found: " + file);
        } catch (IOException e) {
            throw new ReportException("Cannot read logo " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file.toString());
        }
        return of(bytes, name);
    }

    /**
     * A logo from bytes, its kind recognised from the content.
     *
     * @throws ReportException when the bytes are not a PNG, JPEG or SVG, or exceed the limits
     */
    public static ReportLogo of(byte[] bytes, String name) {
        return new ReportLogo(bytes, detect(bytes).orElseThrow(() -> new ReportException(
                "Logo " + name + " is not a PNG, JPEG or SVG file.")), name);
    }

    private static Optional<Kind> detect(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of(Kind.PNG);
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Optional.of(Kind.JPEG);
        }
        String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.UTF_8);
        if (head.contains("<svg")) {
            return Optional.of(Kind.SVG);
        }
        return Optional.empty();
    }

    private static ReportException tooLarge(String file) {
        return new ReportException("Logo " + file + " is larger than " + MAX_BYTES / (1024 * 1024)
                + " MB; use a smaller PNG, JPEG or SVG.");
    }

    private static void checkPixels(Optional<long[]> size, Kind kind, String name) {
        long[] wh = size.orElseThrow(() -> new ReportException("Logo " + name + " is a damaged " + kind
                + ": its header gives no image size."));
        // Each side is below 2^32, so compare the sides first: their product could overflow a long.
        if (wh[0] > MAX_PIXELS || wh[1] > MAX_PIXELS || wh[0] * wh[1] > MAX_PIXELS) {
            long side = (long) Math.sqrt(MAX_PIXELS);
            throw new ReportException(String.format(Locale.ROOT, "Logo %s is %d × %d pixels; the limit is %,d "
                    + "pixels (for example %d × %d): use a smaller image.", name, wh[0], wh[1], MAX_PIXELS, side,
                    side));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportLogo other && kind == other.kind && name.equals(other.name)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "ReportLogo[" + kind + ", " + name + ", " + bytes.length + " bytes]";
    }

    /** Logo formats. */
    public enum Kind { PNG, JPEG, SVG }
}
