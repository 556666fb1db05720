package org.finetuneplanner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostAssumptions;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimator;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.PlanJson;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.service.validation.ErrorBandsFile;

/**
 * {@code plan SCENARIO.json [--json] [--gpus ID,ID,…] [--lang en|vi]}: the scenario's job tried on every GPU of the
 * catalog (or of {@code --gpus}, else of {@code plan.gpus}; always its own GPU): per GPU the cheapest setup that
 * fits ({@code core.plan.Planner}), with its status, ranges, changed settings and caveats; the cheapest and fastest.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Tries the scenario on every GPU in the catalog (or the listed ones, and always its own GPU): for each "
                    + "GPU the cheapest setup that fits, choosing the GPU count (rented in whole instances), the "
                    + "sharding and the CPU offload, and lowering the micro-batch (keeping the sequences per step), "
                    + "turning on activation checkpointing or a chunked loss only when that is needed to fit or "
                    + "cheaper; up to plan.max_gpus GPUs (64). Each option has a status (fits, tight, no), ranges "
                    + "and caveats; options that do not fit carry no time or cost and say what they would need.",
            "Without --json a table (--lang en|vi); with --json the plan object of the scenario format "
                    + "(advice-and-prices.md)."})
final class PlanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO.json",
            description = "a scenario file (finetune-plan/1); - reads standard input")
    private String scenario;

    @Option(names = "--json", description = "print the plan as JSON")
    private boolean json;

    @Option(names = "--gpus", split = ",", paramLabel = "ID",
            description = "GPU catalog ids to try, comma-separated (default: plan.gpus of the scenario, else every "
                    + "GPU in the catalog); the scenario's own GPU is always tried")
    private List<String> gpus;

    @Option(names = "--discount", paramLabel = "FRACTION",
            description = "spot or off-peak discount on every GPU price, 0 to 0.95 (default 0: on-demand)")
    private double discount;

    @Option(names = "--usd-per-kwh", paramLabel = "USD",
            description = "electricity price for the energy cost of owning the GPUs (default "
                    + CostAssumptions.DEFAULT_USD_PER_KWH + ")")
    private double usdPerKwh = CostAssumptions.DEFAULT_USD_PER_KWH;

    @Option(names = "--lang", paramLabel = "en|vi",
            description = "language of the table (default en); JSON keys and texts stay English")
    private String lang = "en";

    private final CliContext context;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // The command line is checked whole before any file is read: a wrong option value is a usage error (2).
        CliFiles.requirePath(spec, scenario, "SCENARIO.json");
        if (!(discount >= 0 && discount <= 0.95)) {
            throw new ParameterException(spec.commandLine(), "--discount " + discount
                    + " is not allowed; give a fraction from 0 to 0.95");
        }
        if (!(usdPerKwh >= 0 && usdPerKwh < 100)) {
            throw new ParameterException(spec.commandLine(), "--usd-per-kwh " + usdPerKwh
                    + " is not allowed; give a price from 0 to 100 USD/kWh");
        }
        Locale locale = language();
        Optional<List<GpuSpec>> listed = listedGpus();
        CliFiles.Loaded loaded = CliFiles.readScenario(scenario, context);
        if (!loaded.ok()) {
            return loaded.status();
        }
        ScenarioJson.Document document = loaded.document();
        Catalogs catalogs = context.scenarios().catalogs();
        List<GpuSpec> chosen = listed.orElseGet(() -> document.plan().gpuIds().isEmpty() ? catalogs.gpus()
                : document.plan().gpuIds().stream().map(id -> catalogs.gpu(id).orElseThrow()).toList());
        // The search asks the memory estimator only (fast); the candidates get the context's full estimate.
        CostAssumptions assumptions = CostAssumptions.defaults().withDiscount(discount).withUsdPerKwh(usdPerKwh);
        CostProjector costs = new CostProjector(assumptions);
        MemoryEstimator memory = new MemoryEstimator();
        // Default assumptions: the context's estimator (tests may inject one); changed ones: the standard parts.
        Function<Scenario, Estimate> estimator = assumptions.equals(CostAssumptions.defaults()) ? context.estimator()
                : new Estimator(memory, new ThroughputEstimator(), costs)::estimate;
        Planner planner = new Planner(memory::estimate, estimator, costs, new Confidence(ErrorBandsFile.bundled()));
        Plan plan = planner.plan(document.scenario(), chosen, document.plan());
        PrintWriter out = context.out();
        if (json) {
            out.println(PlanJson.write(plan));
        } else {
            new PlanTable(Words.forLocale(locale), costs).print(plan, out);
        }
        return context.finishOutput("the plan");
    }

    private Locale language() {
        String value = lang == null ? "" : lang.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("en") && !value.equals("vi")) {
            throw new ParameterException(spec.commandLine(), "--lang " + lang + ": expected en or vi");
        }
        return Locale.forLanguageTag(value);
    }

    /** The GPUs of {@code --gpus} in the order given (duplicates once), or empty when the option is not given. */
    private Optional<List<GpuSpec>> listedGpus() {
        if (gpus == null || gpus.isEmpty()) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : gpus) {
            ids.add(id.strip());
        }
        List<GpuSpec> chosen = new ArrayList<>();
        for (String id : ids) {
            Optional<GpuSpec> gpu = context.scenarios().catalogs().gpu(id);
            if (gpu.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--gpus: unknown GPU id \"" + id + "\"; allowed: "
                        + String.join(", ", context.scenarios().catalogs().gpuIds()));
            }
            chosen.add(gpu.get());
        }
        return Optional.of(chosen);
    }
}
