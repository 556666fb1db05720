package org.finetuneplanner.service.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A logo for the cover: the bytes of a PNG, JPEG or SVG file, checked by their content (not the file name).
 *
 * @param bytes the file's bytes (copied)
 * @param kind  its format
 * @param name  the file name, for messages
 */
public record ReportLogo(byte[] bytes, Kind kind, String name) {

    /** Logos above this size are refused: a cover logo needs far less, and the PDF would grow by as much. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public ReportLogo {
        Objects.requireNonNull(kind, "kind");
        bytes = bytes.clone();
        name = name == null ? "" : name;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Reads a logo file.
     *
     * @throws ReportException naming the file when it is missing, too large or not a PNG, JPEG or SVG
     */
    public static ReportLogo read(Path file) {
        String name = String.valueOf(file.getFileName());
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ReportException("Logo " + file + " is larger than 5 MB; use a smaller PNG, JPEG or SVG.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ReportException("Logo file not found: " + file);
        } catch (IOException e) {
            throw new ReportException("Cannot read logo " + file + ": " + e.getMessage(), e);
        }
        return of(bytes, name);
    }

    /**
     * A logo from bytes, its kind recognised from the content.
     *
     * @throws ReportException when the bytes are not a PNG, JPEG or SVG
     */
    public static ReportLogo of(byte[] bytes, String name) {
        return new ReportLogo(bytes, detect(bytes).orElseThrow(() -> new ReportException(
                "Logo " + name + " is not a PNG, JPEG or SVG file.")), name);
    }

    private static java.util.Optional<Kind> detect(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return java.util.Optional.of(Kind.PNG);
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return java.util.Optional.of(Kind.JPEG);
        }
        String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.UTF_8);
        if (head.contains("<svg")) {
            return java.util.Optional.of(Kind.SVG);
        }
        return java.util.Optional.empty();
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
