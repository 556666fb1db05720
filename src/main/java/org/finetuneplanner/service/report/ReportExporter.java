package org.finetuneplanner.service.report;

import java.nio.file.Path;

/** Writes a planning report or a comparison. Implementations are safe to call from a background thread. */
public interface ReportExporter {

    /**
     * Writes the report for {@code data} to {@code target}. The file is replaced only when the whole report was
     * written; on failure the previous file (if any) is left as it was and no partial file remains.
     *
     * @throws ReportException with a message for the user (unwritable folder, full disk, unreadable logo …)
     */
    void write(ReportData data, Path target);

    /**
     * Writes the comparison report for {@code data} to {@code target}, whole or not at all as {@link #write(ReportData,
     * Path)}.
     *
     * @throws ReportException with a message for the user
     */
    void write(ComparisonData data, Path target);
}
