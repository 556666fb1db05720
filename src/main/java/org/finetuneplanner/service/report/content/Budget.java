package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * The budget of the recommended configuration: the estimated cost, a contingency for the estimate's error and
 * the total to plan for. The contingency is the estimator's median error on training speed against the published
 * runs (cost follows time), rounded up to a whole percent.
 *
 * @param costUsd       the estimated cost
 * @param contingency   the contingency's share of the cost (0.26 = 26 %), empty when no accuracy was measured
 * @param runs          the published runs the speed error was measured on
 */
record Budget(double costUsd, OptionalDouble contingency, int runs) {

    /** The budget of {@code e}, or empty when it has no cost. */
    static Optional<Budget> of(Estimate e, ReportAccuracy accuracy) {
        // TODO(#13) when estimates carry ranges (advice), the contingency is the range's high end less the estimate.
        if (e.cost().isEmpty()) {
            return Optional.empty();
        }
        Optional<ReportAccuracy.Row> speed = accuracy.rows().stream()
                .filter(r -> r.quantity() == ReportAccuracy.Quantity.SPEED).findFirst();
        OptionalDouble share = speed.map(r -> OptionalDouble.of(Math.ceil(r.medianAbsPercentError()) / 100))
                .orElse(OptionalDouble.empty());
        return Optional.of(new Budget(e.cost().get().usd(), share, speed.map(ReportAccuracy.Row::cases).orElse(0)));
    }

    /** The contingency in US dollars (0 without one). */
    double contingencyUsd() {
        return costUsd * contingency.orElse(0);
    }

    /** The budget as a table with its footnote. */
    Table table(Wording w) {
        List<Cell[]> rows = new ArrayList<>();
        rows.add(SummarySection.pair(w, "budget.cost", Cell.figure(w.f().usd(costUsd))));
        Text note;
        if (contingency.isPresent()) {
            String share = w.f().percent(contingency.getAsDouble());
            rows.add(new Cell[] {Cell.words(w.plain("budget.contingency", share)),
                Cell.figure(w.f().usd(contingencyUsd()))});
            rows.add(SummarySection.pair(w, "budget.total", Cell.figure(w.f().usd(costUsd + contingencyUsd()))));
            note = w.text("budget.basis", share, runs);
        } else {
            note = w.text("budget.noBasis");
        }
        Table t = Table.keyValue(rows, Table.Density.ROOMY).withFootnote(note);
        List<Table.Row> marked = new ArrayList<>(t.rows());
        int last = marked.size() - 1;
        marked.set(last, new Table.Row(marked.get(last).cells(), contingency.isPresent()));
        return new Table(t.columns(), marked, t.density(), true, t.footnote());
    }
}
