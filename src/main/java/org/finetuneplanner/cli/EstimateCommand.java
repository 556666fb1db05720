package org.finetuneplanner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.io.LineReader;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ResultJson;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * {@code estimate SCENARIO.json} prints one result; {@code estimate --batch IN.jsonl} answers one scenario per line
 * as JSON Lines, in input order, a bad line yielding {@code {"name": …, "error": …}} without stopping the run.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = {
            "Estimates per-GPU memory, time and cost of a fine-tuning scenario.",
            "SCENARIO.json prints one result (JSON). --batch IN.jsonl reads one scenario per line and writes one "
                    + "result per line (JSON Lines) in the same order; a line that cannot be read or is invalid "
                    + "gives {\"name\": …, \"error\": \"…\"} and the run goes on. Blank lines are skipped.",
            "Use - for standard input."})
final class EstimateCommand implements Callable<Integer> {

    /** Batch lines between two checks of standard output when it is not flushed anyway. */
    private static final int CHECK_EVERY = 64;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO.json",
            description = "a scenario file (finetune-plan/1); - reads standard input")
    private String scenario;

    @Option(names = "--batch", paramLabel = "IN.jsonl",
            description = "one scenario per line (- = standard input); results as JSON Lines on standard output")
    private String batch;

    @Option(names = "--compact", description = "print the single result on one line")
    private boolean compact;

    private final CliContext context;
    /** Set when the batch flushed its output before waiting for input: time to check that output. */
    private boolean flushed;

    EstimateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if ((scenario == null) == (batch == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give either SCENARIO.json or --batch IN.jsonl" + (scenario == null ? "" : ", not both"));
        }
        CliFiles.requirePath(spec, scenario, "SCENARIO.json");
        CliFiles.requirePath(spec, batch, "--batch");
        return batch != null ? batch() : single();
    }

    private int single() {
        CliFiles.Loaded loaded = CliFiles.readScenario(scenario, context);
        if (!loaded.ok()) {
            return loaded.status();
        }
        Estimate estimate = context.estimator().apply(loaded.document().scenario());
        JsonNode result = withName(ResultJson.toTree(estimate, loaded.document().notes()), loaded.tree());
        context.out().println(compact ? SafeJson.compact(result) : SafeJson.pretty(result));
        return context.finishOutput("the result");
    }

    /**
     * Answers line by line. Output is flushed whenever the input has nothing ready (a pipe or a terminal waiting
     * for its next line), so each answer appears as its line is read; from a file the bytes are always ready and
     * the output stays buffered. Standard output is checked after every flush and every {@value #CHECK_EVERY}
     * lines, so a failed output (a full disk, a reader that closed the pipe) ends the run within that many lines
     * instead of after the whole batch.
     */
    private int batch() {
        int failed = 0;
        PrintWriter out = context.out();
        Runnable flushBeforeWaiting = () -> {
            out.flush();
            flushed = true;
        };
        long answered = 0;
        try (LineReader lines = new LineReader(CliFiles.open(batch, context.in()), (int) SafeJson.MAX_DOCUMENT_BYTES,
                flushBeforeWaiting)) {
            for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.text() != null && line.text().isBlank()) {
                    continue;
                }
                JsonNode answer = answer(line);
                if (answer.has("error")) {
                    failed++;
                }
                out.println(SafeJson.compact(answer));
                answered++;
                if ((flushed || answered % CHECK_EVERY == 0) && out.checkError()) {
                    return context.finishOutput("the results");
                }
                flushed = false;
            }
        } catch (IOException e) {
            context.error(CliFiles.label(batch) + ": cannot be read (" + IoReasons.of(e) + ")");
            return ExitCodes.IO;
        }
        int status = context.finishOutput("the results");
        if (status != ExitCodes.OK) {
            return status;
        }
        if (failed > 0) {
            context.error(failed + (failed == 1 ? " line" : " lines") + " of " + CliFiles.label(batch)
                    + " could not be answered (see their \"error\")");
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.OK;
    }

    /**
     * One batch line's result or error record; never throws for bad input or a failing estimate. A line that is not
     * UTF-8 is refused as a file is. The error record carries the line's name wherever it can be read.
     */
    private JsonNode answer(LineReader.Line line) {
        String where = "line " + line.number() + ": ";
        if (line.notUtf8()) {
            return ResultJson.error(null, where + SafeJson.notUtf8(line.number(), line.invalidByte()));
        }
        if (line.tooLong()) {
            return ResultJson.error(null, where + "longer than " + SafeJson.MAX_DOCUMENT_BYTES + " bytes");
        }
        try {
            ScenarioJson.Document document = context.scenarios().readDocument(line.text());
            Estimate estimate = context.estimator().apply(document.scenario());
            return ResultJson.line(estimate, document.notes(), document.writtenName());
        } catch (ScenarioException e) {
            return ResultJson.error(ScenarioJson.writtenName(line.text()), where + e.getMessage());
        } catch (RuntimeException e) {
            // An estimator failure on one valid-looking line must not end the batch: report it on that line.
            return ResultJson.error(ScenarioJson.writtenName(line.text()), where + "cannot estimate: "
                    + Main.describe(e));
        }
    }

    /** The result carries the scenario's name as written (null when it had none). */
    private static JsonNode withName(ObjectNode result, JsonNode source) {
        JsonNode name = source.get("name");
        if (name == null) {
            result.putNull("name");
        } else {
            result.set("name", name);
        }
        return result;
    }
}
