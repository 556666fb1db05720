package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
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

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/** The right side: recommendation, memory of the selected option, the options table, cost over time, notes. */
public final class ResultsView extends ScrollPane {
    private static final PseudoClassHolder PC = new PseudoClassHolder();

    private final PlannerViewModel vm;
    private final Texts texts;
    private final VBox content = new VBox(12);

    private final MemoryBar selectedBar = new MemoryBar();
    private final ToggleGroup partGroup = new ToggleGroup();
    private final List<ToggleButton> legend = new ArrayList<>();
    private final VBox explanation = new VBox(4);
    private final ObservableList<OptionRow> rows = FXCollections.observableArrayList();
    private final TableView<OptionRow> table = new TableView<>();
    private final NumberAxis hoursAxis = new NumberAxis();
    private final NumberAxis usdAxis = new NumberAxis();
    private final LineChart<Number, Number> costChart = new LineChart<>(hoursAxis, usdAxis);
    private final Label costEmpty = new Label();
    private final VBox optionBars = new VBox(3);
    private final VBox notes = new VBox(4);
    private boolean syncingSelection;
    private Object shownExplanation;
    private Object shownNotes;
    private List<String> shownCurveIds = List.of();

    public ResultsView(PlannerViewModel vm, Texts texts) {
        this.vm = vm;
        this.texts = texts;
        getStyleClass().add(Styles.RESULTS);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        content.setPadding(new Insets(12));
        setContent(content);
        content.getChildren().addAll(staleBanner(), recommendationCard(), pair(memoryCard(), barsCard()),
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

    private Node staleBanner() {
        Label l = new Label();
        l.setId("staleBanner");
        l.getStyleClass().add(Styles.STALE_BANNER);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(texts.t("results.stale"));
        l.visibleProperty().bind(vm.staleProperty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private Node recommendationCard() {
        Label text = new Label();
        text.setId("recommendation");
        text.getStyleClass().add(Styles.RECOMMENDATION_TEXT);
        text.setWrapText(true);
        text.textProperty().bind(vm.recommendationProperty());
        Label summary = new Label();
        summary.setId("summary");
        summary.getStyleClass().add(Styles.MUTED);
        summary.setWrapText(true);
        summary.textProperty().bind(Bindings.createStringBinding(this::summary, vm.estimateProperty(),
                texts.messages()));
        VBox card = card("recommendationCard", title("results.recommendation"), text, summary);
        card.getStyleClass().add(Styles.RECOMMENDATION);
        return card;
    }

    private String summary() {
        Estimate e = vm.estimateProperty().getValue();
        if (e == null) {
            return "";
        }
        Messages m = texts.now();
        Formats f = vm.formatsProperty().getValue();
        String time = e.hours().isPresent() ? f.hours(e.hours().getAsDouble()) : m.text("results.summary.noTime");
        String cost = e.cost().isPresent() ? f.usd(e.cost().get().usd()) : m.text("results.summary.noCost");
        return m.text("results.summary", f.shortCount(e.parameters().total()),
                f.shortCount(e.parameters().trainable()), f.tokensPerSecond(e.throughput().tokensPerSecond()),
                time, cost);
    }

    private Node memoryCard() {
        Label caption = new Label();
        caption.setId("memoryCaption");
        caption.getStyleClass().add(Styles.BAR_CAPTION);
        caption.setWrapText(true);
        caption.textProperty().bind(Bindings.createStringBinding(() -> caption(vm.selectedBarProperty().getValue()),
                vm.selectedBarProperty(), texts.messages()));
        selectedBar.setId("selectedBar");
        selectedBar.getStyleClass().add("memory-bar-large");
        selectedBar.setOnSelect(vm.selectedComponentProperty()::set);
        selectedBar.selectedProperty().bind(vm.selectedComponentProperty());
        Tooltip.install(selectedBar, tooltip("results.memory.tip"));

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
            b.textProperty().bind(Bindings.createStringBinding(() -> {
                MemoryBarData d = vm.selectedBarProperty().getValue();
                String name = texts.now().label(c);
                return d == null ? name : name + "  " + vm.formatsProperty().getValue().gib(d.parts().bytes(c));
            }, vm.selectedBarProperty(), texts.messages()));
            legend.add(b);
            legendPane.getChildren().add(b);
        }
        // VM → view first, then the toggles write; a click on the selected toggle must not clear the choice.
        vm.selectedComponentProperty().subscribe(c -> legend.forEach(b -> b.setSelected(b.getUserData() == c)));
        partGroup.selectedToggleProperty().subscribe((before, now) -> {
            if (now == null) {
                if (before != null) {
                    before.setSelected(true);
                }
                return;
            }
            vm.selectedComponentProperty().set((MemoryComponent) now.getUserData());
        });
        explanation.setId("explanation");
        explanation.getStyleClass().add(Styles.EXPLANATION);
        ScrollPane explanationScroll = new ScrollPane(explanation);
        explanationScroll.setFitToWidth(true);
        explanationScroll.setHbarPolicy(ScrollBarPolicy.NEVER);
        explanationScroll.setPrefViewportHeight(150);
        explanationScroll.getStyleClass().add("explanation-scroll");
        VBox.setVgrow(explanationScroll, Priority.ALWAYS);
        return card("memoryCard", title("results.memory"), caption, selectedBar, legendPane, explanationScroll);
    }

    private Tooltip tooltip(String key) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(texts.t(key));
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    private String caption(MemoryBarData d) {
        if (d == null) {
            return "";
        }
        Messages m = texts.now();
        Formats f = vm.formatsProperty().getValue();
        String room = d.fits() ? m.text("results.memory.headroom", f.gib(d.headroomBytes()))
                : m.text("results.memory.over", f.gib(-d.headroomBytes()));
        return m.text("results.memory.caption", d.label(), f.gib(d.parts().totalBytes()), f.gib(d.capacityBytes()))
                + " \u2014 " + room;
    }

    private Node optionsCard() {
        table.setId("optionsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(300);
        table.setMinHeight(200);
        SortedList<OptionRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        TableColumn<OptionRow, OptionRow> mark = column("results.column.mark", 90);
        mark.setCellFactory(c -> textCell(r -> {
            Messages m = texts.now();
            if (r.cheapest() && r.fastest()) {
                return m.text("results.mark.cheapest") + " " + m.text("results.mark.fastest");
            }
            return r.cheapest() ? m.text("results.mark.cheapest") : r.fastest() ? m.text("results.mark.fastest") : "";
        }));
        mark.setComparator(Comparator.comparingInt(r -> (r.cheapest() ? 0 : 2) + (r.fastest() ? 0 : 1)));
        TableColumn<OptionRow, OptionRow> gpu = column("results.column.gpu", 200);
        gpu.setCellFactory(c -> textCell(OptionRow::gpuName));
        gpu.setComparator(Comparator.comparing(OptionRow::gpuName));
        TableColumn<OptionRow, OptionRow> fits = column("results.column.fits", 70);
        fits.setCellFactory(c -> textCell(r -> texts.now().text(r.fits() ? "results.fits.yes" : "results.fits.no")));
        fits.setComparator(Comparator.comparing(r -> !r.fits()));
        TableColumn<OptionRow, OptionRow> gpus = column("results.column.gpus", 55);
        gpus.setCellFactory(c -> textCell(r -> Integer.toString(r.gpus())));
        gpus.setComparator(Comparator.comparingInt(OptionRow::gpus));
        TableColumn<OptionRow, OptionRow> sharding = column("results.column.sharding", 110);
        sharding.setCellFactory(c -> textCell(r -> r.gpus() == 1 ? "\u2013" : texts.now().label(r.sharding())));
        sharding.setComparator(Comparator.comparing(OptionRow::sharding));
        TableColumn<OptionRow, OptionRow> memory = column("results.column.memory", 120);
        memory.setCellFactory(c -> textCell(r -> vm.formatsProperty().getValue().gibNumber(r.totalBytes()) + " / "
                + vm.formatsProperty().getValue().gibNumber(r.capacityBytes())));
        memory.setComparator(Comparator.comparingDouble(r -> (double) r.totalBytes() / r.capacityBytes()));
        TableColumn<OptionRow, OptionRow> time = column("results.column.time", 90);
        time.setCellFactory(c -> textCell(r -> r.hours().isPresent()
                ? vm.formatsProperty().getValue().hours(r.hours().getAsDouble()) : "\u2013"));
        time.setComparator(Comparator.comparingDouble(OptionRow::hoursOrMax));
        TableColumn<OptionRow, OptionRow> cost = column("results.column.cost", 90);
        cost.setCellFactory(c -> textCell(r -> r.usd().isPresent()
                ? vm.formatsProperty().getValue().usd(r.usd().getAsDouble()) : "\u2013"));
        cost.setComparator(Comparator.comparingDouble(OptionRow::usdOrMax));
        List<TableColumn<OptionRow, OptionRow>> columns = List.of(mark, gpu, fits, gpus, sharding, memory, time,
                cost);
        table.getColumns().setAll(columns);
        // Cheapest first: what a customer asks about first; any header click re-sorts.
        table.getSortOrder().setAll(List.of(cost));
        table.setRowFactory(tv -> new TableRow<>() {
            // One tooltip per row, its text set only when it is about to show: rows update on every tick.
            private final Tooltip reason = new Tooltip();

            {
                reason.setWrapText(true);
                reason.setMaxWidth(420);
                reason.setOnShowing(e -> reason.setText(getItem() == null ? ""
                        : texts.now().reasons(getItem().reasons())));
            }

            @Override
            protected void updateItem(OptionRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(PC.noFit, !empty && item != null && !item.fits());
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

    private TableColumn<OptionRow, OptionRow> column(String key, double width) {
        TableColumn<OptionRow, OptionRow> c = new TableColumn<>();
        c.textProperty().bind(texts.t(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        return c;
    }

    private TableCell<OptionRow, OptionRow> textCell(java.util.function.Function<OptionRow, String> text) {
        return new TableCell<>() {
            @Override
            protected void updateItem(OptionRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    /** Two cards side by side, sharing the width evenly. */
    private static HBox pair(Node left, Node right) {
        HBox row = new HBox(12, left, right);
        for (Node n : List.of(left, right)) {
            HBox.setHgrow(n, Priority.ALWAYS);
            if (n instanceof Region r) {
                r.setPrefWidth(100);
                r.setMaxWidth(Double.MAX_VALUE);
            }
        }
        return row;
    }

    private Node costCard() {
        costChart.setId("costChart");
        costChart.getStyleClass().add(Styles.COST_CHART);
        costChart.setAnimated(false);
        costChart.setCreateSymbols(false);
        costChart.setLegendSide(Side.RIGHT);
        costChart.setPrefHeight(400);
        costChart.setMinHeight(300);
        hoursAxis.setAnimated(false);
        usdAxis.setAnimated(false);
        hoursAxis.setForceZeroInRange(true);
        usdAxis.setForceZeroInRange(true);
        hoursAxis.labelProperty().bind(texts.t("results.cost.hours"));
        usdAxis.labelProperty().bind(texts.t("results.cost.usd"));
        costEmpty.textProperty().bind(texts.t("results.cost.empty"));
        costEmpty.getStyleClass().add(Styles.MUTED);
        costEmpty.managedProperty().bind(costEmpty.visibleProperty());
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
        texts.messages().subscribe(m -> selectedBar.setTexts(m, vm.formatsProperty().getValue()));
        vm.explanationProperty().subscribe(this::showExplanation);
        vm.selectedComponentProperty().subscribe(c -> showExplanation(vm.explanationProperty().getValue()));
        vm.optionRowsProperty().subscribe(list -> {
            if (list.equals(rows)) {
                return;
            }
            syncingSelection = true;
            try {
                rows.setAll(list);
            } finally {
                syncingSelection = false;
            }
            selectCurrentRow();
        });
        texts.messages().subscribe(m -> table.refresh());
        vm.selectedGpuIdProperty().subscribe(id -> selectCurrentRow());
        table.getSelectionModel().selectedItemProperty().subscribe(r -> {
            if (!syncingSelection && r != null) {
                vm.selectOption(r.gpuId());
            }
        });
        vm.costCurvesProperty().subscribe(this::showCurves);
        vm.optionBarsProperty().subscribe(this::showBars);
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

    private void showExplanation(List<MemoryTerm> terms) {
        // A tick that leaves this part alone leaves its labels alone (no new nodes, no CSS pass).
        Object key = List.of(String.valueOf(terms), vm.selectedComponentProperty().get(), texts.now());
        if (key.equals(shownExplanation)) {
            return;
        }
        shownExplanation = key;
        Messages m = texts.now();
        Formats f = vm.formatsProperty().getValue();
        List<Node> nodes = new ArrayList<>();
        Label head = new Label(m.text("results.explanation",
                m.label(vm.selectedComponentProperty().get())));
        head.getStyleClass().add(Styles.FIELD_LABEL);
        nodes.add(head);
        if (terms == null || terms.isEmpty()) {
            Label none = new Label(m.text("results.explanation.empty"));
            none.getStyleClass().add(Styles.MUTED);
            nodes.add(none);
        } else {
            for (MemoryTerm t : terms) {
                Label name = new Label(m.title(t.term()) + " \u2014 " + f.gib(t.bytes()));
                name.getStyleClass().add("term-name");
                nodes.add(name);
                nodes.add(wrapped(m.text("results.explanation.formula", m.formula(t.term())), Styles.FORMULA));
                nodes.add(wrapped(m.text("results.explanation.inputs", m.numbers(t.term())), Styles.FORMULA));
                if (!t.term().sources().isEmpty()) {
                    nodes.add(wrapped(m.text("results.explanation.source", m.sources(t.term())), Styles.MUTED));
                }
            }
        }
        explanation.getChildren().setAll(nodes);
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }

    private void showCurves(List<CostCurve> curves) {
        String selected = vm.selectedGpuIdProperty().getValue();
        List<String> ids = curves.stream().map(CostCurve::gpuId).toList();
        if (!ids.equals(shownCurveIds)) {
            // Other options fit now: new lines, replaced in one call (one layout pass, no flicker).
            List<XYChart.Series<Number, Number>> series = new ArrayList<>(curves.size());
            for (CostCurve c : curves) {
                series.add(new XYChart.Series<>(c.label(), FXCollections.observableArrayList(points(c))));
            }
            costChart.getData().setAll(series);
            shownCurveIds = ids;
        } else {
            // The same options: keep the lines and their legend, replace only the points of each.
            for (int i = 0; i < curves.size(); i++) {
                XYChart.Series<Number, Number> s = costChart.getData().get(i);
                if (!s.getName().equals(curves.get(i).label())) {
                    s.setName(curves.get(i).label());
                }
                s.getData().setAll(points(curves.get(i)));
            }
        }
        for (int i = 0; i < curves.size(); i++) {
            Node line = costChart.getData().get(i).getNode();
            if (line != null) {
                line.pseudoClassStateChanged(Styles.SELECTED, curves.get(i).gpuId().equals(selected));
            }
        }
        costEmpty.setVisible(curves.isEmpty());
    }

    private static List<XYChart.Data<Number, Number>> points(CostCurve c) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(c.points().size());
        for (CostPoint p : c.points()) {
            points.add(new XYChart.Data<>(p.hours(), p.usd()));
        }
        return points;
    }

    private void showBars(List<MemoryBarData> bars) {
        Messages m = texts.now();
        Formats f = vm.formatsProperty().getValue();
        String selected = vm.selectedGpuIdProperty().getValue();
        while (optionBars.getChildren().size() > bars.size()) {
            optionBars.getChildren().remove(optionBars.getChildren().size() - 1);
        }
        while (optionBars.getChildren().size() < bars.size()) {
            optionBars.getChildren().add(new OptionBarRow());
        }
        for (int i = 0; i < bars.size(); i++) {
            ((OptionBarRow) optionBars.getChildren().get(i)).show(bars.get(i), m, f,
                    bars.get(i).gpuId().equals(selected));
        }
    }

    private void showNotes(List<NoteLine> lines) {
        Object key = List.of(lines, texts.now());
        if (key.equals(shownNotes)) {
            return;
        }
        shownNotes = key;
        List<Node> nodes = new ArrayList<>();
        for (NoteLine n : lines) {
            Label l = new Label((n.severity() == Note.Severity.WARNING ? "\u26a0 " : "\u2139 ") + n.text());
            l.setWrapText(true);
            l.getStyleClass().add(n.severity() == Note.Severity.WARNING ? Styles.NOTE_WARNING : Styles.NOTE_INFO);
            nodes.add(l);
        }
        if (nodes.isEmpty()) {
            Label none = new Label(texts.now().text("results.notes.none"));
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
        private String gpuId;
        private Messages shownWith;

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
            setOnMouseClicked(e -> vm.selectOption(gpuId));
        }

        void show(MemoryBarData d, Messages m, Formats f, boolean selected) {
            pseudoClassStateChanged(Styles.SELECTED, selected);
            if (d.equals(bar.dataProperty().get()) && m == shownWith) {
                return;
            }
            shownWith = m;
            gpuId = d.gpuId();
            name.setText(d.label());
            bar.setTexts(m, f);
            bar.dataProperty().set(d);
            value.setText(f.gibNumber(d.parts().totalBytes()) + " / " + f.gibNumber(d.capacityBytes()));
        }
    }

    /** Pseudo-classes used only here. */
    private static final class PseudoClassHolder {
        final javafx.css.PseudoClass noFit = javafx.css.PseudoClass.getPseudoClass("no-fit");
    }
}
