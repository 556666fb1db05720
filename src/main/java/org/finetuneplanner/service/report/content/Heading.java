package org.finetuneplanner.service.report.content;

import java.util.Objects;

/**
 * A part's, a section's or a sub-section's title; always kept with what follows. Parts (level 0: one scenario of a
 * comparison) start a new page and group the sections after them; parts and sections (level 1) are listed in the
 * table of contents and the PDF's bookmarks.
 *
 * @param level 0 for a part, 1 for a section, 2 for a sub-section
 * @param text  the title
 */
public record Heading(int level, Text text) implements Block {

    public Heading {
        Objects.requireNonNull(text, "text");
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("level " + level + " is not 0, 1 or 2");
        }
    }

    /** A part: a page of its own begins with it; the sections up to the next part belong to it. */
    public static Heading part(Text text) {
        return new Heading(0, text);
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
