package org.finetuneplanner.ui.compare;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.ui.common.CostCharts;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;
import org.finetuneplanner.ui.planner.MemoryBar;

/**
 * The pinned scenarios side by side: a table of their inputs and results (inputs that differ tinted), what differs,
 * their memory bars on one scale and their cost curves on one chart, each pin in the colour of its slot with its
 * letter at the line's end. Only layout and binding: every text comes worded from {@link CompareViewModel}.
 */
public final class CompareView extends BorderPane {
    /** Style class of everything drawn in a slot's colour: {@code slot-0} … {@code slot-3}. */
    static String slot(int slot) {
        return "slot-" + slot;
    }

    private final CompareViewModel vm;
    private final Texts texts;
    private final Label empty = new Label();
    private final GridPane table = new GridPane();
    private final VBox differences = new VBox(4);
    private final VBox bars = new VBox(6);
    private final LineChart<Number, Number> costChart;
    private final NumberAxis usdAxis;
    private final Label costEmpty = new Label();
    private final VBox cards = new VBox(12);

    /**
     * @param vm     the pins and their comparison
     * @param texts  the app's words
     * @param export File → Export comparison… (asks for the details and the file, then writes)
     */
    public CompareView(CompareViewModel vm, Texts texts, Runnable export) {
        this.vm = vm;
        this.texts = texts;
        this.costChart = CostCharts.of(texts);
        this.usdAxis = (NumberAxis) costChart.getYAxis();
        getStyleClass().addAll("compare-view", Styles.RESULTS);
        getStylesheets().add(CompareView.class.getResource("/org/finetuneplanner/ui/compare.css").toExternalForm());
        setTop(header(export));
        ScrollPane scroll = new ScrollPane();
        scroll.getStyleClass().add(Styles.RESULTS);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        empty.setId("compareEmpty");
        empty.setWrapText(true);
        empty.getStyleClass().add("compare-empty");
        cards.getChildren().setAll(empty, card("compareTableCard", "compareView.table", table),
                card("compareDifferencesCard", "compareView.differences", differences),
                card("compareMemoryCard", "compareView.memory", new VBox(8, bars, legend())), costCard());
        VBox content = new VBox(12, cards);
        content.setPadding(new Insets(12));
        scroll.setContent(content);
        setCenter(scroll);
        bind();
    }

    private Node header(Runnable export) {
        Label title = new Label();
        title.textProperty().bind(texts.t("compareView.title"));
        title.getStyleClass().add("compare-title");
        Label count = new Label();
        count.setId("pinCount");
        count.textProperty().bind(vm.pinsTitleProperty());
        count.getStyleClass().add(Styles.MUTED);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button pin = texts.button("pinButton", "compareView.pin", vm::pinCurrent);
        pin.disableProperty().bind(vm.canPinProperty().map(b -> !b));
        Button exportButton = texts.button("exportComparisonButton", "compareView.export", export);
        exportButton.disableProperty().bind(vm.canExportProperty().map(b -> !b));
        exportButton.setDefaultButton(false);
        Button back = texts.button("backToPlanner", "compareView.back", () -> vm.shownProperty().set(false));
        // Esc leaves the comparison, as the button says.
        back.setCancelButton(true);
        HBox bar = new HBox(10, title, count, grow, pin, exportButton, back);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("compare-header");
        return bar;
    }


    private VBox card(String id, String key, Node body) {
        Label title = new Label();
        title.textProperty().bind(texts.t(key));
        title.getStyleClass().add(Styles.SECTION_TITLE);
        VBox box = new VBox(8, title, body);
        box.setId(id);
        box.getStyleClass().add(Styles.CARD);
        return box;
    }

    /** What each colour of the bars is, in the words of the planner's legend. */
    private Node legend() {
        FlowPane legend = new FlowPane(4, 2);
        legend.setId("compareLegend");
        for (MemoryComponent c : MemoryComponent.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", Styles.part(c));
            Label item = new Label();
            item.setGraphic(swatch);
            item.getStyleClass().add(Styles.LEGEND_ITEM);
            item.textProperty().bind(texts.messages().map(m -> m.label(c)));
            legend.getChildren().add(item);
        }
        return legend;
    }

    private Node costCard() {
        costChart.setId("compareCostChart");
        costChart.getStyleClass().add("compare-chart");
        // The letters at the lines' ends and the table's coloured letters say which line is which.
        costChart.setLegendVisible(false);
        costChart.setPrefHeight(340);
        costChart.setMinHeight(260);
        costEmpty.textProperty().bind(texts.t("compareView.costEmpty"));
        costEmpty.getStyleClass().add(Styles.MUTED);
        costEmpty.managedProperty().bind(costEmpty.visibleProperty());
        costEmpty.visibleProperty().bind(vm.curvesProperty().map(List::isEmpty));
        costChart.managedProperty().bind(costChart.visibleProperty());
        costChart.visibleProperty().bind(costEmpty.visibleProperty().not());
        return card("compareCostCard", "compareView.cost", new VBox(6, costEmpty, costChart));
    }

    // ---- binding ------------------------------------------------------------------------------------------

    private void bind() {
        // Below two pins the view says what to do; the cards show from two pins on.
        vm.pins().subscribe(this::showState);
        texts.messages().subscribe(m -> showState());
        vm.rowsProperty().subscribe(rows -> showTable());
        vm.differencesProperty().subscribe(this::showDifferences);
        vm.barsProperty().subscribe(this::showBars);
        vm.spanBytesProperty().subscribe(span -> showBars(vm.barsProperty().getValue()));
        vm.curvesProperty().subscribe(this::showCurves);
    }

    private void showState() {
        int n = vm.pins().size();
        empty.setText(texts.now().text(n == 1 ? "compareView.one" : "compareView.empty"));
        empty.setVisible(n < 2);
        empty.setManaged(n < 2);
        cards.getChildren().stream().skip(1).forEach(c -> {
            c.setVisible(n >= 2);
            c.setManaged(n >= 2);
        });
    }

    private void showTable() {
        List<CompareViewModel.Row> rows = vm.rowsProperty().getValue();
        List<CompareViewModel.Pin> pins = List.copyOf(vm.pins());
        table.getChildren().clear();
        table.getColumnConstraints().clear();
        table.getStyleClass().setAll("compare-table");
        if (rows.isEmpty()) {
            return;
        }
        table.getColumnConstraints().add(new ColumnConstraints());
        for (int i = 0; i < pins.size(); i++) {
            ColumnConstraints c = new ColumnConstraints(120, 200, Double.MAX_VALUE);
            c.setHgrow(Priority.ALWAYS);
            table.getColumnConstraints().add(c);
            table.add(pinHeader(pins.get(i)), i + 1, 0);
        }
        for (int r = 0; r < rows.size(); r++) {
            CompareViewModel.Row row = rows.get(r);
            boolean tinted = row.tinted();
            Label label = cell(row.label(), "compare-label", tinted);
            if (r == 0) {
                labelColumn(table.getColumnConstraints().get(0), label);
            }
            table.add(label, 0, r + 1);
            for (int i = 0; i < row.values().size(); i++) {
                table.add(cell(row.values().get(i), "compare-value", tinted), i + 1, r + 1);
            }
        }
    }

    /**
     * The labels' column in em of their font (11.5, 16 and 18.5 em: 150, 210 and 240 px at 13 px), so that it grows
     * with the zoom: fixed pixels broke a zoomed label inside its words ("Micro-batc h").
     */
    private static void labelColumn(ColumnConstraints c, Label label) {
        c.minWidthProperty().bind(label.fontProperty().map(f -> 11.5 * f.getSize()));
        c.prefWidthProperty().bind(label.fontProperty().map(f -> 16 * f.getSize()));
        c.maxWidthProperty().bind(label.fontProperty().map(f -> 18.5 * f.getSize()));
    }

    /** A pin's column head: its colour, letter and name, and a button to unpin it. */
    private Node pinHeader(CompareViewModel.Pin pin) {
        Label letter = new Label(pin.letter());
        letter.getStyleClass().addAll("pin-letter", slot(pin.slot()));
        Label name = new Label(pin.scenario().name());
        name.getStyleClass().add("pin-name");
        name.setWrapText(true);
        Tooltip.install(name, new Tooltip(pin.scenario().name()));
        Button unpin = new Button("\u2715");
        unpin.setId("unpin-" + pin.letter());
        unpin.getStyleClass().add("unpin");
        String words = texts.now().text("compareView.unpin", pin.letter());
        unpin.setTooltip(new Tooltip(words));
        unpin.setAccessibleText(words);
        unpin.setOnAction(e -> vm.unpin(pin.slot()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(6, letter, name, grow, unpin);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("pin-header");
        head.setMaxWidth(Double.MAX_VALUE);
        return head;
    }

    private static Label cell(String text, String style, boolean tinted) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        l.getStyleClass().add(style);
        if (tinted) {
            l.getStyleClass().add("compare-differs");
        }
        GridPane.setValignment(l, VPos.TOP);
        GridPane.setFillHeight(l, true);
        return l;
    }

    private void showDifferences(List<String> lines) {
        List<Node> nodes = new ArrayList<>();
        for (String line : lines) {
            Label l = new Label("\u2022 " + line);
            l.setWrapText(true);
            l.getStyleClass().add("compare-difference");
            nodes.add(l);
        }
        differences.getChildren().setAll(nodes);
    }

    private void showBars(List<CompareViewModel.Bar> list) {
        long span = vm.spanBytesProperty().getValue();
        List<Node> rows = new ArrayList<>();
        for (CompareViewModel.Bar b : list) {
            Label name = new Label(b.data().label());
            name.getStyleClass().add("compare-bar-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.setPrefWidth(230);
            name.setMaxWidth(230);
            MemoryBar bar = new MemoryBar(true);
            bar.setPartWords(vm::part);
            bar.getStyleClass().add("compare-bar");
            bar.spanProperty().set(span);
            bar.dataProperty().set(b.data());
            HBox.setHgrow(bar, Priority.ALWAYS);
            Label value = new Label(b.data().value());
            value.getStyleClass().add(Styles.MUTED);
            value.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(6, name, bar, value);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("compare-bar-row");
            rows.add(row);
        }
        bars.getChildren().setAll(rows);
    }

    /**
     * The cost axis from 0 to a round value a tenth above the highest cost: the letters at the lines' ends stay
     * inside the plot (the axis's own range would end at the highest line's end).
     */
    private void fitCostAxis(List<CompareViewModel.Curve> curves) {
        double max = curves.stream().flatMap(c -> c.points().stream()).mapToDouble(CostPoint::usd).max().orElse(0);
        if (!(max > 0)) {
            usdAxis.setAutoRanging(true);
            return;
        }
        double step = CostCharts.niceStep(max * 1.1 / 5);
        usdAxis.setAutoRanging(false);
        usdAxis.setLowerBound(0);
        usdAxis.setTickUnit(step);
        usdAxis.setUpperBound(Math.ceil(max * 1.1 / step) * step);
    }

    private void showCurves(List<CompareViewModel.Curve> curves) {
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (CompareViewModel.Curve c : curves) {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>();
            for (CostPoint p : c.points()) {
                points.add(new XYChart.Data<>(p.hours(), p.usd()));
            }
            if (!points.isEmpty()) {
                Label end = new Label(c.letter());
                // Above and left of where the line ends, so the letter stays inside the plot.
                end.setTranslateX(-9);
                end.setTranslateY(-10);
                points.get(points.size() - 1).setNode(end);
            }
            series.add(new XYChart.Series<>(c.label(), FXCollections.observableArrayList(points)));
        }
        fitCostAxis(curves);
        costChart.getData().setAll(series);
        // Styled once the chart has added its own classes (it sets a symbol's classes when the series is added).
        for (int i = 0; i < curves.size(); i++) {
            String slot = slot(curves.get(i).slot());
            Node line = series.get(i).getNode();
            if (line != null) {
                line.getStyleClass().add(slot);
            }
            List<XYChart.Data<Number, Number>> data = series.get(i).getData();
            if (!data.isEmpty() && data.get(data.size() - 1).getNode() != null) {
                data.get(data.size() - 1).getNode().getStyleClass().addAll("curve-end", slot);
            }
        }
    }
}
