package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.scenario.Scenario;

/**
 * What the planner screen needs from the core and the catalogs, composed in {@code App}.
 *
 * @param presets   catalog models, in catalog order (not empty)
 * @param gpus      the GPUs to choose from, in catalog order (not empty); with a seller's price list, its own GPUs
 *                  after the catalog's
 * @param estimator {@code core.Estimator#estimate}: pure and fast, called on every change
 * @param explainer {@code core.Estimator#explain}: the terms of the selected option only
 * @param planner   {@code core.plan.Planner#plan}: every GPU option, called on every change
 * @param facts     the ranges, caveats and largest sizes of the user's own setup, called on every change
 * @param models    config.json and parameter-count models
 * @param sellers   the same services over a seller's price list: only its offers, at its prices
 */
public record PlannerServices(List<ModelSpec> presets, List<GpuSpec> gpus, Function<Scenario, Estimate> estimator,
                              Function<Scenario, Explanation> explainer,
                              BiFunction<Scenario, List<GpuSpec>, Plan> planner, Function<Estimate, SetupFacts> facts,
                              ModelSources models, Function<SellerPrices, PlannerServices> sellers) {

    /** Services at the catalog's prices only: putting a price list in force with them is refused. */
    public PlannerServices(List<ModelSpec> presets, List<GpuSpec> gpus, Function<Scenario, Estimate> estimator,
                           Function<Scenario, Explanation> explainer,
                           BiFunction<Scenario, List<GpuSpec>, Plan> planner, Function<Estimate, SetupFacts> facts,
                           ModelSources models) {
        this(presets, gpus, estimator, explainer, planner, facts, models, prices -> {
            throw new UnsupportedOperationException("these planner services price with the catalog only");
        });
    }

    public PlannerServices {
        presets = List.copyOf(presets);
        gpus = List.copyOf(gpus);
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(explainer, "explainer");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(sellers, "sellers");
        if (presets.isEmpty() || gpus.isEmpty()) {
            throw new IllegalArgumentException("the catalogs must list at least one model and one GPU");
        }
    }

    /** The services over {@code prices}: the estimate and the plan price only its offers, in its currency. */
    public PlannerServices withSeller(SellerPrices prices) {
        return sellers.apply(prices);
    }
}
