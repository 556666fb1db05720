package org.finetuneplanner.service.report.content;

/**
 * One part of a report's body, in reading order: what to say, not how it is laid out. The PDF layout decides lines,
 * pages and fonts; it keeps a block with the next one when {@link #keepWithNext()} says so (a heading with its
 * table, an introduction with its chart).
 */
public sealed interface Block permits Heading, Paragraph, BulletList, Table, Chart {

    /** Whether the page may not break between this block and the next. */
    boolean keepWithNext();
}
