package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.BoundingBox;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.ui.common.CostCharts;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The cost-over-time chart: the curves the view-model chooses (at most six by default, every one with "show all"),
 * each in its GPU's own colour ({@code curve-0} … {@code curve-11}) with its name at the line's end, the selected
 * option's line bold. The axes leave room right of the longest line for the names. Drawn only while it is on
 * screen: a slider tick with the chart hidden changes no node. Only layout and binding.
 */
final class CostCurvesPane extends VBox {
    private final ResultsViewModel vm;
    private final LineChart<Number, Number> chart;
    private final CheckBox showAll = new CheckBox();
    private final Label empty = new Label();
    private boolean onScreen = true;
    private boolean stale;
    private List<String> drawnIds = List.of();
    private boolean deconflictQueued;

    CostCurvesPane(ResultsViewModel vm, Texts texts) {
        super(6);
        this.vm = vm;
        getStyleClass().add("cost-pane");
        chart = CostCharts.of(texts);
        chart.setId("costChart");
        chart.setLegendVisible(false);
        chart.setMinHeight(180);
        VBox.setVgrow(chart, Priority.ALWAYS);
        showAll.setId("showAllCurves");
        showAll.textProperty().bind(Bindings.createStringBinding(() -> texts.now().text(
                "results.cost.showAll", vm.drawableCurvesProperty().getValue()), texts.messages(),
                vm.drawableCurvesProperty()));
        showAll.selectedProperty().bindBidirectional(vm.showAllCurvesProperty());
        showAll.setMnemonicParsing(false);
        Label hint = new Label();
        hint.getStyleClass().add(Styles.MUTED);
        hint.textProperty().bind(texts.t("results.cost.hint"));
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        showAll.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox top = new HBox(12, hint, showAll);
        top.setAlignment(Pos.CENTER_LEFT);
        empty.setId("costEmpty");
        empty.textProperty().bind(texts.t("results.cost.empty"));
        empty.getStyleClass().add(Styles.MUTED);
        empty.managedProperty().bind(empty.visibleProperty());
        empty.visibleProperty().bind(vm.curveIdsProperty().map(List::isEmpty));
        getChildren().addAll(top, empty, chart);
        vm.costCurvesProperty().subscribe(c -> redraw());
        // Another selected GPU only restyles: the points come with the curves, which change with the results.
        vm.selectedGpuIdProperty().subscribe(id -> restyle());
    }

    private void restyle() {
        if (!onScreen) {
            stale = true;
        } else if (!stale && vm.curveIdsProperty().getValue().equals(drawnIds)) {
            // Other lines are drawn (and styled) by the curves' own change.
            style(vm.costCurvesProperty().getValue());
        }
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    /** Whether the chart is on screen: off screen it is redrawn only when it comes back. */
    void setOnScreen(boolean value) {
        onScreen = value;
        if (value && stale) {
            redraw();
        }
    }

    private void redraw() {
        if (!onScreen) {
            stale = true;
            return;
        }
        stale = false;
        List<CostCurve> curves = vm.costCurvesProperty().getValue();
        List<String> ids = curves.stream().map(CostCurve::gpuId).toList();
        fitAxes(curves);
        if (!ids.equals(drawnIds)) {
            // Other lines: new series (a slider tick only moves the points of the same lines).
            drawnIds = ids;
            List<XYChart.Series<Number, Number>> series = new ArrayList<>(curves.size());
            for (CostCurve c : curves) {
                series.add(new XYChart.Series<>(c.label(), FXCollections.observableArrayList(points(c))));
            }
            chart.getData().setAll(series);
        } else {
            for (int i = 0; i < curves.size(); i++) {
                XYChart.Series<Number, Number> s = chart.getData().get(i);
                s.setName(curves.get(i).label());
                s.getData().setAll(points(curves.get(i)));
            }
        }
        style(curves);
    }

    /** Each line and its name in the GPU's colour (after the chart has set its own classes), the selected bold. */
    private void style(List<CostCurve> curves) {
        String selected = vm.selectedGpuIdProperty().getValue();
        for (int i = 0; i < curves.size() && i < chart.getData().size(); i++) {
            CostCurve c = curves.get(i);
            XYChart.Series<Number, Number> s = chart.getData().get(i);
            String colour = "curve-" + c.colour();
            boolean isSelected = c.gpuId().equals(selected);
            List<Node> nodes = new ArrayList<>(2);
            if (s.getNode() != null) {
                nodes.add(s.getNode());
            }
            List<XYChart.Data<Number, Number>> data = s.getData();
            if (!data.isEmpty() && data.get(data.size() - 1).getNode() != null) {
                nodes.add(data.get(data.size() - 1).getNode());
            }
            for (Node n : nodes) {
                n.getStyleClass().removeIf(k -> k.startsWith("curve-") && !k.equals("curve-end"));
                n.getStyleClass().add(colour);
                n.pseudoClassStateChanged(Styles.SELECTED, isSelected);
            }
        }
        queueDeconflict();
    }

    private List<XYChart.Data<Number, Number>> points(CostCurve c) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(c.points().size());
        for (CostPoint p : c.points()) {
            points.add(new XYChart.Data<>(p.hours(), p.usd()));
        }
        if (!points.isEmpty()) {
            Label end = new Label(c.label());
            end.getStyleClass().add("curve-end");
            end.setMouseTransparent(true);
            end.setMinWidth(Label.USE_PREF_SIZE);
            // Right of where the line ends, its middle on the end: the axis leaves room there.
            end.layoutBoundsProperty().subscribe(b -> end.setTranslateX(b.getWidth() / 2 + 4));
            end.layoutYProperty().subscribe(y -> queueDeconflict());
            points.get(points.size() - 1).setNode(end);
        }
        return points;
    }

    /**
     * Hours from 0 to a round value well past the longest line (its name needs the room), cost from 0 to a round
     * value a little above the highest.
     */
    private void fitAxes(List<CostCurve> curves) {
        double hours = curves.stream().flatMap(c -> c.points().stream()).mapToDouble(CostPoint::hours).max()
                .orElse(0);
        double usd = curves.stream().flatMap(c -> c.points().stream()).mapToDouble(CostPoint::usd).max().orElse(0);
        fit((NumberAxis) chart.getXAxis(), hours * 1.4);
        fit((NumberAxis) chart.getYAxis(), usd * 1.08);
    }

    private static void fit(NumberAxis axis, double max) {
        if (!(max > 0)) {
            axis.setAutoRanging(true);
            return;
        }
        double step = CostCharts.niceStep(max / 6);
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        axis.setTickUnit(step);
        axis.setUpperBound(Math.ceil(max / step) * step);
    }

    /** Moves the names at the lines' ends apart vertically once the chart has placed them. */
    private void queueDeconflict() {
        if (!deconflictQueued) {
            deconflictQueued = true;
            Platform.runLater(this::deconflict);
        }
    }

    private void deconflict() {
        deconflictQueued = false;
        List<Label> ends = new ArrayList<>();
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            List<XYChart.Data<Number, Number>> data = s.getData();
            if (!data.isEmpty() && data.get(data.size() - 1).getNode() instanceof Label l) {
                ends.add(l);
            }
        }
        ends.sort(Comparator.comparingDouble(Node::getLayoutY));
        List<BoundingBox> placed = new ArrayList<>();
        for (Label l : ends) {
            double w = l.getLayoutBounds().getWidth();
            double h = l.getLayoutBounds().getHeight();
            double x = l.getLayoutX() + l.getLayoutBounds().getMinX() + w / 2 + 4;
            double y = l.getLayoutY() + l.getLayoutBounds().getMinY();
            double shift = 0;
            // A name whose box would overlap one placed before moves down below it, until it overlaps none.
            for (boolean moved = true; moved; ) {
                moved = false;
                for (BoundingBox b : placed) {
                    if (b.intersects(x, y + shift, w, h)) {
                        shift = b.getMaxY() - y + 1;
                        moved = true;
                    }
                }
            }
            l.setTranslateY(shift);
            placed.add(new BoundingBox(x, y + shift, w, h));
        }
    }
}
