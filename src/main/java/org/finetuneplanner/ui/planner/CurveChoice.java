package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
    /** Distinct line colours (CSS {@code curve-0} … {@code curve-11}), given to the GPUs as they are drawn. */
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

    /** Every option's curve, or only the chosen ones, each in its GPU's colour from {@code colours}. */
    static List<CostCurve> curves(Plan plan, Set<String> only, boolean all, Colours colours,
                                  Function<PlanOption, String> label) {
        colours.assign(only);
        List<CostCurve> list = new ArrayList<>();
        for (PlanOption o : plan.options()) {
            if (drawn(o) && (all || only.contains(o.gpu().id()))) {
                list.add(new CostCurve(o.gpu().id(), label.apply(o), o.cost().get().seriesInCurrency(),
                        colours.of(o.gpu().id())));
            }
        }
        return list;
    }

    /**
     * Each GPU's line colour, 0 to {@link #COLOURS} − 1, kept for as long as the screen lives: a GPU takes a colour
     * the first time it is drawn, the first one that none of the GPUs drawn with it has (so the few curves of the
     * default chart never share one), and keeps it however the plan or the choice changes afterwards.
     */
    static final class Colours {
        private final Map<String, Integer> given = new HashMap<>();

        /** Gives each of {@code ids} that has none a colour that the others of {@code ids} do not have. */
        void assign(Set<String> ids) {
            for (String id : ids) {
                if (!given.containsKey(id)) {
                    boolean[] taken = new boolean[COLOURS];
                    ids.stream().map(given::get).filter(Objects::nonNull).forEach(c -> taken[c] = true);
                    int free = 0;
                    while (free < COLOURS && taken[free]) {
                        free++;
                    }
                    given.put(id, free < COLOURS ? free : given.size() % COLOURS);
                }
            }
        }

        /** The colour of {@code id}: the one it was given, else one given now. */
        int of(String id) {
            Integer c = given.get(id);
            if (c != null) {
                return c;
            }
            int next = given.size() % COLOURS;
            given.put(id, next);
            return next;
        }
    }
}
