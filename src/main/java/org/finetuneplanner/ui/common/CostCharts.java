package org.finetuneplanner.ui.common;

import java.util.List;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;

/** The cost-over-time chart as the planner and the comparison draw it. */
public final class CostCharts {
    private CostCharts() {
    }

    /**
     * A chart of cumulative cost over hours: lines without symbols, both axes from zero, not animated (data are
     * replaced in one call), tick labels in the user's number style ("12,5" in Vietnamese, not the axis's default)
     * and axis titles in the current language.
     */
    public static LineChart<Number, Number> of(Texts texts) {
        NumberAxis hours = new NumberAxis();
        NumberAxis usd = new NumberAxis();
        LineChart<Number, Number> chart = new LineChart<>(hours, usd);
        chart.getStyleClass().add(Styles.COST_CHART);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        for (NumberAxis axis : List.of(hours, usd)) {
            axis.setAnimated(false);
            axis.setForceZeroInRange(true);
            axis.tickLabelFormatterProperty().bind(texts.numberConverter());
        }
        hours.labelProperty().bind(texts.t("results.cost.hours"));
        // The amounts are in the currency in force (a price list's, else US dollars), named on the axis.
        usd.labelProperty().bind(texts.messages().map(m -> m.text("results.cost.usd", m.money().currency())));
        return chart;
    }

    /** The smallest of 1, 2, 2.5, 5 × a power of ten that is at least {@code raw}. */
    public static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
