package org.finetuneplanner.service.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.ErrorBands;
import org.finetuneplanner.service.validation.ErrorBandsFile;
import org.finetuneplanner.service.validation.ValidationRunner;

/**
 * The estimator's measured accuracy against published runs, as the report states it: the summary figures and the
 * error bands of each kind of estimate that the ranges and the fit status come from.
 *
 * @param rows      one row per measured quantity (peak memory, tokens per second)
 * @param runs      published runs in the file that was scored
 * @param oomCases  runs reported as out of memory
 * @param oomRight  of those, how many the estimator puts over the card's capacity
 * @param bands     the error bands of the same published runs per quantity, method and single/multi-GPU (the
 *                  planner's ranges use them); {@link ErrorBands#none()} when none were measured
 */
public record ReportAccuracy(List<Row> rows, int runs, int oomCases, int oomRight, ErrorBands bands) {

    /** The published runs bundled with the application (the project's public validation cases). */
    public static final String BUNDLED_CASES = "/validation/public-cases.jsonl";

    public ReportAccuracy {
        rows = List.copyOf(rows);
        bands = bands == null ? ErrorBands.none() : bands;
    }

    /** Figures without error bands (ranges zero wide). */
    public ReportAccuracy(List<Row> rows, int runs, int oomCases, int oomRight) {
        this(rows, runs, oomCases, oomRight, ErrorBands.none());
    }

    /** No accuracy figures are available; the report says so instead of printing a table. */
    public static ReportAccuracy none() {
        return new ReportAccuracy(List.of(), 0, 0, 0);
    }

    /** The same figures with other error bands. */
    public ReportAccuracy withBands(ErrorBands value) {
        return new ReportAccuracy(rows, runs, oomCases, oomRight, value);
    }

    /** Ranges and fit status from these bands (zero-wide ranges without bands). */
    public Confidence confidence() {
        return new Confidence(bands);
    }

    /**
     * Runs {@code runner} over the bundled published runs now ({@link ValidationRunner}, scored as
     * {@code validation/score.py} does), or {@link #none()} when the file is not in this build; with the error bands
     * of the same runs as bundled ({@link ErrorBandsFile#bundled()}, what the planner's ranges use). Takes about a
     * second: use {@link #shared} for the figures the report states.
     */
    public static ReportAccuracy ofBundledCases(ValidationRunner runner) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = ReportAccuracy.class.getResourceAsStream(BUNDLED_CASES)) {
            if (in == null) {
                return none();
            }
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(runner.run(lines)).withBands(ErrorBandsFile.bundled());
    }

    /**
     * The accuracy of the bundled published runs, computed once per process, on the first call of any supplier
     * this returns (the app and the command line alike), with the runner {@code runner} gives then: the
     * application's own catalog and estimator. Later calls, and later suppliers, return the same figures.
     * Thread-safe; a caller that comes while the figures are computed waits for them.
     */
    public static Supplier<ReportAccuracy> shared(Supplier<ValidationRunner> runner) {
        return () -> Shared.get(runner);
    }

    /** The process's one copy of the figures. */
    private static final class Shared {
        private static ReportAccuracy figures;
        private static int computed;

        static synchronized ReportAccuracy get(Supplier<ValidationRunner> runner) {
            if (figures == null) {
                figures = ofBundledCases(runner.get());
                computed++;
            }
            return figures;
        }

        static synchronized int computed() {
            return computed;
        }
    }

    /** How many times the shared figures were computed in this process: 0 before the first use, then 1. */
    static int sharedComputations() {
        return Shared.computed();
    }

    /** The figures of one validation run: memory over all scored cases, speed, out-of-memory verdicts. */
    public static ReportAccuracy of(ValidationRunner.Report report) {
        List<Row> rows = new ArrayList<>();
        ValidationRunner.GroupStats memory = report.groups().get("all");
        if (memory != null && memory.covered() > 0) {
            // Targets of issues #2 (memory: median ≤ 10 %, 90th percentile ≤ 25 %) and #3 (speed: median ≤ 30 %).
            rows.add(new Row(Quantity.MEMORY, memory.covered(), memory.mdape() * 100, memory.p90() * 100, 10));
        }
        ValidationRunner.GroupStats speed = report.speed();
        if (speed.covered() > 0) {
            rows.add(new Row(Quantity.SPEED, speed.covered(), speed.mdape() * 100, speed.p90() * 100, 30));
        }
        int[] oom = report.oomVerdicts();
        return new ReportAccuracy(rows, report.cases().size(), oom[0], oom[1]);
    }

    /** What was compared. */
    public enum Quantity { MEMORY, SPEED }

    /**
     * One measured quantity.
     *
     * @param quantity              what was compared
     * @param cases                 published runs compared
     * @param medianAbsPercentError median of |estimate − measured| / measured × 100
     * @param p90AbsPercentError    its 90th percentile, same unit
     * @param targetPercent         the project's target for the median, same unit
     */
    public record Row(Quantity quantity, int cases, double medianAbsPercentError, double p90AbsPercentError,
                      double targetPercent) {
    }
}
