package org.finetuneplanner.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.finetuneplanner.service.quickstart.QuickStart;
import org.finetuneplanner.ui.common.Texts;

/**
 * The window's side of {@link PresentationViewModel}: the View menu's zoom and presentation entries, File → New
 * from quick start, the zoom of the scene's root font (every size in the style sheets is in em, so text, charts and
 * memory bars follow), full screen with presentation mode, and the presentation's bar (built on first use, off the
 * start path). Only layout and binding.
 */
final class PresentationControls {
    /** The root font of app.css (.root), at zoom 1 outside presentation mode. */
    static final double NORMAL_FONT_PX = 13;
    /** The root font of presentation mode at zoom 1: a projector's 1280 × 720 seen from across a room. */
    static final double PRESENTING_FONT_PX = 14;

    private static final KeyCombination.Modifier SHORTCUT = KeyCombination.SHORTCUT_DOWN;
    private static final KeyCombination.Modifier ANY_SHIFT = KeyCombination.SHIFT_ANY;

    private final PresentationViewModel vm;
    private final Texts texts;

    PresentationControls(PresentationViewModel vm, Texts texts) {
        this.vm = vm;
        this.texts = texts;
    }

    private MenuItem item(String id, String key, KeyCombination accelerator, Runnable action) {
        MenuItem i = new MenuItem();
        i.setId(id);
        i.textProperty().bind(texts.t(key));
        i.setMnemonicParsing(true);
        i.setAccelerator(accelerator);
        i.setOnAction(e -> action.run());
        return i;
    }

    /**
     * The View menu's entries: Zoom in (Ctrl +), Zoom out (Ctrl −), Actual size (Ctrl 0) and Presentation mode
     * (F11), after a separator.
     */
    List<MenuItem> viewItems() {
        ZoomViewModel zoom = vm.zoom();
        MenuItem in = item("zoomIn", "menu.view.zoomIn", new KeyCodeCombination(KeyCode.PLUS, SHORTCUT, ANY_SHIFT),
                vm::zoomIn);
        in.disableProperty().bind(zoom.canZoomInProperty().map(b -> !b));
        MenuItem out = item("zoomOut", "menu.view.zoomOut", new KeyCodeCombination(KeyCode.MINUS, SHORTCUT),
                vm::zoomOut);
        out.disableProperty().bind(zoom.canZoomOutProperty().map(b -> !b));
        MenuItem reset = item("zoomReset", "menu.view.zoomReset", new KeyCodeCombination(KeyCode.DIGIT0, SHORTCUT),
                vm::resetZoom);
        CheckMenuItem presenting = new CheckMenuItem();
        presenting.setId("presentationMode");
        presenting.textProperty().bind(texts.t("menu.view.presentation"));
        presenting.setMnemonicParsing(true);
        presenting.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        presenting.selectedProperty().bindBidirectional(vm.presentingProperty());
        return List.of(new SeparatorMenuItem(), in, out, reset, new SeparatorMenuItem(), presenting);
    }

    /** File → New from quick start: one entry per quick start, numbered for the keyboard (Alt, then 1 to 6). */
    Menu quickStartMenu() {
        Menu menu = new Menu();
        menu.setId("quickStartMenu");
        menu.textProperty().bind(texts.t("menu.file.quickStart"));
        menu.setMnemonicParsing(true);
        menu.getItems().setAll(quickStartItems("quickStart-"));
        menu.setDisable(menu.getItems().isEmpty());
        return menu;
    }

    private List<MenuItem> quickStartItems(String idPrefix) {
        List<MenuItem> items = new ArrayList<>();
        List<QuickStart> all = vm.quickStarts();
        for (int i = 0; i < all.size(); i++) {
            QuickStart q = all.get(i);
            int number = i + 1;
            MenuItem item = new MenuItem();
            item.setId(idPrefix + q.id());
            item.setMnemonicParsing(true);
            item.textProperty().bind(texts.messages().map(m -> m.text("quickstart.item", number,
                    PresentationViewModel.name(m, q))));
            item.setOnAction(e -> vm.applyQuickStart(q));
            items.add(item);
        }
        return items;
    }

    /**
     * Zooms {@code root}'s font with the zoom (and presentation mode), adds the other keys of the zoom to its scene
     * (Ctrl =, Ctrl Shift =, the keypad's + and −, Ctrl 0 of the keypad) and puts its stage into full screen with
     * presentation mode; leaving full screen by other means (the window manager) leaves presentation mode too.
     */
    void install(Region root) {
        root.styleProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                        "-fx-font-size: %.2fpx;", fontPx(vm.presentingProperty().get(), vm.zoom().getFactor())),
                vm.presentingProperty(), vm.zoom().factorProperty()));
        Map<KeyCombination, Runnable> keys = Map.of(
                new KeyCodeCombination(KeyCode.EQUALS, SHORTCUT, ANY_SHIFT), vm::zoomIn,
                new KeyCodeCombination(KeyCode.ADD, SHORTCUT), vm::zoomIn,
                new KeyCodeCombination(KeyCode.SUBTRACT, SHORTCUT), vm::zoomOut,
                new KeyCodeCombination(KeyCode.NUMPAD0, SHORTCUT), vm::resetZoom);
        root.sceneProperty().subscribe((before, now) -> {
            if (before != null) {
                keys.keySet().forEach(before.getAccelerators()::remove);
            }
            if (now != null) {
                now.getAccelerators().putAll(keys);
            }
        });
        boolean[] watched = {false};
        root.sceneProperty().flatMap(Scene::windowProperty).subscribe(window -> {
            if (window instanceof Stage stage && !watched[0]) {
                watched[0] = true;
                follow(stage);
            }
        });
    }

    /** The root font in pixels: the mode's size times the zoom. */
    static double fontPx(boolean presenting, double zoom) {
        return (presenting ? PRESENTING_FONT_PX : NORMAL_FONT_PX) * zoom;
    }

    private void follow(Stage stage) {
        // Esc is the presentation's Leave button (a cancel button): an open pop-up or the comparison takes it first.
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        vm.presentingProperty().subscribe(on -> {
            if (on) {
                stage.setFullScreenExitHint(texts.now().text("presentation.fullScreenHint"));
            }
            if (stage.isFullScreen() != on) {
                stage.setFullScreen(on);
            }
        });
        stage.fullScreenProperty().subscribe(full -> {
            if (!full && vm.presentingProperty().get()) {
                vm.presentingProperty().set(false);
            }
        });
    }

    /**
     * The bar above the presentation's inputs: the quick starts, the whole form or the essentials, the zoom with its
     * percentage, and Leave (Esc).
     */
    Node bar() {
        MenuButton quick = new MenuButton();
        quick.setId("quickStartButton");
        quick.textProperty().bind(texts.t("presentation.quickStart"));
        quick.setMnemonicParsing(true);
        texts.explain(quick, "presentation.quickStart.tip");
        quick.getItems().setAll(quickStartItems("presentQuickStart-"));
        quick.setDisable(quick.getItems().isEmpty());

        ToggleButton all = new ToggleButton();
        all.setId("allInputsButton");
        all.textProperty().bind(texts.t("presentation.allInputs"));
        all.setMnemonicParsing(true);
        texts.explain(all, "presentation.allInputs.tip");
        all.selectedProperty().bindBidirectional(vm.allInputsProperty());

        Button out = button("zoomOutButton", "\u2212", "presentation.zoomOut.tip", vm::zoomOut);
        out.disableProperty().bind(vm.zoom().canZoomOutProperty().map(b -> !b));
        Label percent = new Label();
        percent.setId("zoomPercent");
        percent.getStyleClass().add("zoom-percent");
        percent.textProperty().bind(Bindings.createStringBinding(() -> texts.now().text("presentation.zoom",
                vm.zoom().percentProperty().getValue()), vm.zoom().percentProperty(), texts.messages()));
        Button in = button("zoomInButton", "+", "presentation.zoomIn.tip", vm::zoomIn);
        in.disableProperty().bind(vm.zoom().canZoomInProperty().map(b -> !b));
        HBox zoom = new HBox(4, out, percent, in);
        zoom.setAlignment(Pos.CENTER_LEFT);

        Button leave = new Button();
        leave.setId("leavePresentation");
        leave.textProperty().bind(texts.t("presentation.leave"));
        leave.setMnemonicParsing(true);
        texts.explain(leave, "presentation.leave.tip");
        leave.setCancelButton(true);
        leave.setOnAction(e -> vm.presentingProperty().set(false));

        // Two rows sharing the column's width: what to show, then the zoom and the way out.
        for (Region r : List.of(quick, all, leave)) {
            r.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(r, Priority.ALWAYS);
        }
        zoom.setMinWidth(Region.USE_PREF_SIZE);
        VBox bar = new VBox(6, new HBox(6, quick, all), new HBox(6, zoom, leave));
        bar.setId("presentationBar");
        bar.getStyleClass().add("presentation-bar");
        return bar;
    }

    private Button button(String id, String text, String tipKey, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMnemonicParsing(false);
        texts.explain(b, tipKey);
        b.getStyleClass().add("zoom-button");
        b.setOnAction(e -> action.run());
        return b;
    }
}
