package org.finetuneplanner.service.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.cost.CostAssumptions;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanSpec;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimator;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.validation.ErrorBandsFile;

/**
 * Makes planning reports: computes a scenario's {@link ReportData} with the estimator and the planner over the GPU
 * catalog (or, when the report's meta carries a seller's price list, over its offers at its prices), and writes it
 * with an exporter; the same for a comparison of two to four scenarios. Used by the command
 * line and the app's File → Export PDF… and Export comparison….
 * Thread-safe when its parts are (the core estimators are pure); the accuracy figures come from their supplier,
 * which computes them once per process ({@link ReportAccuracy#shared}).
 */
public final class ReportService {
    /** Plans a scenario over a list of GPUs within a plan section ({@code plan.keep}, {@code plan.max_gpus}). */
    @FunctionalInterface
    private interface PlanMaker {
        /** The plan of {@code scenario} over {@code gpus} (its own GPU is tried too) within {@code spec}. */
        Plan plan(Scenario scenario, List<GpuSpec> gpus, PlanSpec spec);
    }

    private final Function<Scenario, Estimate> estimator;
    private final Function<Scenario, Explanation> explainer;
    private final PlanMaker planner;
    private final List<GpuSpec> gpus;
    private final Supplier<ReportAccuracy> accuracy;
    private final ReportExporter exporter;
    /** The seller whose prices this service's parts use, if its parts are a price list's. */
    private final Optional<SellerPrices> seller;

    /**
     * @param estimator the estimator of one scenario
     * @param explainer its explanation, asked for the recommended configuration only
     * @param planner   the planner over a list of GPUs
     * @param gpus      the GPU options a report compares (the catalog)
     * @param accuracy  the validation figures, asked for at each report (the shared supplier computes them once)
     * @param exporter  writes the document
     */
    public ReportService(Function<Scenario, Estimate> estimator, Function<Scenario, Explanation> explainer,
                         BiFunction<Scenario, List<GpuSpec>, Plan> planner, List<GpuSpec> gpus,
                         Supplier<ReportAccuracy> accuracy, ReportExporter exporter) {
        this(planMaker(planner), estimator, explainer, gpus, accuracy, exporter);
    }

    /** A service whose planner takes the scenario's plan section ({@code plan.keep}, {@code plan.max_gpus}). */
    private ReportService(PlanMaker planner, Function<Scenario, Estimate> estimator,
                          Function<Scenario, Explanation> explainer, List<GpuSpec> gpus,
                          Supplier<ReportAccuracy> accuracy, ReportExporter exporter) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.gpus = List.copyOf(gpus);
        this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.seller = Optional.empty();
    }

    /** The standard parts over a seller's prices: only its GPUs, at its prices. */
    private ReportService(SellerPrices prices, Supplier<ReportAccuracy> accuracy, ReportExporter exporter) {
        CostProjector costs = new CostProjector(CostAssumptions.defaults(), Optional.of(prices));
        Estimator standard = new Estimator(new MemoryEstimator(), new ThroughputEstimator(), costs);
        this.estimator = standard::estimate;
        this.explainer = standard::explain;
        this.planner = planner(estimator, costs)::plan;
        this.gpus = prices.gpus();
        this.accuracy = accuracy;
        this.exporter = exporter;
        this.seller = Optional.of(prices);
    }

    /**
     * The service over the given GPUs with the planner of {@code core.plan} around {@code estimator}.
     *
     * @param gpus      the GPU options to compare (the catalog's)
     * @param estimator the estimator ({@code Estimator.standard()::estimate})
     * @param explainer its explanation ({@code Estimator.standard()::explain})
     * @param accuracy  the validation figures to state ({@link ReportAccuracy#shared}), asked for once
     * @param exporter  writes the document (the PDF exporter)
     */
    public static ReportService standard(List<GpuSpec> gpus, Function<Scenario, Estimate> estimator,
                                         Function<Scenario, Explanation> explainer,
                                         Supplier<ReportAccuracy> accuracy, ReportExporter exporter) {
        PlanMaker maker = planner(estimator, new CostProjector())::plan;
        return new ReportService(maker, estimator, explainer, gpus, accuracy, exporter);
    }

    /** A planner that has no plan section: it plans every scenario as its defaults say. */
    private static PlanMaker planMaker(BiFunction<Scenario, List<GpuSpec>, Plan> planner) {
        Objects.requireNonNull(planner, "planner");
        return (s, g, spec) -> planner.apply(s, g);
    }

    private static Planner planner(Function<Scenario, Estimate> estimator, CostProjector costs) {
        // The planner searches with memory only; the estimator's memory part is microseconds, so it serves.
        return new Planner(s -> estimator.apply(s).memory(), estimator, costs,
                new Confidence(ErrorBandsFile.bundled()));
    }

    /**
     * Everything the report of {@code scenario} shows; pure computation (tens of milliseconds). With a price list
     * in {@code meta} the estimate and the plan use only its offers at its prices (the standard estimator over
     * them), so that no other provider's price reaches the report.
     */
    public ReportData prepare(Scenario scenario, ReportMeta meta) {
        return prepare(scenario, PlanSpec.defaults(), meta);
    }

    /**
     * Everything the report of {@code scenario} shows with its plan section, as {@link #prepare(Scenario,
     * ReportMeta)}: the planner changes nothing in {@code plan.keep}, tries at most {@code plan.max_gpus} GPUs, and
     * only the GPUs of {@code plan.gpus} when it names some (the scenario's own GPU is always tried).
     */
    public ReportData prepare(Scenario scenario, PlanSpec spec, ReportMeta meta) {
        Optional<SellerPrices> wanted = meta.prices().map(PriceList::sellerPrices);
        if (!wanted.equals(seller)) {
            ReportService priced = wanted.map(p -> new ReportService(p, accuracy, exporter)).orElseThrow(
                    () -> new IllegalStateException("a price list's report service asked for a catalog report"));
            return priced.prepare(scenario, spec, meta);
        }
        List<GpuSpec> over = spec.gpuIds().isEmpty() ? gpus
                : gpus.stream().filter(g -> spec.gpuIds().contains(g.id())).toList();
        return ReportData.build(scenario, estimator, explainer, (s, g) -> planner.plan(s, g, spec), over, meta,
                accuracy());
    }

    /**
     * Everything the comparison of {@code scenarios} shows: each scenario's own report data (estimate, plan,
     * recommendation, sensitivity) under {@code meta}, in the order given. Pure computation (tens of milliseconds per
     * scenario).
     *
     * @param scenarios two to four scenarios
     * @throws IllegalArgumentException for fewer than two or more than four scenarios
     */
    public ComparisonData prepareComparison(List<Scenario> scenarios, ReportMeta meta) {
        if (scenarios.size() < ComparisonData.MIN_SCENARIOS || scenarios.size() > ComparisonData.MAX_SCENARIOS) {
            throw new IllegalArgumentException("a comparison holds " + ComparisonData.MIN_SCENARIOS + " to "
                    + ComparisonData.MAX_SCENARIOS + " scenarios, not " + scenarios.size());
        }
        ReportMeta each = meta.withTitle("");
        return new ComparisonData(meta, scenarios.stream().map(s -> prepare(s, each)).toList());
    }

    /**
     * Computes and writes the comparison report of {@code scenarios} to {@code target}.
     *
     * @throws ReportException with a one-line message for the user; the previous file is then left intact
     */
    public void exportComparison(List<Scenario> scenarios, ReportMeta meta, Path target) {
        exporter.write(prepareComparison(scenarios, meta), target);
    }

    /**
     * Computes and writes the report of {@code scenario} to {@code target}.
     *
     * @throws ReportException with a one-line message for the user; the previous file is then left intact
     */
    public void export(Scenario scenario, ReportMeta meta, Path target) {
        export(scenario, PlanSpec.defaults(), meta, target);
    }

    /**
     * Computes and writes the report of {@code scenario} with its plan section ({@link #prepare(Scenario, PlanSpec,
     * ReportMeta)}) to {@code target}.
     *
     * @throws ReportException with a one-line message for the user; the previous file is then left intact
     */
    public void export(Scenario scenario, PlanSpec spec, ReportMeta meta, Path target) {
        exporter.write(prepare(scenario, spec, meta), target);
    }

    /** The exporter this service writes with. */
    public ReportExporter exporter() {
        return exporter;
    }

    private ReportAccuracy accuracy() {
        return accuracy.get();
    }
}
