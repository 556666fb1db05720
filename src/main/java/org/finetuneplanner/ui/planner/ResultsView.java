package org.finetuneplanner.ui.planner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.controlsfx.control.SegmentedButton;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.ui.common.ChartSvg;
import org.finetuneplanner.ui.common.Frames;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The right side, laid out to fit the window without a page scroll: the recommendation (with the changes it makes
 * and a button that applies them), the memory of the user's setup (its range, status, phases, limits, price and
 * caveats), then tabs that take the rest of the height: the options table, the memory of every option, cost over
 * time, the notes. Only when the window is smaller than the parts' least heights does the side scroll. Only
 * layout and binding: every text comes worded from {@link ResultsViewModel}.
 */
public final class ResultsView extends ScrollPane {
    private static final String CSS = "/org/finetuneplanner/ui/results.css";

    private final ResultsViewModel vm;
    private final Texts texts;
    private final VBox content = new VBox(8);

    private final MemoryBar selectedBar = new MemoryBar();
    private final ToggleGroup partGroup = new ToggleGroup();
    private final Map<MemoryComponent, ToggleButton> legend = new EnumMap<>(MemoryComponent.class);
    private final SegmentedButton phases = new SegmentedButton();
    private final ExplanationPopOver explanation;
    private final OptionsTable table;
    private final CostCurvesPane cost;
    private final VBox optionBars = new VBox(3);
    private final VBox notes = new VBox(4);
    private final VBox caveats = new VBox(4);
    private final TabPane tabs = new TabPane();
    private final Tab barsTab = new Tab();
    private final Tab costTab = new Tab();
    private boolean barsStale;

    public ResultsView(ResultsViewModel vm, Texts texts) {
        this.vm = vm;
        this.texts = texts;
        this.explanation = new ExplanationPopOver(vm, texts);
        this.table = new OptionsTable(vm, texts);
        this.cost = new CostCurvesPane(vm, texts);
        getStyleClass().add(Styles.RESULTS);
        getStylesheets().add(ResultsView.class.getResource(CSS).toExternalForm());
        setFitToWidth(true);
        // The content takes the viewport's height, so the tabs (and the table in them) fill what is left; the
        // side scrolls only when the window is smaller than the least heights of its parts.
        setFitToHeight(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        Frames.drawChangesOnly(this);
        content.setPadding(new Insets(8));
        setContent(content);
        Node tabsNode = tabs();
        VBox.setVgrow(tabsNode, Priority.ALWAYS);
        content.getChildren().addAll(staleBanner(), recommendationCard(), memoryCard(), tabsNode);
        bind();
    }

    private Label title(String key) {
        Label l = new Label();
        l.textProperty().bind(texts.t(key));
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private VBox card(String id, Node... children) {
        VBox box = new VBox(6, children);
        box.setId(id);
        box.getStyleClass().add(Styles.CARD);
        return box;
    }

    private static Label wrapping(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** A label shown only while its text is not empty. */
    private static Label optional(Label l) {
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** The status as a small coloured chip: fits, tight, does not fit. */
    private Label statusChip(String id, javafx.beans.value.ObservableValue<Optional<FitStatus>> status) {
        Label chip = new Label();
        chip.setId(id);
        chip.getStyleClass().add("status-chip");
        chip.textProperty().bind(Bindings.createStringBinding(() -> status.getValue() == null
                || status.getValue().isEmpty() ? "" : texts.now().text("results.status.words."
                + status.getValue().get().name()), status, texts.messages()));
        status.subscribe(s -> {
            FitStatus st = s == null ? null : s.orElse(null);
            chip.pseudoClassStateChanged(Styles.TIGHT, st == FitStatus.TIGHT);
            chip.pseudoClassStateChanged(Styles.NO_FIT, st == FitStatus.NO);
        });
        return optional(chip);
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
        Label changes = optional(wrapping("recommendationChanges", "advice-changes"));
        changes.textProperty().bind(vm.adviceProperty().map(Advice::changes));
        Label note = optional(wrapping("recommendationNote", "advice-note"));
        note.textProperty().bind(vm.adviceProperty().map(Advice::note));
        Button apply = applyButton("applyAdvice", vm.adviceProperty().map(Optional::of), vm::applyAdvice);
        HBox head = new HBox(8, title("results.recommendation"),
                statusChip("adviceStatus", vm.adviceProperty().map(Advice::status)));
        head.setAlignment(Pos.CENTER_LEFT);
        HBox changesRow = row(changes, apply);

        Label own = optional(wrapping("ownAdvice", "advice-own"));
        own.textProperty().bind(vm.ownAdviceProperty().map(a -> a.map(Advice::text).orElse("")));
        Label ownChanges = optional(wrapping("ownAdviceChanges", "advice-changes"));
        ownChanges.textProperty().bind(vm.ownAdviceProperty().map(a -> a.map(x -> join(x.changes(), x.note()))
                .orElse("")));
        Button applyOwn = applyButton("applyOwnAdvice", vm.ownAdviceProperty(), vm::applyOwnAdvice);
        VBox card = card("recommendationCard", head, text, changesRow, note, own, row(ownChanges, applyOwn));
        card.getStyleClass().add(Styles.RECOMMENDATION);
        vm.adviceProperty().subscribe(a -> {
            card.pseudoClassStateChanged(Styles.TIGHT, a.status().equals(Optional.of(FitStatus.TIGHT)));
            card.pseudoClassStateChanged(Styles.NO_FIT, a.status().isEmpty());
        });
        return card;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
    }

    /** A text that grows and the button beside it, right-aligned and centred on the text. */
    private static HBox row(Label text, Button button) {
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(10, text, button);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(text.visibleProperty().or(button.visibleProperty()));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** "Apply these changes" when the advice changes settings, "Use this option" when only the hardware. */
    private Button applyButton(String id, javafx.beans.value.ObservableValue<Optional<Advice>> advice,
                               Runnable action) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("apply-button");
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.textProperty().bind(Bindings.createStringBinding(() -> texts.now().text(advice.getValue()
                .map(a -> a.changes().isEmpty() ? "recommend.use" : "recommend.apply").orElse("recommend.use")),
                advice, texts.messages()));
        b.setMnemonicParsing(true);
        b.visibleProperty().bind(advice.map(a -> a.map(Advice::applicable).orElse(false)));
        b.managedProperty().bind(b.visibleProperty());
        b.setOnAction(e -> action.run());
        return b;
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

        FlowPane legendPane = new FlowPane(6, 4);
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
            texts.explain(b, "results.memory.tip");
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

        phases.setId("phases");
        phases.getStyleClass().add("phase-selector");
        Label phaseLabel = new Label();
        phaseLabel.textProperty().bind(texts.t("results.phase"));
        phaseLabel.getStyleClass().add(Styles.MUTED);
        phaseLabel.setLabelFor(phases);
        HBox phaseRow = new HBox(6, phaseLabel, phases);
        phaseRow.setAlignment(Pos.CENTER_RIGHT);
        phaseRow.visibleProperty().bind(vm.phasesProperty().map(l -> l.size() > 1));
        phaseRow.managedProperty().bind(phaseRow.visibleProperty());
        // The title and its status, then the phases: beside them when there is room, below them when not (the
        // Vietnamese words are longer), never cut.
        HBox titleRow = new HBox(8, title("results.memory"), statusChip("memoryStatus",
                vm.statusProperty().map(Optional::of)));
        titleRow.setAlignment(Pos.CENTER_LEFT);
        FlowPane head = new FlowPane(16, 4, titleRow, phaseRow);
        head.setAlignment(Pos.CENTER_LEFT);

        Label details = wrapping("memoryDetails", Styles.MUTED);
        details.textProperty().bind(vm.detailsProperty());
        Label summary = wrapping("summary", Styles.MUTED);
        summary.textProperty().bind(vm.summaryProperty());

        caveats.setId("caveats");
        TitledPane caveatPane = new TitledPane();
        caveatPane.setId("caveatsPane");
        caveatPane.getStyleClass().add("caveats-pane");
        caveatPane.setContent(caveats);
        caveatPane.setExpanded(false);
        caveatPane.textProperty().bind(Bindings.createStringBinding(() -> texts.now().text("results.caveats.title",
                vm.caveatsProperty().getValue().size()), vm.caveatsProperty(), texts.messages()));
        caveatPane.visibleProperty().bind(vm.caveatsProperty().map(l -> !l.isEmpty()));
        caveatPane.managedProperty().bind(caveatPane.visibleProperty());
        return card("memoryCard", head, caption, selectedBar, legendPane, details, summary, caveatPane);
    }

    private void explain(MemoryComponent c, Node anchor) {
        vm.selectedComponentProperty().set(c);
        explanation.show(anchor);
    }

    /** The explanation pop-over (for tests). */
    org.controlsfx.control.PopOver explanationPopOver() {
        return explanation.popOver();
    }

    /** The options table (for tests). */
    OptionsTable table() {
        return table;
    }

    /** The cost chart, for the PNG and SVG export. */
    public LineChart<Number, Number> costChart() {
        return cost.chart();
    }

    /** The bar of the user's setup, for the PNG and SVG export. */
    public MemoryBar memoryBar() {
        return selectedBar;
    }

    /**
     * The cost chart (as drawn now) or the memory bar of the user's setup as a file's bytes: a PNG of the screen at
     * twice its size, or an SVG drawn from the data in the screen's colours.
     */
    public byte[] chartImage(boolean costChart, boolean svg) {
        Label text = (Label) lookup("#memoryCaption");
        Label muted = (Label) lookup("#memoryDetails");
        VBox card = (VBox) lookup("#memoryCard");
        ChartSvg.Palette palette = ChartImages.palette(card, text, muted);
        if (!svg) {
            return ChartImages.png(costChart ? cost : (Node) card, card.getBackground() == null ? null
                    : card.getBackground().getFills().get(0).getFill());
        }
        String document = costChart
                ? ChartImages.costSvg(cost.chart(), vm.costCurvesProperty().getValue(),
                        vm.selectedGpuIdProperty().getValue(), texts.now().text("results.cost"), texts.now(), palette)
                : ChartImages.memorySvg(selectedBar, texts.now().text("results.memory"), vm.captionProperty()
                        .getValue(), texts.now(), palette);
        return document.getBytes(StandardCharsets.UTF_8);
    }

    /** Shows the cost-over-time tab (before its chart is saved as an image: it is drawn only when shown). */
    public void showCostTab() {
        tabs.getSelectionModel().select(costTab);
    }

    private Node tabs() {
        tabs.setId("resultTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().addAll("result-tabs", "dense");
        tabs.setMinHeight(200);

        // One line under the table (the rows get the height); the whole legend on its tooltip when it is cut.
        Label tableLegend = new Label();
        tableLegend.setId("tableLegend");
        tableLegend.getStyleClass().add(Styles.MUTED);
        tableLegend.textProperty().bind(texts.t("results.options.legend"));
        Tooltip legendTip = new Tooltip();
        legendTip.textProperty().bind(tableLegend.textProperty());
        legendTip.setWrapText(true);
        legendTip.setMaxWidth(480);
        tableLegend.setTooltip(legendTip);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox options = new VBox(6, table, tableLegend);
        options.setPadding(new Insets(8, 0, 0, 0));
        Tab optionsTab = tab("optionsTab", "results.options", options);
        optionsTab.setTooltip(texts.tooltip("results.options.tip"));

        optionBars.setId("optionBars");
        ScrollPane barsScroll = new ScrollPane(optionBars);
        barsScroll.setFitToWidth(true);
        barsScroll.getStyleClass().add("bars-scroll");
        barsScroll.setPadding(new Insets(8, 0, 0, 0));
        barsTab.setId("barsTab");
        barsTab.textProperty().bind(texts.t("results.bars"));
        barsTab.setContent(barsScroll);

        cost.setPadding(new Insets(8, 0, 0, 0));
        costTab.setId("costTab");
        costTab.textProperty().bind(texts.t("results.cost"));
        costTab.setContent(cost);

        notes.setId("notes");
        ScrollPane notesScroll = new ScrollPane(notes);
        notesScroll.setFitToWidth(true);
        notesScroll.getStyleClass().add("bars-scroll");
        notesScroll.setPadding(new Insets(8, 0, 0, 0));
        Tab notesTab = new Tab();
        notesTab.setId("notesTab");
        notesTab.textProperty().bind(Bindings.createStringBinding(() -> texts.now().text("results.notes.count",
                vm.notesProperty().getValue().size()), vm.notesProperty(), texts.messages()));
        notesTab.setContent(notesScroll);

        tabs.getTabs().setAll(optionsTab, barsTab, costTab, notesTab);
        return tabs;
    }

    private Tab tab(String id, String key, Node content) {
        Tab t = new Tab();
        t.setId(id);
        t.textProperty().bind(texts.t(key));
        t.setContent(content);
        return t;
    }

    // ---- binding ------------------------------------------------------------------------------------------

    private void bind() {
        vm.selectedBarProperty().subscribe(selectedBar.dataProperty()::set);
        vm.phasesProperty().subscribe(this::showPhases);
        vm.shownPhaseProperty().subscribe(p -> phases.getButtons().forEach(b -> b.setSelected(
                p.isPresent() && b.getUserData() == p.get())));
        vm.caveatsProperty().subscribe(this::showCaveats);
        // The bars and the chart are drawn only while their tab is shown: a slider tick with them hidden is cheap.
        // The bars' invalidation only, not subscribe(): a change listener would have every option's bar worded on
        // each tick, shown or not; while hidden they stay invalid until the tab asks for them.
        vm.optionBarsProperty().addListener((InvalidationListener) o -> showBars());
        vm.selectedGpuIdProperty().subscribe(id -> showBars());
        barsTab.selectedProperty().subscribe(s -> showBars());
        costTab.selectedProperty().subscribe(cost::setOnScreen);
        vm.notesProperty().subscribe(this::showNotes);
    }

    private void showPhases(List<PhaseChoice> list) {
        List<ToggleButton> buttons = new ArrayList<>(list.size());
        for (PhaseChoice p : list) {
            ToggleButton b = new ToggleButton(p.label());
            b.setId("phase-" + p.phase().name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(p.phase());
            b.setMnemonicParsing(false);
            if (p.peak()) {
                b.getStyleClass().add("phase-peak");
            }
            // The peak's toggle follows the peak wherever it moves; another shows that phase.
            b.setOnAction(e -> vm.phaseProperty().set(p.peak() ? null : p.phase()));
            buttons.add(b);
        }
        phases.getButtons().setAll(buttons);
        Optional<?> shown = vm.shownPhaseProperty().getValue();
        buttons.forEach(b -> b.setSelected(shown.isPresent() && b.getUserData() == shown.get()));
    }

    private void showCaveats(List<String> lines) {
        List<Node> nodes = new ArrayList<>(lines.size());
        for (String line : lines) {
            Label l = new Label("\u26a0 " + line);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add(Styles.NOTE_WARNING);
            nodes.add(l);
        }
        caveats.getChildren().setAll(nodes);
    }

    private void showBars() {
        if (!barsTab.isSelected()) {
            barsStale = true;
            return;
        }
        barsStale = false;
        List<MemoryBarData> bars = vm.optionBarsProperty().getValue();
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

    /** Whether the bars wait for their tab to be shown (for tests). */
    boolean barsStale() {
        return barsStale;
    }

    private void showNotes(List<NoteLine> lines) {
        List<Node> nodes = new ArrayList<>();
        for (NoteLine n : lines) {
            Label l = new Label((n.severity() == Note.Severity.WARNING ? "\u26a0 " : "\u2139 ") + n.text());
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
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
            name.setPrefWidth(190);
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
            pseudoClassStateChanged(Styles.NO_FIT, d.status() == FitStatus.NO);
            name.setText(d.label());
            bar.dataProperty().set(d);
            value.setText(d.value());
        }
    }
}
