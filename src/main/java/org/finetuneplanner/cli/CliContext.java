package org.finetuneplanner.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;

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

    /** Prints one error line on standard error. */
    public void error(String message) {
        err.println("error: " + message.replaceAll("[\\r\\n]+", " "));
        err.flush();
    }
}
