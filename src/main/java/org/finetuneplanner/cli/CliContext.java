package org.finetuneplanner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.prices.PriceList;

/**
 * What every command needs from its surroundings: the standard streams, the scenario reader and the estimator.
 * Tests build one over in-memory streams; {@link #standard} wires the real ones.
 *
 * @param in        standard input (for {@code -})
 * @param out       standard output: results only
 * @param err       standard error: one line per error
 * @param scenarios reads scenario files (bundled catalogs)
 * @param estimator answers one scenario; pure and thread-safe
 */
public record CliContext(InputStream in, PrintWriter out, PrintWriter err, ScenarioJson scenarios,
                         Function<Scenario, Estimate> estimator) {

    public CliContext {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(scenarios, "scenarios");
        Objects.requireNonNull(estimator, "estimator");
    }

    /** The real reader and estimator over the given streams. */
    public static CliContext standard(InputStream in, PrintWriter out, PrintWriter err) {
        return new CliContext(in, out, err, ScenarioJson.standard(), Main.standardEstimator());
    }

    /**
     * This context reading scenarios with a price list's own GPUs beside the catalog's, so that a scenario may name
     * one of them ({@code hardware.gpu}, {@code plan.gpus}) while the list is in force.
     */
    CliContext withPriceList(PriceList list) {
        List<GpuSpec> custom = list.customGpus();
        return custom.isEmpty() ? this : new CliContext(in, out, err,
                new ScenarioJson(scenarios.catalogs().withGpus(custom)), estimator);
    }

    /** Prints one error line on standard error; control characters in it (from names, paths) are shown escaped. */
    public void error(String message) {
        err.println("error: " + SafeText.escape(message.replaceAll("(\\r?\\n)+", " ")));
        err.flush();
    }

    /**
     * Flushes standard output and checks that everything written reached it. On a failure prints one line naming
     * what could not be written and why ("the disk is full", "it is closed") and returns {@link ExitCodes#IO};
     * a reader that closed the pipe ({@code … | head -1}) also gives {@link ExitCodes#IO}, but quietly: it wanted
     * no more.
     *
     * @param what what was being written ("the result"), or empty
     * @return {@link ExitCodes#OK} or {@link ExitCodes#IO}
     */
    int finishOutput(String what) {
        if (!out.checkError()) {
            return ExitCodes.OK;
        }
        Optional<IOException> failure = out instanceof WatchedWriter watched ? watched.failure() : Optional.empty();
        if (failure.isEmpty() || !WatchedWriter.isClosedPipe(failure.get())) {
            error("cannot write " + (what.isEmpty() ? "" : what + " ") + "to standard output ("
                    + failure.map(IoReasons::of).orElse("closed or full") + ")");
        }
        return ExitCodes.IO;
    }
}
