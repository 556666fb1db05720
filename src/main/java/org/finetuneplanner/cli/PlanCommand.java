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
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimator;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.persistence.PlanJson;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.text.Words;

/**
 * {@code plan SCENARIO.json [--json] [--gpus ID,ID,…]}: the scenario's model, method, training and data tried on
 * every GPU of the catalog (or the listed ones): the fewest GPUs and the sharding that fit, their time and cost,
 * and the cheapest and fastest options.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Tries the scenario on every GPU in the catalog (or the listed ones): for each GPU the fewest GPUs and "
                    + "the sharding that fit (one GPU, then DDP, ZeRO/FSDP, CPU offload last; up to 64 GPUs), "
                    + "their time and cost, and the cheapest and fastest options.",
            "Without --json a table; with --json the object of the scenario format's 'plan' section."})
final class PlanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO.json",
            description = "a scenario file (finetune-plan/1); - reads standard input")
    private String scenario;

    @Option(names = "--json", description = "print the plan as JSON")
    private boolean json;

    @Option(names = "--gpus", split = ",", paramLabel = "ID",
            description = "GPU catalog ids to try, comma-separated (default: every GPU in the catalog)")
    private List<String> gpus;

    @Option(names = "--discount", paramLabel = "FRACTION",
            description = "spot or off-peak discount on every GPU price, 0 to 0.95 (default 0: on-demand)")
    private double discount;

    @Option(names = "--usd-per-kwh", paramLabel = "USD",
            description = "electricity price for the energy cost of owning the GPUs (default "
                    + CostAssumptions.DEFAULT_USD_PER_KWH + ")")
    private double usdPerKwh = CostAssumptions.DEFAULT_USD_PER_KWH;

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
        List<GpuSpec> chosen = chosenGpus();
        CliFiles.Loaded loaded = CliFiles.readScenario(scenario, context);
        if (!loaded.ok()) {
            return loaded.status();
        }
        ScenarioJson.Document document = loaded.document();
        // The search asks the memory estimator only (fast); the chosen options get the context's full estimate.
        CostAssumptions assumptions = CostAssumptions.defaults().withDiscount(discount).withUsdPerKwh(usdPerKwh);
        CostProjector costs = new CostProjector(assumptions);
        MemoryEstimator memory = new MemoryEstimator();
        // Default assumptions: the context's estimator (tests may inject one); changed ones: the standard parts.
        Function<Scenario, Estimate> estimator = assumptions.equals(CostAssumptions.defaults()) ? context.estimator()
                : new Estimator(memory, new ThroughputEstimator(), costs)::estimate;
        Planner planner = new Planner(memory::estimate, estimator, costs);
        Plan plan = planner.plan(document.scenario(), chosen);
        PrintWriter out = context.out();
        if (json) {
            out.println(PlanJson.write(plan, planner));
        } else {
            printTable(plan, planner, out);
        }
        return context.finishOutput("the plan");
    }

    /** The GPUs of {@code --gpus} in the order given (duplicates once), or the whole catalog. */
    private List<GpuSpec> chosenGpus() {
        if (gpus == null || gpus.isEmpty()) {
            return context.scenarios().catalogs().gpus();
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
        return chosen;
    }

    /** A readable table: one row per GPU, then the cheapest and fastest, then why options do not fit. */
    static void printTable(Plan plan, Planner planner, PrintWriter out) {
        out.println("Plan: " + SafeText.escape(plan.name()));
        String header = String.format(Locale.ROOT, "%-18s %5s %-12s %-20s %-4s %15s %9s %9s %8s %11s %11s  %s",
                "GPU", "count", "sharding", "offload", "fits", "GiB/GPU (cap)", "tokens/s", "hours", "$/GPU-h",
                "total $", "max b / s", "provider");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (PlanOption o : plan.options()) {
            Estimate e = o.estimate();
            HardwareSpec hw = e.scenario().hardware();
            String memory = String.format(Locale.ROOT, "%.1f (%.1f)", gib(e.memory().perGpu().totalBytes()),
                    gib(e.memory().capacityBytes()));
            String hours = e.hours().isPresent() ? String.format(Locale.ROOT, "%.1f", e.hours().getAsDouble())
                    : "-";
            String price = e.cost().map(c -> String.format(Locale.ROOT, "%.2f", c.usdPerGpuHour())).orElse("-");
            String total = e.cost().map(c -> String.format(Locale.ROOT, c.usd() < 100 ? "%,.2f" : "%,.0f", c.usd()))
                    .orElse("-");
            String provider = e.cost().map(c -> c.provider().isEmpty() ? "(scenario)" : c.provider()).orElse(
                    o.gpu().prices().isEmpty() ? "no price" : "-");
            String largest = o.fits() ? planner.largestMicroBatch(e.scenario()) + " / "
                    + planner.largestSequenceLength(e.scenario()) : "-";
            out.println(String.format(Locale.ROOT, "%-18s %5d %-12s %-20s %-4s %15s %9.0f %9s %8s %11s %11s  %s",
                    SafeText.escape(o.gpu().id()), hw.gpuCount(), hw.sharding().id(), hw.offload().id(),
                    o.fits() ? "yes" : "NO", memory, e.throughput().tokensPerSecond(), hours, price, total, largest,
                    SafeText.escape(provider)));
        }
        out.println("max b / s: the largest micro-batch (at this sequence length) and the largest sequence length (at "
                + "this micro-batch) that still fit on the option's GPUs.");
        out.println();
        out.println("Cheapest: " + plan.cheapest().map(id -> describe(plan, id)).orElse("none (no option fits "
                + "and has a price)"));
        out.println("Fastest:  " + plan.fastest().map(id -> describe(plan, id)).orElse("none (no option fits "
                + "and has a price)"));
        List<String> reasons = new ArrayList<>();
        for (PlanOption o : plan.options()) {
            if (!o.fits() || o.fp8Fallback()) {
                reasons.add("  " + SafeText.escape(o.gpu().id() + ": " + Words.english().reasons(o.reasons())));
            }
        }
        if (!reasons.isEmpty()) {
            out.println("Notes:");
            reasons.forEach(out::println);
        }
    }

    private static String describe(Plan plan, String id) {
        PlanOption o = plan.option(id).orElseThrow();
        Estimate e = o.estimate();
        HardwareSpec hw = e.scenario().hardware();
        StringBuilder b = new StringBuilder();
        b.append(hw.gpuCount()).append(" × ").append(SafeText.escape(o.gpu().name()));
        if (hw.gpuCount() > 1) {
            b.append(" (").append(Words.english().label(hw.sharding())).append(')');
        }
        e.hours().ifPresent(h -> b.append(String.format(Locale.ROOT, ", %.1f h", h)));
        e.cost().ifPresent(c -> b.append(String.format(Locale.ROOT,
                ", $%,.0f at $%.2f/GPU-h (%s%s); owned: %,.0f kWh ≈ $%,.0f of energy", c.usd(), c.usdPerGpuHour(),
                c.provider().isEmpty() ? "scenario price" : SafeText.escape(c.provider()),
                c.discount() > 0 ? String.format(Locale.ROOT, ", %.0f %% off", 100 * c.discount()) : "",
                c.energyKwh(), c.energyUsd())));
        return b.toString();
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
