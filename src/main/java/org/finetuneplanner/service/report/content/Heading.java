package org.finetuneplanner.service.report.content;

import java.util.Objects;

/**
 * A section's or a sub-section's title; always kept with what follows. Sections (level 1) are listed in the table of
 * contents and the PDF's bookmarks.
 *
 * @param level 1 for a section, 2 for a sub-section
 * @param text  the title
 */
public record Heading(int level, Text text) implements Block {

    public Heading {
        Objects.requireNonNull(text, "text");
        if (level < 1 || level > 2) {
            throw new IllegalArgumentException("level " + level + " is not 1 or 2");
        }
    }

    /** A section: numbered in the contents. */
    public static Heading section(Text text) {
        return new Heading(1, text);
    }

    /** A sub-section. */
    public static Heading sub(Text text) {
        return new Heading(2, text);
    }

    @Override
    public boolean keepWithNext() {
        return true;
    }
}
