package org.finetuneplanner.service.report.content;

import java.util.List;

/**
 * A list of items, each kept whole on a page.
 *
 * @param items    the items, in order
 * @param numbered numbered (steps to take) or bulleted
 */
public record BulletList(List<Text> items, boolean numbered) implements Block {

    public BulletList {
        items = List.copyOf(items);
    }

    @Override
    public boolean keepWithNext() {
        return false;
    }
}
