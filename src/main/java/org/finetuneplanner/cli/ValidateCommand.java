package org.finetuneplanner.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.validation.ValidationException;
import org.finetuneplanner.service.validation.ValidationRunner;

/**
 * {@code validate CASES.jsonl [MORE.jsonl …] [--cases]}: runs published measurements (one case per line: {@code id},
 * {@code scenario}, {@code expected}, {@code source}, {@code notes}) through the estimator and prints the error
 * table of {@code validation/score.py}: median and 90th-percentile absolute percentage error, shares within 10 %
 * and 25 % and the median signed error, by method and by single or multi-GPU, the oom and fits verdicts and the
 * speed error. Several files are scored as one set (the memory cases and the speed cases, say).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Runs the cases of a validation file through the estimator and prints the error table "
                + "(by method, single and multi-GPU, oom verdicts, tokens/s).",
            "Several files are scored together as one set of cases.",
            "A case whose scenario cannot be read is listed as failed; the others still run."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CASES.jsonl",
            description = "validation cases, one JSON object per line; several files are scored together")
    private List<Path> cases;

    @Option(names = "--cases", description = "also print one line per case (measured, estimated, error)")
    private boolean perCase;

    private final CliContext context;

    ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        for (Path file : cases) {
            CliFiles.requirePath(spec, file.toString(), "CASES.jsonl");
            if (!Files.isRegularFile(file)) {
                String why = Files.isDirectory(file) ? "it is a folder" : IoReasons.specialKind(file)
                        .map(kind -> "it is " + kind + ", not a file of cases").orElse("no such file");
                context.error(file + ": " + why);
                return ExitCodes.IO;
            }
        }
        ValidationRunner.Report report;
        try {
            report = new ValidationRunner(context.scenarios(), context.estimator()).run(cases.toArray(Path[]::new));
        } catch (ValidationException e) {
            context.error(e.getMessage());
            return ExitCodes.IO;
        }
        if (report.cases().isEmpty()) {
            String files = String.join(", ", cases.stream().map(Path::toString).toList());
            context.error(files + (cases.size() == 1 ? ": holds" : ": hold") + " no validation case (expected one JSON "
                    + "object per line, see --help)");
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter out = context.out();
        if (perCase) {
            printEscaped(report.formatCases(), out);
            out.println();
        }
        printEscaped(report.format(), out);
        return context.finishOutput("the table");
    }

    /**
     * Case ids and notes come from the user's file: each line is printed with its control characters escaped. Lines
     * end at the table's line feeds only, so that a carriage return inside an id is shown, not obeyed.
     */
    private static void printEscaped(String text, PrintWriter out) {
        for (String line : text.split("\\r?\\n")) {
            out.println(SafeText.escape(line));
        }
    }
}
