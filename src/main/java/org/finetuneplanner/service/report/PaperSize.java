package org.finetuneplanner.service.report;

import java.util.Arrays;
import java.util.Optional;

/** Paper sizes of a report, in PostScript points (1/72 inch). */
public enum PaperSize {
    /** ISO 216 A4, 210 × 297 mm. */
    A4("a4", 595.2756f, 841.8898f),
    /** US Letter, 8.5 × 11 in. */
    LETTER("letter", 612f, 792f);

    private final String id;
    private final float widthPt;
    private final float heightPt;

    PaperSize(String id, float widthPt, float heightPt) {
        this.id = id;
        this.widthPt = widthPt;
        this.heightPt = heightPt;
    }

    public String id() {
        return id;
    }

    public float widthPt() {
        return widthPt;
    }

    public float heightPt() {
        return heightPt;
    }

    /** The size spelt {@code id} (case-insensitive), or empty. */
    public static Optional<PaperSize> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }
}
