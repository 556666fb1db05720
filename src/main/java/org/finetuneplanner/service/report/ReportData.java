package org.finetuneplanner.service.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.ProductLimits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * Everything a report shows, computed before any page is laid out: an immutable snapshot that can be handed to a
 * background thread.
 *
 * @param meta        names, logo, date, language and paper
 * @param scenario    the scenario as the user gave it
 * @param estimate    the scenario on its own hardware
 * @param plan        the planner's comparison over the GPU catalog
 * @param recommended the option the report recommends (the planner's cheapest, else its fastest, else the fewest
 *                    GPUs that fit: {@code fits} before {@code tight}), empty when nothing fits
 * @param sensitivity the "what if" cases around the recommended configuration (a case that does not fit carries no
 *                    hours or cost)
 * @param accuracy    the estimator's measured accuracy against published runs
 * @param explanation the terms that explain the {@link #baseline()} estimate (memory, time, utilisation)
 */
public record ReportData(ReportMeta meta, Scenario scenario, Estimate estimate, Plan plan,
                         Optional<PlanOption> recommended, List<SensitivityCase> sensitivity,
                         ReportAccuracy accuracy, Explanation explanation) {

    public ReportData {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(recommended, "recommended");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(explanation, "explanation");
        sensitivity = List.copyOf(sensitivity);
    }

    /** The same report with other names, logo, date, language or paper. */
    public ReportData withMeta(ReportMeta value) {
        return new ReportData(value, scenario, estimate, plan, recommended, sensitivity, accuracy, explanation);
    }

    /** The same report over another plan (its recommendation kept). */
    public ReportData withPlan(Plan value) {
        return new ReportData(meta, scenario, estimate, value, recommended, sensitivity, accuracy, explanation);
    }

    /** The configuration the summary, memory and sensitivity sections are about: the recommended one if any. */
    public Estimate baseline() {
        return recommended.map(PlanOption::estimate).orElse(estimate);
    }

    /** How sure the {@link #baseline()} is: the recommended option's status and ranges, else the scenario's own. */
    public Ranges baselineRanges() {
        return recommended.map(PlanOption::ranges).orElseGet(this::ownRanges);
    }

    /** How sure the scenario's own estimate is: its status and ranges, from the accuracy's error bands. */
    public Ranges ownRanges() {
        return accuracy.confidence().of(estimate);
    }

    /**
     * The planner's option on the scenario's own GPU model (the plan always reports it): what the planner would
     * change to run the job there, or why it cannot.
     */
    public Optional<PlanOption> ownGpuOption() {
        return plan.option(scenario.hardware().gpu().id());
    }

    /** The title on the cover: the meta's if given, else the scenario's name. */
    public String title() {
        return meta.title().isEmpty() ? scenario.name() : meta.title();
    }

    /**
     * Computes a report's data: the scenario's own estimate, the plan over {@code gpus}, the recommended option and
     * the sensitivity cases, each with the given estimator and planner.
     *
     * @param scenario  the scenario as given
     * @param estimator the estimator ({@code Estimator.standard()::estimate})
     * @param explainer its explanation ({@code Estimator.standard()::explain}), asked for the baseline only
     * @param planner   the planner ({@code new Planner()::plan})
     * @param gpus      the GPU options to compare (the catalog)
     * @param meta      names, logo, date, language, paper
     * @param accuracy  the validation figures to state
     */
    public static ReportData build(Scenario scenario, Function<Scenario, Estimate> estimator,
                                   Function<Scenario, Explanation> explainer,
                                   BiFunction<Scenario, List<GpuSpec>, Plan> planner, List<GpuSpec> gpus,
                                   ReportMeta meta, ReportAccuracy accuracy) {
        Estimate own = estimator.apply(scenario);
        Plan plan = planner.apply(scenario, gpus);
        Optional<PlanOption> recommended = recommend(plan);
        Estimate baseline = recommended.map(PlanOption::estimate).orElse(own);
        List<SensitivityCase> cases = sensitivity(baseline.scenario(), estimator, planner);
        return new ReportData(meta, scenario, own, plan, recommended, cases, accuracy,
                explainer.apply(baseline.scenario()));
    }

    /** The option the plan recommends ({@link Plan#recommended()}: the same rule as the app's). */
    public static Optional<PlanOption> recommend(Plan plan) {
        return plan.recommended();
    }

    private static List<SensitivityCase> sensitivity(Scenario base, Function<Scenario, Estimate> estimator,
                                                     BiFunction<Scenario, List<GpuSpec>, Plan> planner) {
        List<SensitivityCase> out = new ArrayList<>();
        GpuSpec gpu = base.hardware().gpu();
        TrainingSpec training = base.training();
        // A case beyond the limits of a scenario (twice the longest sequence, a rank the other method's layers
        // cannot take) is no scenario: it is left out rather than failing the report.
        if (training.sequenceLength() <= Limits.MAX_SEQUENCE_LENGTH / 2) {
            TrainingSpec doubled = training.withSequenceLength(2 * training.sequenceLength());
            if (admitted(base, base.method(), doubled)) {
                out.add(caseOf(SensitivityCase.Kind.SEQUENCE_DOUBLED, base.withTraining(doubled), estimator, planner,
                        gpu));
            }
        }
        for (FineTuneMethod method : FineTuneMethod.values()) {
            if (method != base.method().type() && admitted(base, methodOf(base, method), trainingOf(base, method))) {
                out.add(caseOf(kindOf(method), withMethod(base, method), estimator, planner, gpu));
            }
        }
        int count = base.hardware().gpuCount();
        if (count < Limits.MAX_GPUS) {
            Scenario more = base.withHardware(base.hardware().withGpuCount(count + 1));
            out.add(new SensitivityCase(SensitivityCase.Kind.ONE_MORE_GPU, more, priced(estimator.apply(more)),
                    Optional.empty()));
        }
        if (count > 1) {
            Scenario fewer = base.withHardware(base.hardware().withGpuCount(count - 1));
            out.add(new SensitivityCase(SensitivityCase.Kind.ONE_FEWER_GPU, fewer, priced(estimator.apply(fewer)),
                    Optional.empty()));
        }
        return out;
    }

    private static SensitivityCase caseOf(SensitivityCase.Kind kind, Scenario changed,
                                          Function<Scenario, Estimate> estimator,
                                          BiFunction<Scenario, List<GpuSpec>, Plan> planner, GpuSpec gpu) {
        Optional<PlanOption> planned = planner.apply(changed, List.of(gpu)).options().stream().findFirst();
        return new SensitivityCase(kind, changed, priced(estimator.apply(changed)), planned);
    }

    /** The estimate as the report may show it: a setup that does not fit has no hours or cost. */
    static Estimate priced(Estimate e) {
        return e.fits() ? e : new Estimate(e.scenario(), e.parameters(), e.memory(), e.throughput(),
                OptionalDouble.empty(), Optional.empty(), e.notes());
    }

    private static SensitivityCase.Kind kindOf(FineTuneMethod method) {
        return switch (method) {
            case FULL -> SensitivityCase.Kind.METHOD_FULL;
            case LORA -> SensitivityCase.Kind.METHOD_LORA;
            case QLORA -> SensitivityCase.Kind.METHOD_QLORA;
        };
    }

    /**
     * The scenario with another method and that method's defaults from the scenario format: full and LoRA keep the
     * base weights in the compute precision, QLoRA stores them in NF4; master weights only for full fine-tuning.
     */
    static Scenario withMethod(Scenario s, FineTuneMethod method) {
        return s.withTraining(trainingOf(s, method)).withMethod(methodOf(s, method));
    }

    private static MethodSpec methodOf(Scenario s, FineTuneMethod method) {
        WeightStorage storage = method == FineTuneMethod.QLORA ? WeightStorage.NF4
                : WeightStorage.forCompute(s.training().precision());
        return s.method().withType(method).withBaseWeights(storage);
    }

    private static TrainingSpec trainingOf(Scenario s, FineTuneMethod method) {
        return s.training().withMasterWeights(method == FineTuneMethod.FULL);
    }

    private static boolean admitted(Scenario s, MethodSpec method, TrainingSpec training) {
        return ProductLimits.check(s.model(), method, training).isEmpty();
    }
}
