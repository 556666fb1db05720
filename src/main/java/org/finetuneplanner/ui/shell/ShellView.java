package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
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
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import org.controlsfx.control.StatusBar;

import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;
import org.finetuneplanner.ui.compare.CompareView;
import org.finetuneplanner.ui.planner.PlannerView;
import org.finetuneplanner.ui.prices.PriceListEditorView;
import org.finetuneplanner.ui.prices.PriceListViewModel;

/** The window's content: menus, the planner or the comparison of the pinned scenarios, and a status line. */
public final class ShellView extends BorderPane {
    private final ShellViewModel vm;
    private final Texts texts;
    private final FileDialogs dialogs;
    private final Runnable quit;
    private final Optional<PriceListViewModel> prices;

    public ShellView(ShellViewModel vm, FileDialogs dialogs, Runnable quit) {
        this(vm, dialogs, quit, Optional.empty());
    }

    /**
     * @param prices File → Price list…, Edit price list… and Use catalog prices, and the price list in force in the
     *               status bar, when this build has price lists
     */
    public ShellView(ShellViewModel vm, FileDialogs dialogs, Runnable quit, Optional<PriceListViewModel> prices) {
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
        getStyleClass().add("shell");
        setTop(menuBar());
        PlannerView planner = new PlannerView(vm.planner(), texts, dialogs::openConfig);
        CompareView compare = new CompareView(vm.compare(), texts, this::exportComparison);
        compare.setId("compareView");
        // The comparison takes the planner's place while it is shown (View of the Compare menu, Esc to leave).
        vm.compare().shownProperty().subscribe(shown -> setCenter(shown ? compare : planner));
        setBottom(statusBar());
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
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(texts.t("prices.inForce.tip"));
        label.setTooltip(tip);
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
                item("openScenario", "menu.file.open", "Shortcut+O", this::openScenario),
                item("saveScenario", "menu.file.save", "Shortcut+S", this::saveScenario),
                new SeparatorMenuItem(),
                item("openConfigMenu", "menu.file.openConfig", "Shortcut+Shift+O", this::openConfig),
                export,
                item("exportComparison", "menu.file.exportComparison", "Shortcut+Shift+E", this::exportComparison),
                new SeparatorMenuItem(),
                item("quit", "menu.file.quit", "Shortcut+Q", quit));
        prices.ifPresent(p -> {
            MenuItem clearPrices = item("clearPrices", "menu.file.clearPrices", null, p::clear);
            clearPrices.disableProperty().bind(p.priceListProperty().map(Optional::isEmpty));
            file.getItems().addAll(file.getItems().size() - 2, List.of(new SeparatorMenuItem(),
                    item("openPrices", "menu.file.prices", "Shortcut+L", () -> openPrices(p)),
                    item("editPrices", "menu.file.editPrices", null, () -> editPrices(p)), clearPrices));
        });

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
        Menu help = menu("helpMenu", "menu.help", item("about", "menu.help.about", "F1", this::about));
        return new MenuBar(file, view, compare, help);
    }

    private String suggestedName(String extension) {
        String name = vm.planner().inputs().scenarioNameProperty().get();
        String base = name == null || name.isBlank() ? "scenario" : name.replaceAll("[^\\p{L}\\p{N}._-]+", "-");
        return base + extension;
    }

    private void openScenario() {
        Path p = dialogs.openScenario();
        if (p != null) {
            vm.openScenario(p);
        }
    }

    private void saveScenario() {
        Path p = dialogs.saveScenario(suggestedName(".json"));
        if (p != null) {
            vm.saveScenario(p);
        }
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
        Path p = dialogs.savePdf(suggestedName(".pdf"));
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
