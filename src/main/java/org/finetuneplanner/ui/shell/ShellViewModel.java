package org.finetuneplanner.ui.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.export.ExportFiles;
import org.finetuneplanner.service.validation.ErrorBandsFile;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.common.Worded;
import org.finetuneplanner.ui.compare.CompareViewModel;
import org.finetuneplanner.ui.planner.PlannerViewModel;

/**
 * The window around the planner: theme, language, the File and Edit menus' commands (the scenario as a document:
 * {@link ScenarioDocument}; undo and redo of the inputs), the pinned scenarios' comparison, the title with the
 * unsaved mark, and the status line. Disk work runs on the background executor; results and errors come back as
 * status text. Call on the FX thread.
 */
public final class ShellViewModel {
    private final PlannerViewModel planner;
    private final Optional<PdfExport> pdf;
    private final Optional<ComparisonExport> comparisons;
    private final UiExecutors executors;
    private final CompareViewModel compare;
    private final PresentationViewModel presentation;

    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");
    private final ObjectProperty<Locale> locale;
    private final ReadOnlyObjectWrapper<Phrase> said =
            new ReadOnlyObjectWrapper<>(this, "said", Phrase.of("status.ready"));
    private final ObservableValue<String> status;
    private final ObservableValue<String> state;
    private final ObservableValue<String> stateDetails;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableValue<String> title;
    private final ScenarioDocument document;

    /** A window without comparison reports, file dialogs or prompts (as the 5-argument constructor says). */
    public ShellViewModel(PlannerViewModel planner, ScenarioFiles files, Optional<PdfExport> pdf,
                          UiExecutors executors) {
        this(planner, files, pdf, Optional.empty(), executors);
    }

    /**
     * A window whose file dialogs answer "cancelled" and whose prompts lose nothing ({@link Prompts#CAUTIOUS}).
     *
     * @param comparisons writes a comparison report (File → Export comparison…), when this build has one
     */
    public ShellViewModel(PlannerViewModel planner, ScenarioFiles files, Optional<PdfExport> pdf,
                          Optional<ComparisonExport> comparisons, UiExecutors executors) {
        this(planner, files, pdf, comparisons, executors, FileDialogs.NONE, Prompts.CAUTIOUS);
    }

    /**
     * @param comparisons writes a comparison report (File → Export comparison…), when this build has one
     * @param dialogs     the file choosers of Open and Save As…
     * @param prompts     the questions asked before work could be lost (unsaved changes, recovery)
     */
    public ShellViewModel(PlannerViewModel planner, ScenarioFiles files, Optional<PdfExport> pdf,
                          Optional<ComparisonExport> comparisons, UiExecutors executors, FileDialogs dialogs,
                          Prompts prompts) {
        this(planner, files, pdf, comparisons, executors, dialogs, prompts, Optional.empty());
    }

    /**
     * @param comparisons writes a comparison report (File → Export comparison…), when this build has one
     * @param dialogs     the file choosers of Open and Save As…
     * @param prompts     the questions asked before work could be lost (unsaved changes, recovery)
     * @param quickStarts reads the bundled quick starts (File → New from quick start), when this window offers them
     */
    public ShellViewModel(PlannerViewModel planner, ScenarioFiles files, Optional<PdfExport> pdf,
                          Optional<ComparisonExport> comparisons, UiExecutors executors, FileDialogs dialogs,
                          Prompts prompts, Optional<QuickStartFiles> quickStarts) {
        this.planner = planner;
        this.pdf = pdf;
        this.comparisons = comparisons;
        this.executors = executors;
        this.document = new ScenarioDocument(planner, files, dialogs, prompts, executors, said::set, busy);
        // A pin is the planner's last valid scenario, as named now, with its estimate on its own hardware, how sure
        // that estimate is (the bundled error bands, as the planner's ranges) and the plan (its advice).
        Confidence confidence = new Confidence(ErrorBandsFile.bundled());
        this.compare = new CompareViewModel(() -> planner.currentScenario().flatMap(named -> planner.results()
                .shown().map(c -> new CompareViewModel.Snapshot(named(c.estimate(), named),
                        confidence.of(c.estimate()), Optional.of(c.plan())))), planner::stale,
                planner.messagesProperty());
        this.presentation = new PresentationViewModel(planner, document, quickStarts, executors);
        for (ObservableValue<Phrase> other : List.of(compare.saidProperty(), presentation.saidProperty())) {
            other.subscribe(p -> {
                if (p != null) {
                    said.set(p);
                }
            });
        }
        this.locale = new SimpleObjectProperty<>(this, "locale", planner.messagesProperty().get().locale());
        locale.subscribe(l -> {
            if (!l.getLanguage().equals(planner.messagesProperty().get().locale().getLanguage())) {
                planner.messagesProperty().set(planner.messagesProperty().get().withLocale(l));
            }
        });
        // "Llama 3.1 8B, QLoRA r16 — Fine-Tune Planner", with "• " in front while changes are unsaved.
        title = Bindings.createStringBinding(() -> {
            Messages m = planner.messagesProperty().get();
            return m.text(document.isDirty() ? "app.titleUnsaved" : "app.titleWithScenario",
                    document.displayName(m));
        }, planner.inputs().scenarioNameProperty(), planner.messagesProperty(), document.dirtyProperty(),
                document.fileProperty());
        // Another option picked in the results: what it replaced, and that Ctrl+Z brings it back.
        planner.noticeProperty().subscribe(p -> {
            if (p != null) {
                said.set(p);
            }
        });
        // Worded when shown: a switch of language re-words the status line too.
        status = Bindings.createStringBinding(() -> said.get().words(messages()), said, planner.messagesProperty());
        var results = planner.results();
        state = Bindings.createStringBinding(() -> results.staleProperty().getValue()
                        ? messages().text("status.stale", results.problemsProperty().getValue().size())
                        : messages().text("status.valid"),
                results.staleProperty(), results.problemsProperty(), planner.messagesProperty());
        stateDetails = Bindings.createStringBinding(() -> String.join("\n", results.problemsProperty().getValue()
                        .values().stream().map(p -> p.words(messages())).sorted().toList()),
                results.problemsProperty(), planner.messagesProperty());
    }

    private Messages messages() {
        return planner.messagesProperty().get();
    }

    /** File → New: the default scenario, after asking about unsaved changes. */
    public CompletableFuture<Boolean> newScenario() {
        return document.newScenario();
    }

    /** File → Open scenario…: a bad file leaves the current inputs as they are and says why. Asks nothing. */
    public CompletableFuture<Void> openScenario(Path file) {
        return document.read(file).thenApply(opened -> null);
    }

    /** File → Save As… to {@code file}: saves the last valid scenario (and says so when the inputs have errors). */
    public CompletableFuture<Void> saveScenario(Path file) {
        return document.saveTo(file).thenApply(written -> null);
    }

    /** Edit → Undo: the inputs as before the last change; the status line says which. */
    public void undo() {
        planner.history().undo().ifPresentOrElse(
                step -> said.set(Phrase.of("status.undone", (Worded) m -> planner.history().describe(m, step))),
                () -> said.set(Phrase.of("status.nothingToUndo")));
    }

    /** Edit → Redo: the last undone change again. */
    public void redo() {
        planner.history().redo().ifPresentOrElse(
                step -> said.set(Phrase.of("status.redone", (Worded) m -> planner.history().describe(m, step))),
                () -> said.set(Phrase.of("status.nothingToRedo")));
    }

    /** The scenario as a document: its file, unsaved changes, recent files, save, open and the working copy. */
    public ScenarioDocument document() {
        return document;
    }

    /** Whether File → Export PDF… has an exporter in this build. */
    public boolean canExport() {
        return pdf.isPresent();
    }

    /** File → Export PDF…: the report of the last valid scenario, in the current language. */
    public CompletableFuture<Void> exportPdf(Path file) {
        Optional<Scenario> scenario = planner.currentScenario();
        if (pdf.isEmpty()) {
            said.set(Phrase.of("status.exportUnavailable"));
            return CompletableFuture.completedFuture(null);
        }
        if (scenario.isEmpty()) {
            said.set(Phrase.of("status.noScenario"));
            return CompletableFuture.completedFuture(null);
        }
        Scenario snapshot = scenario.get();
        Locale language = locale.get();
        return export(() -> pdf.get().export(snapshot, language, file), file, Phrase.of("status.exporting"));
    }

    /**
     * File → Export comparison…: the comparison of the pinned scenarios, in slot order, in the current language.
     * Said and refused when fewer than two are pinned.
     */
    public CompletableFuture<Void> exportComparison(Path file) {
        if (comparisons.isEmpty()) {
            said.set(Phrase.of("status.exportUnavailable"));
            return CompletableFuture.completedFuture(null);
        }
        List<Scenario> pinned = compare.scenarios();
        if (pinned.size() < 2) {
            said.set(Phrase.of("pins.tooFew"));
            return CompletableFuture.completedFuture(null);
        }
        Locale language = locale.get();
        return export(() -> comparisons.get().export(pinned, language, file), file, Phrase.of("status.exporting"));
    }

    /**
     * File → Export options as CSV…: the options table of the results on screen (the last valid ones), words in the
     * current language and numbers machine-readable ({@code OptionsCsv}). Said and refused before any results.
     */
    public CompletableFuture<Void> exportOptionsCsv(Path file) {
        List<List<String>> rows = planner.results().csv();
        if (rows.isEmpty()) {
            said.set(Phrase.of("status.nothingToExport"));
            return CompletableFuture.completedFuture(null);
        }
        return saveFile(file, ExportFiles.csv(rows));
    }

    /** Writes what a view made (a chart as PNG or SVG, a table as CSV) to {@code file} on the background thread. */
    public CompletableFuture<Void> saveFile(Path file, byte[] bytes) {
        return export(() -> {
            try {
                ExportFiles.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }, file, Phrase.of("status.writing", file.getFileName()));
    }

    /**
     * File → Copy summary: the recommendation and the key numbers as plain text, handed to {@code clipboard} (the
     * view's system clipboard), and said; before any results only said.
     */
    public void copySummary(Consumer<String> clipboard) {
        String text = planner.results().summaryText();
        if (text.isEmpty()) {
            said.set(Phrase.of("status.nothingToExport"));
            return;
        }
        clipboard.accept(text);
        said.set(Phrase.of("status.copied"));
    }

    /** Runs an export on the background executor; busy, progress and the outcome in the status line. */
    private CompletableFuture<Void> export(Runnable work, Path file, Phrase running) {
        busy.set(true);
        setProgress(-1);
        said.set(running);
        return CompletableFuture.runAsync(work, executors.background())
                .handleAsync((ignored, error) -> {
                    busy.set(false);
                    setProgress(0);
                    said.set(error != null ? Phrase.failed("status.saveFailed", rootCause(error), file.getFileName())
                            : Phrase.of("status.saved", file));
                    return null;
                }, executors.ui());
    }

    /** Whether File → Export comparison… has an exporter in this build. */
    public boolean canExportComparison() {
        return comparisons.isPresent();
    }

    /** The estimate with the scenario as the user named it (the planner estimates the scenario unnamed). */
    private static Estimate named(Estimate e, Scenario named) {
        return new Estimate(named, e.parameters(), e.memory(), e.throughput(), e.hours(), e.cost(), e.notes());
    }

    private void setProgress(double value) {
        // A task that reports its own progress (follow) owns the bar.
        if (!progress.isBound()) {
            progress.set(value);
        }
    }

    /** Shows a message in the status line (settings problems found at start), in the current language. */
    public void report(Phrase phrase) {
        said.set(phrase);
    }

    /**
     * Shows another task's progress and status in the status line while it runs: the report's export binds its
     * {@code progressProperty()} (0…1, or −1 while it cannot tell) and {@code statusProperty()} here. Each new
     * status text replaces the line; the progress bar follows {@code taskProgress}.
     */
    public void follow(ObservableValue<? extends Number> taskProgress, ObservableValue<String> taskStatus) {
        progress.bind(Bindings.createDoubleBinding(() -> taskProgress.getValue() == null ? 0
                : taskProgress.getValue().doubleValue(), taskProgress));
        taskStatus.subscribe(text -> {
            if (text != null && !text.isEmpty()) {
                said.set(Phrase.literal(text));
            }
        });
    }

    /** The failure behind the wrappers a future adds (CompletionException, UncheckedIOException). */
    static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof UncheckedIOException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t;
    }

    public PlannerViewModel planner() {
        return planner;
    }

    /** The pinned scenarios and their comparison. */
    public CompareViewModel compare() {
        return compare;
    }

    /** Presentation mode, the zoom and the quick starts. */
    public PresentationViewModel presentation() {
        return presentation;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    /** The status line: the last thing said, in the current language. */
    public ObservableValue<String> statusProperty() {
        return status;
    }

    /** "Up to date" or "Stale: 2 inputs to fix", for the status bar. */
    public ObservableValue<String> stateProperty() {
        return state;
    }

    /** The problems behind a stale state, one per line (the state's tooltip); "" when up to date. */
    public ObservableValue<String> stateDetailsProperty() {
        return stateDetails;
    }

    /** Progress of a running export: 0 when idle, −1 while it cannot tell, else 0…1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableValue<String> titleProperty() {
        return title;
    }
}
