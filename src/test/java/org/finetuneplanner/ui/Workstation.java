package org.finetuneplanner.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;

import org.controlsfx.control.decoration.Decorator;
import org.finetuneplanner.App;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.quickstart.QuickStarts;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.shell.FixedDialogs;
import org.finetuneplanner.ui.shell.FixedPrompts;
import org.finetuneplanner.ui.shell.ShellView;
import org.finetuneplanner.ui.shell.ShellViewModel;
import org.testfx.api.FxRobot;

/** The real window for UI tests: the real catalogs and core behind the real views, file choosers answered here. */
public final class Workstation {
    /** What the file choosers answer (null: cancelled). */
    public final FixedDialogs dialogs = new FixedDialogs();
    /** What the questions are answered (unsaved changes: cancel; recovery: later). */
    public final FixedPrompts prompts = new FixedPrompts();
    public final PlannerViewModel vm = Fixtures.planner();
    public final ShellViewModel shell = new ShellViewModel(vm, App.scenarioFiles(new ScenarioJson(Fixtures.CATALOGS)),
            Optional.empty(), Optional.empty(), UiExecutors.direct(), dialogs, prompts,
            Optional.of(new QuickStarts(new ScenarioJson(Fixtures.CATALOGS))::read));

    /**
     * Shows the window, its title following the shell's. Monocle's headless screen is 1280 × 800: a larger window
     * overflows its framebuffer.
     */
    public void show(Stage stage) {
        Application.setUserAgentStylesheet(App.class.getResource(App.LIGHT).toExternalForm());
        Scene scene = new Scene(new ShellView(shell, dialogs, stage::close), 1200, 760);
        scene.getStylesheets().add(App.class.getResource("/org/finetuneplanner/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(shell.titleProperty());
        stage.show();
    }

    /** The menu item of {@code id} ("#undo") in the window's menu bar, at any depth. */
    public static MenuItem menuItem(FxRobot robot, String id) {
        MenuBar bar = find(robot, ".menu-bar", MenuBar.class);
        return bar.getMenus().stream().flatMap(m -> items(m).stream()).filter(i -> id.equals("#" + i.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    private static List<MenuItem> items(MenuItem item) {
        List<MenuItem> all = new ArrayList<>(List.of(item));
        if (item instanceof Menu m) {
            m.getItems().forEach(i -> all.addAll(items(i)));
        }
        return all;
    }

    public static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    /** The text of the error decoration on {@code control} (its tooltip), empty when it has none. */
    public static Optional<String> decoration(FxRobot robot, Control control) {
        if (Decorator.getDecorations(control) == null || Decorator.getDecorations(control).isEmpty()
                || !control.getStyleClass().contains("error")) {
            return Optional.empty();
        }
        return robot.lookup(n -> n instanceof Label l && l.getTooltip() != null && l.getGraphic() != null
                        && l.getTooltip().getStyleClass().contains("validation-tooltip") && l.isVisible())
                .queryAllAs(Label.class).stream().map(l -> l.getTooltip().getText())
                // The control's accessible help leads with its problem (FormControls.explain).
                .filter(t -> control.getAccessibleHelp() != null && control.getAccessibleHelp().startsWith(t))
                .findFirst();
    }
}
