package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;

/**
 * Which cost curves the chart shows by default, and each GPU's colour. A chart of twenty-six lines says nothing; by
 * default it shows the options a reader compares: the selected one, the user's own GPU, the cheapest, the fastest,
 * and the cheapest of each vendor, at most {@value #MOST}. Pure.
 */
final class CurveChoice {
    /** The most curves shown by default. */
    static final int MOST = 6;
    /** Distinct line colours (CSS {@code curve-0} … {@code curve-11}); the catalog's GPUs take them in turn. */
    static final int COLOURS = 12;

    private CurveChoice() {
    }

    /**
     * The GPU ids of the default curves, in the plan's order: only options that fit and have a cost, at most
     * {@value #MOST}, chosen in this order of importance: {@code selected}, {@code own}, the cheapest, the fastest,
     * then the cheapest of each vendor (vendors in the order the plan lists them).
     */
    static Set<String> chosen(Plan plan, String selected, String own) {
        Set<String> wanted = new LinkedHashSet<>();
        for (Optional<String> id : List.of(Optional.ofNullable(selected), Optional.ofNullable(own), plan.cheapest(),
                plan.fastest())) {
            id.flatMap(plan::option).filter(CurveChoice::drawn).ifPresent(o -> wanted.add(o.gpu().id()));
        }
        Set<String> vendors = new LinkedHashSet<>();
        plan.options().forEach(o -> vendors.add(o.gpu().vendor()));
        for (String vendor : vendors) {
            plan.options().stream().filter(o -> o.gpu().vendor().equals(vendor) && drawn(o))
                    .min(Comparator.comparingDouble(o -> o.cost().orElseThrow().usd()))
                    .ifPresent(o -> wanted.add(o.gpu().id()));
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String id : wanted) {
            if (chosen.size() < MOST) {
                chosen.add(id);
            }
        }
        Set<String> inPlanOrder = new LinkedHashSet<>();
        plan.options().forEach(o -> {
            if (chosen.contains(o.gpu().id())) {
                inPlanOrder.add(o.gpu().id());
            }
        });
        return inPlanOrder;
    }

    /** Whether an option has a cost curve at all: it fits and has a cost. */
    static boolean drawn(PlanOption o) {
        return o.fits() && o.cost().isPresent();
    }

    /**
     * A GPU's colour: its place in the catalog, modulo {@link #COLOURS} (neighbours in the catalog, often compared,
     * never share one); a GPU outside the catalog takes one from its id.
     */
    static int colour(GpuSpec gpu, List<GpuSpec> catalog) {
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.get(i).id().equals(gpu.id())) {
                return i % COLOURS;
            }
        }
        return Math.floorMod(gpu.id().hashCode(), COLOURS);
    }

    /** Every option's curve, or only the chosen ones. */
    static List<CostCurve> curves(Plan plan, Set<String> only, boolean all, List<GpuSpec> catalog,
                                  Function<PlanOption, String> label) {
        List<CostCurve> list = new ArrayList<>();
        for (PlanOption o : plan.options()) {
            if (drawn(o) && (all || only.contains(o.gpu().id()))) {
                list.add(new CostCurve(o.gpu().id(), label.apply(o), o.cost().get().series(),
                        colour(o.gpu(), catalog)));
            }
        }
        return list;
    }
}
