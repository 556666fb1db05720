package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.ui.common.CostCharts;
import org.finetuneplanner.ui.common.Frames;
import org.finetuneplanner.ui.common.Rows;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The right side: recommendation, memory of the selected option (its explanation in a pop-over), the options
 * table, the memory of every option, cost over time and notes. Only layout and binding: every text comes worded
 * from {@link ResultsViewModel}.
 */
public final class ResultsView extends ScrollPane {
    private static final PseudoClass NO_FIT = PseudoClass.getPseudoClass("no-fit");

    private final ResultsViewModel vm;
    private final Texts texts;
    private final VBox content = new VBox(12);

    private final MemoryBar selectedBar = new MemoryBar();
    private final ToggleGroup partGroup = new ToggleGroup();
    private final Map<MemoryComponent, ToggleButton> legend = new EnumMap<>(MemoryComponent.class);
    private final ExplanationPopOver explanation;
    private final ObservableList<OptionRow> rows = FXCollections.observableArrayList();
    private final TableView<OptionRow> table = new TableView<>();
    private final LineChart<Number, Number> costChart;
    private final Label costEmpty = new Label();
    private final VBox optionBars = new VBox(3);
    private final VBox notes = new VBox(4);
    private boolean syncingSelection;

    public ResultsView(ResultsViewModel vm, Texts texts) {
        this.vm = vm;
        this.texts = texts;
        this.explanation = new ExplanationPopOver(vm, texts);
        this.costChart = CostCharts.of(texts);
        getStyleClass().add(Styles.RESULTS);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        Frames.drawChangesOnly(this);
        content.setPadding(new Insets(12));
        setContent(content);
        content.getChildren().addAll(staleBanner(), recommendationCard(), Rows.pair(12, memoryCard(), barsCard()),
                optionsCard(), costCard(), notesCard());
        bind();
    }

    private Label title(String key) {
        Label l = new Label();
        l.textProperty().bind(texts.t(key));
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private VBox card(String id, Node... children) {
        VBox box = new VBox(8, children);
        box.setId(id);
        box.getStyleClass().add(Styles.CARD);
        return box;
    }

    private static Label wrapping(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        return l;
    }

    private Tooltip tooltip(String key) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(texts.t(key));
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    private Node staleBanner() {
        Label l = wrapping("staleBanner", Styles.STALE_BANNER);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(texts.t("results.stale"));
        l.visibleProperty().bind(vm.staleProperty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private Node recommendationCard() {
        Label text = wrapping("recommendation", Styles.RECOMMENDATION_TEXT);
        text.textProperty().bind(vm.recommendationProperty());
        Label summary = wrapping("summary", Styles.MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        VBox card = card("recommendationCard", title("results.recommendation"), text, summary);
        card.getStyleClass().add(Styles.RECOMMENDATION);
        return card;
    }

    private Node memoryCard() {
        Label caption = wrapping("memoryCaption", Styles.BAR_CAPTION);
        caption.textProperty().bind(vm.captionProperty());
        selectedBar.setId("selectedBar");
        selectedBar.getStyleClass().add("memory-bar-large");
        selectedBar.setPartWords(vm::part);
        selectedBar.setOnSelect(c -> explain(c, selectedBar.segment(c)));
        selectedBar.selectedProperty().bind(vm.selectedComponentProperty());
        selectedBar.setAccessibleText(null);
        selectedBar.accessibleTextProperty().bind(vm.captionProperty());

        FlowPane legendPane = new FlowPane(6, 6);
        legendPane.setId("legend");
        for (MemoryComponent c : MemoryComponent.values()) {
            ToggleButton b = new ToggleButton();
            b.setId("legend-" + c.id());
            b.getStyleClass().add(Styles.LEGEND_ITEM);
            b.setToggleGroup(partGroup);
            b.setUserData(c);
            Region swatch = new Region();
            swatch.getStyleClass().addAll("swatch", Styles.part(c));
            b.setGraphic(swatch);
            b.setTooltip(tooltip("results.memory.tip"));
            b.setMnemonicParsing(false);
            b.textProperty().bind(vm.legendProperty(c));
            // A click, Space or Enter opens the explanation of this part at its segment (at the entry when the
            // part is too thin to point at); Escape closes it.
            b.setOnAction(e -> {
                b.setSelected(true);
                Node segment = selectedBar.segment(c);
                explain(c, segment.getBoundsInParent().getWidth() >= 6 ? segment : b);
            });
            legend.put(c, b);
            legendPane.getChildren().add(b);
        }
        vm.selectedComponentProperty().subscribe(c -> legend.forEach((k, b) -> b.setSelected(k == c)));
        Label hint = new Label();
        hint.getStyleClass().add(Styles.MUTED);
        hint.textProperty().bind(texts.t("results.memory.tip"));
        hint.setWrapText(true);
        return card("memoryCard", title("results.memory"), caption, selectedBar, legendPane, hint);
    }

    private void explain(MemoryComponent c, Node anchor) {
        vm.selectedComponentProperty().set(c);
        explanation.show(anchor);
    }

    /** The explanation pop-over (for tests). */
    org.controlsfx.control.PopOver explanationPopOver() {
        return explanation.popOver();
    }

    private Node optionsCard() {
        table.setId("optionsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(300);
        table.setMinHeight(200);
        SortedList<OptionRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        List<TableColumn<OptionRow, OptionRow>> columns = new ArrayList<>();
        for (OptionColumn oc : OptionColumn.values()) {
            TableColumn<OptionRow, OptionRow> c = new TableColumn<>();
            c.setId("column-" + oc.id());
            c.textProperty().bind(texts.t(oc.headerKey()));
            c.setPrefWidth(width(oc));
            c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
            c.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(OptionRow item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : item.cell(oc));
                }
            });
            c.setComparator(oc.comparator());
            columns.add(c);
        }
        table.getColumns().setAll(columns);
        // Cheapest first: what a customer asks about first; any header click re-sorts.
        table.getSortOrder().setAll(List.of(columns.get(OptionColumn.COST.ordinal())));
        table.setRowFactory(tv -> new TableRow<>() {
            // One tooltip per row, its text made only when it is about to show: rows update on every tick.
            private final Tooltip reason = new Tooltip();

            {
                reason.setWrapText(true);
                reason.setMaxWidth(420);
                reason.setOnShowing(e -> reason.setText(getItem() == null ? "" : vm.reasons(getItem())));
            }

            @Override
            protected void updateItem(OptionRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(NO_FIT, !empty && item != null && !item.fits());
                Tooltip wanted = empty || item == null || item.reasons().isEmpty() ? null : reason;
                if (getTooltip() != wanted) {
                    setTooltip(wanted);
                }
            }
        });
        Label t = title("results.options");
        Tooltip.install(t, tooltip("results.options.tip"));
        return card("optionsCard", t, table);
    }

    private static double width(OptionColumn c) {
        return switch (c) {
            case MARK, TIME, COST -> 90;
            case GPU -> 200;
            case FITS -> 70;
            case GPUS -> 55;
            case SHARDING -> 110;
            case MEMORY -> 120;
        };
    }

    private Node costCard() {
        costChart.setId("costChart");
        costChart.setLegendSide(Side.RIGHT);
        costChart.setPrefHeight(400);
        costChart.setMinHeight(300);
        costEmpty.textProperty().bind(texts.t("results.cost.empty"));
        costEmpty.getStyleClass().add(Styles.MUTED);
        costEmpty.managedProperty().bind(costEmpty.visibleProperty());
        costEmpty.visibleProperty().bind(vm.curveIdsProperty().map(List::isEmpty));
        VBox.setVgrow(costChart, Priority.ALWAYS);
        return card("costCard", title("results.cost"), costEmpty, costChart);
    }

    private Node barsCard() {
        optionBars.setId("optionBars");
        return card("barsCard", title("results.bars"), optionBars);
    }

    private Node notesCard() {
        notes.setId("notes");
        return card("notesCard", title("results.notes"), notes);
    }

    // ---- binding ------------------------------------------------------------------------------------------

    private void bind() {
        vm.selectedBarProperty().subscribe(selectedBar.dataProperty()::set);
        vm.optionRowsProperty().subscribe(list -> {
            syncingSelection = true;
            try {
                rows.setAll(list);
            } finally {
                syncingSelection = false;
            }
            selectCurrentRow();
        });
        vm.selectedGpuIdProperty().subscribe(id -> selectCurrentRow());
        // A change only, not subscribe(): its first call with the row selected above would replace the inputs by
        // that option's (a saved 1 × RTX 4090 that does not fit became the plan's 64 × when the window opened).
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, r) -> {
            if (!syncingSelection && r != null) {
                vm.selectOption(r.gpuId());
            }
        });
        // New lines only when other options fit; otherwise only the points of each line change.
        vm.curveIdsProperty().subscribe(ids -> costChart.getData().setAll(series(vm.costCurvesProperty().getValue())));
        vm.costCurvesProperty().subscribe(this::showCurves);
        vm.selectedGpuIdProperty().subscribe(id -> showCurves(vm.costCurvesProperty().getValue()));
        vm.optionBarsProperty().subscribe(this::showBars);
        vm.selectedGpuIdProperty().subscribe(id -> showBars(vm.optionBarsProperty().getValue()));
        vm.notesProperty().subscribe(this::showNotes);
    }

    private void selectCurrentRow() {
        String id = vm.selectedGpuIdProperty().getValue();
        syncingSelection = true;
        try {
            for (OptionRow r : table.getItems()) {
                if (r.gpuId().equals(id)) {
                    table.getSelectionModel().select(r);
                    table.scrollTo(r);
                    return;
                }
            }
            table.getSelectionModel().clearSelection();
        } finally {
            syncingSelection = false;
        }
    }

    private static List<XYChart.Series<Number, Number>> series(List<CostCurve> curves) {
        List<XYChart.Series<Number, Number>> series = new ArrayList<>(curves.size());
        for (CostCurve c : curves) {
            series.add(new XYChart.Series<>(c.label(), FXCollections.observableArrayList(points(c))));
        }
        return series;
    }

    private void showCurves(List<CostCurve> curves) {
        String selected = vm.selectedGpuIdProperty().getValue();
        if (costChart.getData().size() != curves.size()) {
            return;     // the ids change first; their subscription rebuilds the lines
        }
        for (int i = 0; i < curves.size(); i++) {
            XYChart.Series<Number, Number> s = costChart.getData().get(i);
            s.setName(curves.get(i).label());
            s.getData().setAll(points(curves.get(i)));
            if (s.getNode() != null) {
                s.getNode().pseudoClassStateChanged(Styles.SELECTED, curves.get(i).gpuId().equals(selected));
            }
        }
    }

    private static List<XYChart.Data<Number, Number>> points(CostCurve c) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(c.points().size());
        for (CostPoint p : c.points()) {
            points.add(new XYChart.Data<>(p.hours(), p.usd()));
        }
        return points;
    }

    private void showBars(List<MemoryBarData> bars) {
        String selected = vm.selectedGpuIdProperty().getValue();
        while (optionBars.getChildren().size() > bars.size()) {
            optionBars.getChildren().remove(optionBars.getChildren().size() - 1);
        }
        while (optionBars.getChildren().size() < bars.size()) {
            optionBars.getChildren().add(new OptionBarRow());
        }
        for (int i = 0; i < bars.size(); i++) {
            ((OptionBarRow) optionBars.getChildren().get(i)).show(bars.get(i), bars.get(i).gpuId().equals(selected));
        }
    }

    private void showNotes(List<NoteLine> lines) {
        List<Node> nodes = new ArrayList<>();
        for (NoteLine n : lines) {
            Label l = new Label((n.severity() == Note.Severity.WARNING ? "\u26a0 " : "\u2139 ") + n.text());
            l.setWrapText(true);
            l.getStyleClass().add(n.severity() == Note.Severity.WARNING ? Styles.NOTE_WARNING : Styles.NOTE_INFO);
            nodes.add(l);
        }
        if (nodes.isEmpty()) {
            Label none = new Label();
            none.textProperty().bind(texts.t("results.notes.none"));
            none.getStyleClass().add(Styles.MUTED);
            nodes.add(none);
        }
        notes.getChildren().setAll(nodes);
    }

    /** One option in the side-by-side bars: its name, its bar scaled to its own card, and the numbers. */
    private final class OptionBarRow extends HBox {
        private final Label name = new Label();
        private final MemoryBar bar = new MemoryBar(false);
        private final Label value = new Label();

        OptionBarRow() {
            super(6);
            getStyleClass().add("option-bar-row");
            name.getStyleClass().add("option-bar-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.setPrefWidth(150);
            name.setMaxWidth(150);
            value.getStyleClass().add(Styles.MUTED);
            value.setMinWidth(Region.USE_PREF_SIZE);
            bar.getStyleClass().add("memory-bar-small");
            HBox.setHgrow(bar, Priority.ALWAYS);
            getChildren().addAll(name, bar, value);
            setOnMouseClicked(e -> vm.selectOption(bar.dataProperty().get() == null ? null
                    : bar.dataProperty().get().gpuId()));
        }

        void show(MemoryBarData d, boolean selected) {
            pseudoClassStateChanged(Styles.SELECTED, selected);
            name.setText(d.label());
            bar.dataProperty().set(d);
            value.setText(d.value());
        }
    }
}
