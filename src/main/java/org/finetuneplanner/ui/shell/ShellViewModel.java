package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;

/**
 * The window around the planner: theme, language, the File menu's commands and the status line. Disk work runs on
 * the background executor; results and errors come back as status text. Call on the FX thread.
 */
public final class ShellViewModel {
    private final PlannerViewModel planner;
    private final ScenarioFiles files;
    private final Optional<PdfExport> pdf;
    private final UiExecutors executors;

    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");
    private final ObjectProperty<Locale> locale;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableValue<String> title;

    public ShellViewModel(PlannerViewModel planner, ScenarioFiles files, Optional<PdfExport> pdf,
                          UiExecutors executors) {
        this.planner = planner;
        this.files = files;
        this.pdf = pdf;
        this.executors = executors;
        this.locale = new SimpleObjectProperty<>(this, "locale", planner.messagesProperty().get().locale());
        locale.subscribe(l -> {
            if (!l.getLanguage().equals(planner.messagesProperty().get().locale().getLanguage())) {
                planner.messagesProperty().set(Messages.forLocale(l));
            }
        });
        title = Bindings.createStringBinding(() -> {
            String name = planner.scenarioNameProperty().get();
            Messages m = planner.messagesProperty().get();
            return name == null || name.isBlank() ? m.text("app.title") : m.text("app.titleWithScenario", name);
        }, planner.scenarioNameProperty(), planner.messagesProperty());
        status.set(messages().text("status.ready"));
    }

    private Messages messages() {
        return planner.messagesProperty().get();
    }

    /** File → New: the default scenario. */
    public void newScenario() {
        planner.applyScenario(planner.defaultScenario());
        status.set(messages().text("status.ready"));
    }

    /** File → Open scenario…: a bad file leaves the current inputs as they are and says why. */
    public CompletableFuture<Void> openScenario(Path file) {
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> files.read(file), executors.background())
                .handleAsync((scenario, error) -> {
                    busy.set(false);
                    if (error != null) {
                        status.set(messages().text("status.openFailed", file.getFileName(), rootMessage(error)));
                    } else {
                        planner.applyScenario(scenario);
                        status.set(messages().text("status.opened", file.getFileName()));
                    }
                    return null;
                }, executors.ui());
    }

    /** File → Save scenario…: saves the last valid scenario (and says so when the inputs have errors). */
    public CompletableFuture<Void> saveScenario(Path file) {
        Optional<Scenario> scenario = planner.currentScenario();
        if (scenario.isEmpty()) {
            status.set(messages().text("status.noScenario"));
            return CompletableFuture.completedFuture(null);
        }
        boolean stale = planner.getResults().stale();
        busy.set(true);
        Scenario snapshot = scenario.get();
        return CompletableFuture.runAsync(() -> files.write(snapshot, file), executors.background())
                .handleAsync((ignored, error) -> {
                    busy.set(false);
                    if (error != null) {
                        status.set(messages().text("status.saveFailed", file.getFileName(), rootMessage(error)));
                    } else {
                        status.set(messages().text(stale ? "status.savedLastValid" : "status.saved", file));
                    }
                    return null;
                }, executors.ui());
    }

    /** Whether File → Export PDF… has an exporter in this build. */
    public boolean canExport() {
        return pdf.isPresent();
    }

    /** File → Export PDF…: the report of the last valid scenario, in the current language. */
    public CompletableFuture<Void> exportPdf(Path file) {
        Optional<Scenario> scenario = planner.currentScenario();
        if (pdf.isEmpty()) {
            status.set(messages().text("status.exportUnavailable"));
            return CompletableFuture.completedFuture(null);
        }
        if (scenario.isEmpty()) {
            status.set(messages().text("status.noScenario"));
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        status.set(messages().text("status.exporting"));
        Scenario snapshot = scenario.get();
        Locale language = locale.get();
        return CompletableFuture.runAsync(() -> pdf.get().export(snapshot, language, file), executors.background())
                .handleAsync((ignored, error) -> {
                    busy.set(false);
                    status.set(error != null
                            ? messages().text("status.saveFailed", file.getFileName(), rootMessage(error))
                            : messages().text("status.saved", file));
                    return null;
                }, executors.ui());
    }

    /** Shows a message in the status line (settings problems found at start). */
    public void report(String text) {
        status.set(text);
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return Words.english().message(t);
    }

    public PlannerViewModel planner() {
        return planner;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableValue<String> titleProperty() {
        return title;
    }
}
