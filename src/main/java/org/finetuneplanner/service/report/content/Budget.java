package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.ErrorBand;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * The budget of the recommended option: the estimated cost, a contingency and the total to plan for. The contingency
 * takes the budget to the high end of the cost range ({@code advice-and-prices.md}, "Ranges"): contingency = high −
 * estimate, where high = cost × (1 + e90) and e90 is the 90th percentile of the estimator's speed error on the
 * published runs of the option's kind (the cost follows the time). Never below zero: a kind whose runs all went at
 * least as fast as estimated adds none.
 *
 * @param costUsd the estimated cost
 * @param range   the cost's range
 * @param band    the speed errors the range comes from (no cases when none were measured)
 */
record Budget(double costUsd, Range range, ErrorBand band) {

    /** The budget of {@code option} with the speed band of its kind, or empty when it has no cost. */
    static Optional<Budget> of(PlanOption option, Confidence confidence) {
        if (option.cost().isEmpty() || option.ranges().usd().isEmpty()) {
            return Optional.empty();
        }
        ErrorBand band = confidence.speedBand(option.estimate().scenario().method().type(), option.gpuCount());
        return Optional.of(new Budget(option.cost().get().usd(), option.ranges().usd().get(), band));
    }

    /** Whether the range comes from measured errors (else it is zero wide and no contingency can be given). */
    boolean measured() {
        return band.cases() > 0;
    }

    /** The contingency in US dollars: the range's high end less the estimate, never below zero. */
    double contingencyUsd() {
        return Math.max(0, range.high() - costUsd);
    }

    /** What to plan for: the estimate plus the contingency. */
    double totalUsd() {
        return costUsd + contingencyUsd();
    }

    /** The budget as a table, its total highlighted, with the sentence that says what the contingency covers. */
    Table table(Wording w) {
        List<Cell[]> rows = new ArrayList<>();
        rows.add(SummarySection.pair(w, "budget.cost", Cell.figure(w.f().usd(costUsd))));
        boolean contingency = measured() && contingencyUsd() > 0;
        if (contingency) {
            rows.add(new Cell[] {Cell.words(w.plain("budget.contingency", w.f().percent(contingencyUsd() / costUsd))),
                Cell.figure(w.f().usd(contingencyUsd()))});
            rows.add(SummarySection.pair(w, "budget.total", Cell.figure(w.f().usd(totalUsd()))));
        }
        Table t = Table.keyValue(rows, Table.Density.ROOMY).withFootnote(basis(w));
        List<Table.Row> marked = new ArrayList<>(t.rows());
        int last = marked.size() - 1;
        marked.set(last, new Table.Row(marked.get(last).cells(), contingency));
        return new Table(t.columns(), marked, t.density(), true, t.footnote());
    }

    /** What the contingency covers and where its percentile comes from. */
    Text basis(Wording w) {
        if (!measured()) {
            return w.text("budget.noBasis");
        }
        String kind = w.bandKind(band);
        if (contingencyUsd() <= 0) {
            return w.text("budget.noContingency", band.cases(), kind);
        }
        return w.text("budget.basis", w.f().usdRange(range), w.f().percent(band.e90()), band.cases(), kind);
    }
}
