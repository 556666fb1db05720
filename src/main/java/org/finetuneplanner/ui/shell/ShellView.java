package org.finetuneplanner.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import org.controlsfx.control.StatusBar;

import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;
import org.finetuneplanner.ui.common.Tips;
import org.finetuneplanner.ui.compare.CompareView;
import org.finetuneplanner.ui.planner.PlannerView;
import org.finetuneplanner.ui.planner.ResultsView;
import org.finetuneplanner.ui.prices.PriceListEditorView;
import org.finetuneplanner.ui.prices.PriceListViewModel;

/**
 * The window's content: menus (File, Edit, View, Compare, Help, each with a mnemonic, every command with a
 * shortcut), the planner or the comparison of the pinned scenarios, and a status line.
 */
public final class ShellView extends BorderPane {
    private static final KeyCombination UNDO = KeyCombination.keyCombination("Shortcut+Z");
    private static final KeyCombination REDO = KeyCombination.keyCombination("Shortcut+Shift+Z");
    private static final KeyCombination REDO_Y = KeyCombination.keyCombination("Shortcut+Y");

    private final ShellViewModel vm;
    private final Texts texts;
    private final FileDialogs dialogs;
    private final Runnable quit;
    private final PresentationControls presentation;
    private final Optional<PriceListViewModel> prices;
    private PlannerView planner;
    private CompareView compare;

    /** The whole window at once. */
    public ShellView(ShellViewModel vm, FileDialogs dialogs, Runnable quit) {
        this(vm, dialogs, quit, Optional.empty(), null);
    }

    /**
     * @param resultsShown null: everything is built at once; else the results are built after the window's first
     *                     frame (see {@link PlannerView}) and this runs once they are in the scene
     */
    public ShellView(ShellViewModel vm, FileDialogs dialogs, Runnable quit, Runnable resultsShown) {
        this(vm, dialogs, quit, Optional.empty(), resultsShown);
    }

    /**
     * @param prices       File → Price list…, Edit price list… and Use catalog prices, and the price list in force
     *                     in the status bar, when this build has price lists
     * @param resultsShown null: everything is built at once; else the results are built after the window's first
     *                     frame (see {@link PlannerView}) and this runs once they are in the scene
     */
    public ShellView(ShellViewModel vm, FileDialogs dialogs, Runnable quit, Optional<PriceListViewModel> prices,
                     Runnable resultsShown) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.quit = quit;
        this.prices = prices;
        // What the price lists say goes to the status line.
        prices.ifPresent(p -> p.saidProperty().subscribe(said -> {
            if (said != null) {
                vm.report(said);
            }
        }));
        this.texts = new Texts(vm.planner().messagesProperty());
        this.presentation = new PresentationControls(vm.presentation(), texts);
        getStyleClass().add("shell");
        setTop(menuBar());
        planner = new PlannerView(vm.planner(), texts, dialogs::openConfig, resultsShown);
        // F11: full screen, the essential inputs and the results large; Ctrl +, Ctrl −, Ctrl 0 zoom everything.
        presentation.install(this);
        planner.presentation(vm.presentation().presentingProperty(), vm.presentation().allInputsProperty(),
                presentation::bar);
        // The comparison takes the planner's place while it is shown (View of the Compare menu, Esc to leave); it is
        // built the first time it is shown, not for the first frame.
        vm.compare().shownProperty().subscribe(shown -> setCenter(shown ? compareView() : planner));
        setBottom(statusBar());
        undoKeys();
    }

    /**
     * The status line: what was last said, a progress bar while an export runs, and on the right whether the
     * results on screen are up to date (stale while inputs have problems, with the problems as its tooltip).
     */
    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("status");
        bar.getStyleClass().add(Styles.STATUS);
        bar.textProperty().bind(vm.statusProperty());
        bar.progressProperty().bind(vm.progressProperty());
        bar.setAccessibleRole(javafx.scene.AccessibleRole.TEXT);
        bar.accessibleTextProperty().bind(vm.statusProperty());
        Label state = new Label();
        state.setId("resultsState");
        state.getStyleClass().add("results-state");
        state.textProperty().bind(vm.stateProperty());
        ObservableValue<Boolean> stale = vm.planner().results().staleProperty();
        stale.subscribe(s -> state.pseudoClassStateChanged(Styles.STALE, s));
        Tooltip details = new Tooltip();
        details.textProperty().bind(vm.stateDetailsProperty());
        details.setWrapText(true);
        details.setMaxWidth(480);
        stale.subscribe(s -> state.setTooltip(s ? details : null));
        // How many scenarios are pinned, once there is one; a click opens or leaves the comparison.
        ToggleButton pins = new ToggleButton();
        pins.setId("pinsButton");
        pins.getStyleClass().add("pins-button");
        pins.textProperty().bind(vm.compare().pinsTitleProperty());
        pins.selectedProperty().bindBidirectional(vm.compare().shownProperty());
        pins.visibleProperty().bind(Bindings.isNotEmpty(vm.compare().pins()));
        pins.managedProperty().bind(pins.visibleProperty());
        pins.setFocusTraversable(false);
        bar.getRightItems().setAll(pins, state);
        prices.ifPresent(p -> bar.getRightItems().add(0, inForce(p)));
        return bar;
    }

    /** The price list in force: seller, currency and exchange rate with its date; hidden at the catalog's prices. */
    private Label inForce(PriceListViewModel p) {
        Label label = new Label();
        label.setId("priceListInForce");
        label.getStyleClass().add("price-list-in-force");
        label.textProperty().bind(p.inForceProperty());
        label.visibleProperty().bind(p.inForceProperty().map(t -> !t.isEmpty()));
        label.managedProperty().bind(label.visibleProperty());
        // The whole line again (the status bar may cut it), then what it means.
        Tips.explain(label, Bindings.concat(p.inForceProperty(), "\n", texts.t("prices.inForce.tip")));
        return label;
    }

    private MenuItem item(String id, String key, String accelerator, Runnable action) {
        MenuItem i = new MenuItem();
        i.setId(id);
        i.textProperty().bind(texts.t(key));
        i.setMnemonicParsing(true);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    private Menu menu(String id, String key, MenuItem... items) {
        Menu m = new Menu();
        m.setId(id);
        m.textProperty().bind(texts.t(key));
        m.setMnemonicParsing(true);
        m.getItems().setAll(items);
        return m;
    }

    private MenuBar menuBar() {
        MenuItem export = item("exportPdf", "menu.file.export", "Shortcut+E", this::exportPdf);
        Menu file = menu("fileMenu", "menu.file",
                item("newScenario", "menu.file.new", "Shortcut+N", vm::newScenario),
                presentation.quickStartMenu(),
                item("openScenario", "menu.file.open", "Shortcut+O", () -> vm.document().open()),
                recentMenu(),
                item("saveScenario", "menu.file.save", "Shortcut+S", () -> vm.document().save()),
                item("saveScenarioAs", "menu.file.saveAs", "Shortcut+Shift+S", () -> vm.document().saveAs()),
                new SeparatorMenuItem(),
                item("openConfigMenu", "menu.file.openConfig", "Shortcut+Shift+O", this::openConfig),
                export,
                item("exportComparison", "menu.file.exportComparison", "Shortcut+Shift+E", this::exportComparison),
                new SeparatorMenuItem(),
                item("exportCsv", "menu.file.exportCsv", "Shortcut+Shift+T", this::exportCsv),
                item("saveCostChart", "menu.file.saveCostChart", "Shortcut+Shift+G", () -> saveChart(true)),
                item("saveMemoryChart", "menu.file.saveMemoryChart", "Shortcut+Shift+M", () -> saveChart(false)),
                item("copySummary", "menu.file.copySummary", "Shortcut+Alt+C", this::copySummary),
                new SeparatorMenuItem(),
                item("quit", "menu.file.quit", "Shortcut+Q", quit));
        prices.ifPresent(p -> {
            MenuItem clearPrices = item("clearPrices", "menu.file.clearPrices", null, p::clear);
            clearPrices.disableProperty().bind(p.priceListProperty().map(Optional::isEmpty));
            file.getItems().addAll(file.getItems().size() - 2, List.of(new SeparatorMenuItem(),
                    item("openPrices", "menu.file.prices", "Shortcut+L", () -> openPrices(p)),
                    item("editPrices", "menu.file.editPrices", null, () -> editPrices(p)), clearPrices));
        });

        MenuItem undo = item("undo", "menu.edit.undo", "Shortcut+Z", vm::undo);
        undo.textProperty().bind(vm.planner().history().undoTextProperty());
        undo.disableProperty().bind(vm.planner().history().canUndoProperty().map(can -> !can));
        MenuItem redo = item("redo", "menu.edit.redo", "Shortcut+Shift+Z", vm::redo);
        redo.textProperty().bind(vm.planner().history().redoTextProperty());
        redo.disableProperty().bind(vm.planner().history().canRedoProperty().map(can -> !can));
        Menu edit = menu("editMenu", "menu.edit", undo, redo);

        CheckMenuItem showComparison = new CheckMenuItem();
        showComparison.setId("showComparison");
        showComparison.textProperty().bind(texts.t("menu.compare.show"));
        showComparison.setMnemonicParsing(true);
        showComparison.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+C"));
        showComparison.selectedProperty().bindBidirectional(vm.compare().shownProperty());
        MenuItem pin = item("pinScenario", "menu.compare.pin", "Shortcut+Shift+P", vm.compare()::pinCurrent);
        pin.disableProperty().bind(vm.compare().canPinProperty().map(b -> !b));
        MenuItem clear = item("unpinAll", "menu.compare.clear", null, vm.compare()::unpinAll);
        clear.disableProperty().bind(Bindings.isEmpty(vm.compare().pins()));
        Menu compare = menu("compareMenu", "menu.compare", pin, showComparison, new SeparatorMenuItem(), clear);

        CheckMenuItem dark = new CheckMenuItem();
        dark.setId("darkTheme");
        dark.textProperty().bind(texts.t("menu.view.dark"));
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        dark.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        ToggleGroup languages = new ToggleGroup();
        Menu language = menu("languageMenu", "menu.view.language");
        for (Locale l : Messages.LANGUAGES) {
            RadioMenuItem r = new RadioMenuItem(texts.now().text("language." + l.getLanguage()));
            r.setId("language-" + l.getLanguage());
            r.setToggleGroup(languages);
            r.setUserData(l);
            language.getItems().add(r);
        }
        vm.localeProperty().subscribe(l -> languages.getToggles().forEach(
                t -> t.setSelected(((Locale) t.getUserData()).getLanguage().equals(l.getLanguage()))));
        languages.selectedToggleProperty().subscribe(t -> {
            if (t != null) {
                vm.localeProperty().set((Locale) t.getUserData());
            }
        });
        Menu view = menu("viewMenu", "menu.view", dark, language);
        view.getItems().addAll(presentation.viewItems());
        Menu help = menu("helpMenu", "menu.help", item("about", "menu.help.about", "F1", this::about));
        return new MenuBar(file, edit, view, compare, help);
    }

    /**
     * Undo and redo wherever the focus is, text fields included (their own undo would take back characters, not the
     * form's steps), and Ctrl+Y as a second Redo. The menu's accelerators cover the rest (no focus in the window).
     */
    private void undoKeys() {
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (UNDO.match(e)) {
                vm.undo();
                e.consume();
            } else if (REDO.match(e) || REDO_Y.match(e)) {
                vm.redo();
                e.consume();
            }
        });
    }

    /**
     * File → Open Recent: the files opened or saved last, newest first, numbered 1 to 8 as mnemonics. A file that is
     * no longer there is shown disabled, "(not found)", checked each time the menu opens.
     */
    private Menu recentMenu() {
        Menu recent = menu("recentMenu", "menu.file.openRecent");
        Consumer<Boolean> fill = askDisk -> {
            Messages m = texts.now();
            List<MenuItem> items = new ArrayList<>();
            List<Path> files = vm.document().recentFiles().files();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                MenuItem item = new MenuItem();
                item.setId("recent-" + (i + 1));
                item.setMnemonicParsing(true);
                String name = mnemonicSafe(String.valueOf(f.getFileName()));
                String folder = mnemonicSafe(f.getParent() == null ? "" : f.getParent().toString());
                boolean there = !askDisk || Files.exists(f);
                item.setText(there ? m.text("menu.file.recent.item", i + 1, name, folder)
                        : m.text("menu.file.recent.missing", i + 1, name));
                item.setDisable(!there);
                item.setOnAction(e -> vm.document().openRecent(f));
                items.add(item);
            }
            if (items.isEmpty()) {
                MenuItem none = new MenuItem(m.text("menu.file.recent.none"));
                none.setDisable(true);
                items.add(none);
            } else {
                items.add(new SeparatorMenuItem());
                items.add(item("clearRecent", "menu.file.recent.clear", null,
                        () -> vm.document().recentFiles().clear()));
            }
            recent.getItems().setAll(items);
        };
        vm.document().recentFiles().files().addListener((ListChangeListener<Path>) c -> fill.accept(false));
        texts.messages().subscribe(m -> fill.accept(false));
        // Whether each file is still there is asked when the menu opens, not at start-up.
        recent.setOnShowing(e -> fill.accept(true));
        return recent;
    }

    /** A menu reads "_" as a mnemonic: a literal one in a file name is written twice. */
    private static String mnemonicSafe(String text) {
        return text.replace("_", "__");
    }

    private void openConfig() {
        Path p = dialogs.openConfig();
        if (p != null) {
            vm.planner().inputs().openConfig(p);
        }
    }

    private void openPrices(PriceListViewModel p) {
        Path file = dialogs.openPriceList();
        if (file != null) {
            p.open(file);
        }
    }

    /** The editor in a window of its own, filled with the price list in force (or a new one). */
    private void editPrices(PriceListViewModel p) {
        p.edit();
        Stage stage = new Stage();
        stage.titleProperty().bind(texts.t("prices.editor.title"));
        PriceListEditorView editor = new PriceListEditorView(p, texts, dialogs::savePriceList, stage::close);
        Scene scene = new Scene(editor, 920, 520);
        if (getScene() != null) {
            stage.initOwner(getScene().getWindow());
            scene.getStylesheets().setAll(getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
    }

    private void exportPdf() {
        if (!vm.canExport()) {
            vm.exportPdf(null);
            return;
        }
        Path p = dialogs.savePdf(vm.document().suggestedName(".pdf"));
        if (p != null) {
            vm.exportPdf(p);
        }
    }

    private void exportComparison() {
        if (!vm.canExportComparison() || vm.compare().scenarios().size() < 2) {
            vm.exportComparison(null);
            return;
        }
        Path p = dialogs.savePdf(texts.now().text("compareView.fileName") + ".pdf");
        if (p != null) {
            vm.exportComparison(p);
        }
    }

    /** File → Export options as CSV…: the table of the results on screen, where the user says. */
    private void exportCsv() {
        if (vm.planner().results().shown().isEmpty()) {
            vm.exportOptionsCsv(null);
            return;
        }
        Path p = dialogs.saveCsv(texts.now().text("export.fileName.options"));
        if (p != null) {
            vm.exportOptionsCsv(p);
        }
    }

    /** File → Save cost chart / memory bar as image…: PNG of the screen, or SVG drawn from the chart's data. */
    private void saveChart(boolean costChart) {
        Optional<ResultsView> results = planner.resultsView();
        if (results.isEmpty()) {
            return;     // the window's first frame: nothing drawn to save yet
        }
        String name = texts.now().text(costChart ? "export.fileName.cost" : "export.fileName.memory");
        if (costChart) {
            // The chart is drawn only while its tab is shown: show it, so the picture is today's.
            results.get().showCostTab();
        }
        Path p = dialogs.saveImage(name);
        if (p != null) {
            boolean svg = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT).endsWith(".svg");
            vm.saveFile(p, results.get().chartImage(costChart, svg));
        }
    }

    /** File → Copy summary: the recommendation and the key numbers as plain text on the clipboard. */
    private void copySummary() {
        vm.copySummary(text -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private CompareView compareView() {
        if (compare == null) {
            compare = new CompareView(vm.compare(), texts, this::exportComparison);
            compare.setId("compareView");
        }
        return compare;
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, texts.now().text("about.text"), ButtonType.OK);
        a.setHeaderText(texts.now().text("app.title"));
        a.setTitle(texts.now().text("app.title"));
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.show();
    }
}
