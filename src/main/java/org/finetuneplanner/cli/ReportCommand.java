package org.finetuneplanner.cli;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.report.ComparisonData;
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
 * over the GPU catalog inside; {@code report A.json B.json [C.json D.json] --out X.pdf}: one report that compares two
 * to four scenarios, then gives each one's own sections. Exit 0, or one error line per problem and a non-zero status
 * with no partial file left behind.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Writes the PDF planning report of a scenario: summary, memory, every GPU option compared, cost over "
                    + "time, sensitivity and the method with its sources.",
            "Two to four scenario files give one report that compares them (inputs and results side by side, "
                    + "memory on one axis, cost curves on one chart, what differs), then each scenario's sections.",
            "The file is written whole or not at all: on failure an existing PLAN.pdf is left as it was."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO.json",
            description = "a scenario file (finetune-plan/1); two to four files write one report that compares them")
    private List<String> scenarios;

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

    @Option(names = "--prices", paramLabel = "FILE",
            description = "a seller's price list (finetune-prices/1): the report quotes only its GPUs at its prices, "
                    + "in its currency, and names no other provider")
    private String prices;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "",
            description = "the title under the heading (default: the scenario's name; a comparison's: their names)")
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
        if (scenarios.size() > ComparisonData.MAX_SCENARIOS) {
            throw new ParameterException(spec.commandLine(), "report compares at most "
                    + ComparisonData.MAX_SCENARIOS + " scenarios; " + scenarios.size() + " files were given");
        }
        for (String scenario : scenarios) {
            CliFiles.requirePath(spec, scenario, "SCENARIO.json");
        }
        CliFiles.requirePath(spec, out, "--out");
        CliFiles.requirePath(spec, prices, "--prices");
        if (out.equals("-")) {
            throw new ParameterException(spec.commandLine(), "--out -: the report is a PDF file, not written to "
                    + "standard output; give a file name");
        }
        Path target;
        List<Path> inputs = new ArrayList<>();
        try {
            target = Path.of(out);
            for (String scenario : scenarios) {
                inputs.add(Path.of(scenario));
            }
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
        Optional<PriceList> priceList = Optional.empty();
        CliContext ctx = context;
        if (prices != null) {
            CliFiles.Prices list = CliFiles.readPriceList(prices, context);
            if (!list.ok()) {
                return list.status();
            }
            priceList = Optional.of(list.list());
            ctx = context.withPriceList(list.list());
        }
        // Every file is read before any work, and each one that cannot be used is named on a line of its own.
        List<ScenarioJson.Document> read = new ArrayList<>();
        int status = ExitCodes.OK;
        for (Path input : inputs) {
            try {
                read.add(ctx.scenarios().readDocument(input));
            } catch (ScenarioException e) {
                context.error(named(input, e.getMessage()));
                if (status == ExitCodes.OK) {
                    status = e.getCause() instanceof IOException
                            && !(e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException)
                            ? ExitCodes.IO : ExitCodes.INVALID_INPUT;
                }
            }
        }
        if (status != ExitCodes.OK) {
            return status;
        }
        ReportMeta meta = new ReportMeta(title, customer, company, consultant, cover, LocalDate.now(),
                language.get(), size.get(), priceList);
        try {
            ReportService service = services.apply(context);
            if (read.size() == 1) {
                // One scenario: its plan section (plan.keep, plan.max_gpus, plan.gpus) steers the planner's advice.
                service.export(read.get(0).scenario(), read.get(0).plan(), meta, target);
            } else {
                service.exportComparison(read.stream().map(ScenarioJson.Document::scenario).toList(), meta, target);
            }
        } catch (ReportException e) {
            context.error(e.getMessage());
            return ExitCodes.IO;
        }
        return ExitCodes.OK;
    }

    /** The reader's message with the file named first, unless it names the file itself (missing, not JSON). */
    private static String named(Path input, String message) {
        boolean named = message.startsWith(input.toString()) || message.startsWith(String.valueOf(
                input.getFileName()));
        return named ? message : input + ": " + message;
    }
}
