package org.finetuneplanner.cli;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportException;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportMeta;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.validation.ValidationRunner;

/**
 * {@code report SCENARIO.json --out PLAN.pdf}: the PDF planning report of a scenario, with the planner's comparison
 * over the GPU catalog inside. Exit 0, or one error line and a non-zero status with no partial file left behind.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Writes the PDF planning report of a scenario: summary, memory, every GPU option compared, cost over "
                    + "time, sensitivity and the method with its sources.",
            "The file is written whole or not at all: on failure an existing PLAN.pdf is left as it was."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "a scenario file (finetune-plan/1)")
    private String scenario;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PLAN.pdf", description = "the PDF to write")
    private String out;

    @Option(names = "--lang", paramLabel = "en|vi", defaultValue = "en",
            description = "language of the report: en (English, default) or vi (Vietnamese)")
    private String lang;

    @Option(names = "--paper", paramLabel = "a4|letter", defaultValue = "a4",
            description = "paper size: a4 (default) or letter")
    private String paper;

    @Option(names = "--customer", paramLabel = "NAME", defaultValue = "", description = "prepared for")
    private String customer;

    @Option(names = "--company", paramLabel = "NAME", defaultValue = "", description = "prepared by: company")
    private String company;

    @Option(names = "--consultant", paramLabel = "NAME", defaultValue = "", description = "prepared by: person")
    private String consultant;

    @Option(names = "--logo", paramLabel = "FILE", description = "a PNG, JPEG or SVG logo for the cover")
    private String logo;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "",
            description = "the title under the heading (default: the scenario's name)")
    private String title;

    private final CliContext context;
    private final Function<CliContext, ReportService> services;

    ReportCommand(CliContext context, Function<CliContext, ReportService> services) {
        this.context = context;
        this.services = services;
    }

    /**
     * The report service of the command line: the context's estimator and catalog, the accuracy figures computed
     * once through them.
     */
    static ReportService standardService(CliContext context) {
        return ReportService.standard(context.scenarios().catalogs().gpus(), context.estimator(),
                Estimator.standard()::explain, ReportAccuracy.shared(() -> new ValidationRunner(context.scenarios(),
                        context.estimator())), new PdfReportExporter());
    }

    @Override
    public Integer call() {
        Optional<ReportLanguage> language = ReportLanguage.fromId(lang);
        if (language.isEmpty()) {
            context.error("--lang " + lang + " is not a report language; use en or vi");
            return ExitCodes.USAGE;
        }
        Optional<PaperSize> size = PaperSize.fromId(paper);
        if (size.isEmpty()) {
            context.error("--paper " + paper + " is not a paper size; use a4 or letter");
            return ExitCodes.USAGE;
        }
        CliFiles.requirePath(spec, scenario, "SCENARIO.json");
        CliFiles.requirePath(spec, out, "--out");
        if (out.equals("-")) {
            throw new ParameterException(spec.commandLine(), "--out -: the report is a PDF file, not written to "
                    + "standard output; give a file name");
        }
        Path target;
        Path input;
        try {
            target = Path.of(out);
            input = Path.of(scenario);
        } catch (InvalidPathException e) {
            context.error("not a file path: " + e.getInput());
            return ExitCodes.USAGE;
        }
        try {
            // Before the work: a target that cannot or must not be written (a device, a link, read-only) is named.
            AtomicFiles.checkTarget(target);
        } catch (IOException e) {
            context.error(e.getMessage());
            return ExitCodes.IO;
        }
        Optional<ReportLogo> cover = Optional.empty();
        try {
            if (logo != null && !logo.isBlank()) {
                cover = Optional.of(ReportLogo.read(Path.of(logo)));
            }
        } catch (InvalidPathException e) {
            context.error("--logo: not a file path: " + e.getInput());
            return ExitCodes.USAGE;
        } catch (ReportException e) {
            context.error(e.getMessage());
            return ExitCodes.IO;
        }
        Scenario s;
        try {
            s = context.scenarios().read(input);
        } catch (ScenarioException e) {
            // The reader names the file itself when the file is the problem (missing, unreadable, not JSON).
            String message = e.getMessage();
            boolean named = message.startsWith(input.toString()) || message.startsWith(String.valueOf(
                    input.getFileName()));
            context.error(named ? message : input + ": " + message);
            return e.getCause() instanceof IOException
                    && !(e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException)
                    ? ExitCodes.IO : ExitCodes.INVALID_INPUT;
        }
        ReportMeta meta = new ReportMeta(title, customer, company, consultant, cover, LocalDate.now(),
                language.get(), size.get());
        try {
            services.apply(context).export(s, meta, target);
        } catch (ReportException e) {
            context.error(e.getMessage());
            return ExitCodes.IO;
        }
        return ExitCodes.OK;
    }
}
