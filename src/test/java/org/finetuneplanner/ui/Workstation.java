package org.finetuneplanner.ui;

import java.nio.file.Path;
import java.util.Optional;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.controlsfx.control.decoration.Decorator;
import org.finetuneplanner.App;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.shell.FileDialogs;
import org.finetuneplanner.ui.shell.ShellView;
import org.finetuneplanner.ui.shell.ShellViewModel;
import org.testfx.api.FxRobot;

/** The real window for UI tests: the real catalogs and core behind the real views, file choosers answered here. */
public final class Workstation {
    public final PlannerViewModel vm = Fixtures.planner();
    public final ShellViewModel shell = new ShellViewModel(vm, App.scenarioFiles(new ScenarioJson(Fixtures.CATALOGS)),
            Optional.empty(), UiExecutors.direct());
    /** What the file choosers answer (null: cancelled). */
    public Path configFile;
    public Path scenarioFile;

    /** Shows the window. Monocle's headless screen is 1280 × 800: a larger window overflows its framebuffer. */
    public void show(Stage stage) {
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Path openScenario() {
                return scenarioFile;
            }

            @Override
            public Path saveScenario(String suggestedName) {
                return scenarioFile;
            }

            @Override
            public Path openConfig() {
                return configFile;
            }

            @Override
            public Path savePdf(String suggestedName) {
                return null;
            }
        };
        Application.setUserAgentStylesheet(App.class.getResource(App.LIGHT).toExternalForm());
        Scene scene = new Scene(new ShellView(shell, dialogs, stage::close), 1200, 760);
        scene.getStylesheets().add(App.class.getResource("/org/finetuneplanner/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
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
                .filter(t -> t.equals(control.getAccessibleHelp())).findFirst();
    }
}
