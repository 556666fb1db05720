package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.common.Worded;
import org.finetuneplanner.ui.planner.FormState;
import org.finetuneplanner.ui.planner.PlannerViewModel;

/**
 * The working scenario as a document: the file it belongs to, whether the form holds changes not saved there, the
 * recent files, the commands that could lose those changes (New, Open, Open Recent, Quit) asking first, and the
 * app's own working copy (autosave, and recovery after a session that did not end cleanly). Disk work runs on the
 * background executor; what happened is said in the status line. Call on the FX thread.
 */
public final class ScenarioDocument {
    private final PlannerViewModel planner;
    private final ScenarioFiles files;
    private final FileDialogs dialogs;
    private final Prompts prompts;
    private final UiExecutors executors;
    private final Consumer<Phrase> say;
    private final BooleanProperty busy;

    private final ObjectProperty<Optional<Path>> file = new SimpleObjectProperty<>(this, "file", Optional.empty());
    /** The form as it was when last opened or saved: the form equal to it has nothing unsaved. */
    private final ObjectProperty<FormState> baseline = new SimpleObjectProperty<>(this, "baseline");
    private final ObservableValue<Boolean> dirty;
    private final RecentFiles recent = new RecentFiles();
    /** The scenario last opened or saved: what the next start shows when the user quits without saving. */
    private Optional<Scenario> saved;
    private boolean discarded;
    private WorkingCopy copy;
    private Autosave autosave;

    ScenarioDocument(PlannerViewModel planner, ScenarioFiles files, FileDialogs dialogs, Prompts prompts,
                     UiExecutors executors, Consumer<Phrase> say, BooleanProperty busy) {
        this.planner = planner;
        this.files = files;
        this.dialogs = dialogs;
        this.prompts = prompts;
        this.executors = executors;
        this.say = say;
        this.busy = busy;
        ReadOnlyObjectProperty<FormState> state = planner.history().stateProperty();
        dirty = Bindings.createBooleanBinding(() -> !state.get().equals(baseline.get()), state, baseline);
        markSaved(planner.currentScenario());
    }

    /** The form as it is now is what the file holds: nothing unsaved, and undo's words start a new step. */
    private void markSaved(Optional<Scenario> scenario) {
        baseline.set(planner.history().stateProperty().get());
        saved = scenario;
        discarded = false;
        planner.history().seal();
    }

    /**
     * The session's first scenario: the one shown when the app last quit, with its file and the recent files. It
     * counts as saved, and there is nothing to undo before it.
     */
    public void begin(Optional<Scenario> scenario, Optional<Path> source, List<Path> recentFiles) {
        scenario.ifPresent(planner::applyScenario);
        planner.history().clear();
        file.set(source);
        markSaved(planner.currentScenario());
        recent.setAll(recentFiles);
    }

    // ---- commands that replace the form ---------------------------------------------------------------------

    /**
     * Asks what to do with unsaved changes before they are replaced: saved (Save, or Save As… for a scenario without
     * a file), discarded, or kept (cancel). Completes with whether the caller may go on.
     */
    public CompletableFuture<Boolean> settleUnsaved() {
        if (!dirty.getValue()) {
            return CompletableFuture.completedFuture(true);
        }
        return switch (prompts.unsavedChanges(displayName(planner.messagesProperty().get()))) {
            case SAVE -> save();
            case DISCARD -> CompletableFuture.completedFuture(true);
            case CANCEL -> CompletableFuture.completedFuture(false);
        };
    }

    /** File → New: the default scenario, after asking about unsaved changes; one step to undo. */
    public CompletableFuture<Boolean> newScenario() {
        return newScenario(planner.defaultScenario(), Phrase.of("edit.cause.new"), Phrase.of("status.ready"));
    }

    /**
     * File → New from quick start: {@code s} as a new scenario without a file, after asking about unsaved changes;
     * one step to undo, worded by {@code cause}, and {@code done} said. Completes with whether it was put in.
     */
    public CompletableFuture<Boolean> newScenario(Scenario s, Phrase cause, Phrase done) {
        return settleUnsaved().thenApply(go -> {
            if (go) {
                planner.inputs().applyScenario(s, Optional.of(cause));
                file.set(Optional.empty());
                markSaved(planner.currentScenario());
                say.accept(done);
            }
            return go;
        });
    }

    /** File → Open scenario…: asks about unsaved changes, then for the file. */
    public CompletableFuture<Boolean> open() {
        return settleUnsaved().thenCompose(go -> {
            Path chosen = go ? dialogs.openScenario() : null;
            return chosen == null ? CompletableFuture.completedFuture(false) : read(chosen);
        });
    }

    /** File → Open Recent → a file: asks about unsaved changes, then opens it (a file gone leaves the list). */
    public CompletableFuture<Boolean> openRecent(Path chosen) {
        return settleUnsaved().thenCompose(go -> go ? read(chosen) : CompletableFuture.completedFuture(false));
    }

    /**
     * Opens {@code chosen} without asking: its scenario becomes the form (one step to undo), the file the document's.
     * A file that is not a scenario of this version, is damaged or too large leaves the form as it is and says why
     * in one line; a file that is gone is taken off the recent files.
     */
    public CompletableFuture<Boolean> read(Path chosen) {
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> files.exists(chosen) ? Optional.of(files.read(chosen))
                        : Optional.<Scenario>empty(), executors.background())
                .handleAsync((scenario, error) -> {
                    busy.set(false);
                    if (error != null) {
                        Throwable cause = ShellViewModel.rootCause(error);
                        // Another version's file, or another kind of file: said as such, with the reader's words.
                        boolean format = cause instanceof PlannerException p && "format".equals(p.key());
                        String name = String.valueOf(chosen.getFileName());
                        say.accept(Phrase.of(format ? "status.openFormat" : "status.openFailed", name,
                                (Worded) m -> withoutName(m.words().message(cause), name)));
                        return false;
                    }
                    if (scenario.isEmpty()) {
                        recent.remove(chosen);
                        say.accept(Phrase.of("status.missing", chosen.getFileName(), parent(chosen)));
                        return false;
                    }
                    planner.inputs().applyScenario(scenario.get(),
                            Optional.of(Phrase.of("edit.cause.open", chosen.getFileName())));
                    file.set(Optional.of(chosen));
                    markSaved(planner.currentScenario());
                    recent.add(chosen);
                    say.accept(Phrase.of("status.opened", chosen.getFileName()));
                    return true;
                }, executors.ui());
    }

    /** The reader's words name the file first when the whole file is refused: the status line names it once. */
    private static String withoutName(String message, String name) {
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    private static String parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? "" : parent.toString();
    }

    // ---- saving -----------------------------------------------------------------------------------------------

    /** File → Save: to the document's file, or Save As… when it has none. Completes with whether it was saved. */
    public CompletableFuture<Boolean> save() {
        return file.get().map(this::saveTo).orElseGet(this::saveAs);
    }

    /** File → Save As…: asks for a file (the scenario's name suggested), then saves there. */
    public CompletableFuture<Boolean> saveAs() {
        Path chosen = dialogs.saveScenario(suggestedName(".json"));
        return chosen == null ? CompletableFuture.completedFuture(false) : saveTo(chosen);
    }

    /**
     * Saves the last valid scenario to {@code target} (and says so when the inputs have errors: the marked inputs
     * stay unsaved); the file becomes the document's. Completes with whether it was written.
     */
    public CompletableFuture<Boolean> saveTo(Path target) {
        Optional<Scenario> scenario = planner.currentScenario();
        if (scenario.isEmpty()) {
            say.accept(Phrase.of("status.noScenario"));
            return CompletableFuture.completedFuture(false);
        }
        boolean stale = planner.stale();
        Scenario snapshot = scenario.get();
        // What the file will hold, as the form shows it: the form now, or the last valid inputs while it has errors.
        FormState written = stale ? planner.history().stateOf(snapshot) : planner.history().capture();
        busy.set(true);
        return CompletableFuture.runAsync(() -> files.write(snapshot, target), executors.background())
                .handleAsync((ignored, error) -> {
                    busy.set(false);
                    if (error != null) {
                        say.accept(Phrase.failed("status.saveFailed", ShellViewModel.rootCause(error),
                                target.getFileName()));
                        return false;
                    }
                    file.set(Optional.of(target));
                    baseline.set(written);
                    saved = Optional.of(snapshot);
                    discarded = false;
                    planner.history().seal();
                    recent.add(target);
                    say.accept(Phrase.of(stale ? "status.savedLastValid" : "status.saved", target));
                    return true;
                }, executors.ui());
    }

    /** A file name from the scenario's name: "Llama-3.1-8B-QLoRA-r16.json". */
    public String suggestedName(String extension) {
        String name = planner.inputs().scenarioNameProperty().get();
        String base = name == null || name.isBlank() ? "scenario"
                : name.strip().replaceAll("[^\\p{L}\\p{N}._-]+", "-").replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? "scenario" : base) + extension;
    }

    // ---- quitting -----------------------------------------------------------------------------------------------

    /**
     * File → Quit or the window closed: asks about unsaved changes first. Completes with whether the app may quit;
     * after "Don't save" the next start shows the scenario as it was last saved.
     */
    public CompletableFuture<Boolean> quit() {
        if (!dirty.getValue()) {
            return CompletableFuture.completedFuture(true);
        }
        return switch (prompts.unsavedChanges(displayName(planner.messagesProperty().get()))) {
            case SAVE -> save();
            case DISCARD -> {
                discarded = true;
                yield CompletableFuture.completedFuture(true);
            }
            case CANCEL -> CompletableFuture.completedFuture(false);
        };
    }

    /** The scenario the next start shows: the form's, or the last saved one after "Don't save". */
    public Optional<Scenario> remembered() {
        return discarded ? saved : planner.currentScenario();
    }

    // ---- the working copy ---------------------------------------------------------------------------------------

    /**
     * Begins the session's working copy: what a session that did not end cleanly left is offered back (restore,
     * discard or keep for later), then every change of the form is autosaved a moment after it, through
     * {@code later} (which runs a task on the FX thread after {@link Autosave#DELAY_MILLIS}).
     */
    public CompletableFuture<Void> startSession(WorkingCopy workingCopy, Executor later) {
        copy = workingCopy;
        autosave = new Autosave(planner::currentScenario, file::get, workingCopy, later, executors, say);
        // Changes only: the scenario the session starts with is not written until something changes.
        planner.history().stateProperty().addListener((obs, was, now) -> autosave.changed());
        file.addListener((obs, was, now) -> autosave.changed());
        return CompletableFuture.supplyAsync(workingCopy::begin, executors.background())
                .handleAsync((left, error) -> {
                    if (error != null) {
                        autosave.close();
                        say.accept(Phrase.failed("status.autosaveOff", ShellViewModel.rootCause(error)));
                    } else {
                        left.ifPresent(this::offer);
                    }
                    return null;
                }, executors.ui());
    }

    private void offer(WorkingCopy.Left left) {
        if (left.scenario().isEmpty() && left.gpu().isPresent()) {
            // A seller's own GPU whose list is not in force: the copy stays where the next start offers it again.
            say.accept(Phrase.of("status.recoveryUnknownGpu", left.gpu().get(),
                    copy.leftFile().map(Path::toString).orElse("")));
            return;
        }
        if (left.scenario().isEmpty()) {
            Throwable damage = left.damage().orElseGet(() -> new IllegalStateException("?"));
            background(copy::keepLeft, kept -> say.accept(Phrase.failed("status.recoveryDamaged", damage,
                    kept.map(Path::toString).orElse(""))));
            return;
        }
        Scenario s = left.scenario().get();
        if (planner.currentScenario().equals(Optional.of(s)) && file.get().equals(left.source())) {
            // The start shows what was autosaved already: nothing to offer.
            background(() -> {
                copy.discardLeft();
                return null;
            }, ignored -> { });
            return;
        }
        switch (prompts.recover(s.name(), left.savedAt(), left.source())) {
            case RESTORE -> {
                planner.inputs().applyScenario(s, Optional.of(Phrase.of("edit.cause.recovered")));
                file.set(left.source());
                background(() -> {
                    copy.discardLeft();
                    return null;
                }, ignored -> say.accept(Phrase.of("status.recovered", s.name())));
            }
            case DISCARD -> background(() -> {
                copy.discardLeft();
                return null;
            }, ignored -> say.accept(Phrase.of("status.recoveryDiscarded")));
            case LATER -> background(copy::keepLeft, kept -> say.accept(Phrase.of("status.recoveryKept",
                    kept.map(Path::toString).orElse(""))));
        }
    }

    private <T> void background(Supplier<T> work, Consumer<T> then) {
        CompletableFuture.supplyAsync(work, executors.background()).whenCompleteAsync((value, error) -> {
            if (error != null) {
                say.accept(Phrase.failed("status.autosaveFailed", ShellViewModel.rootCause(error)));
            } else {
                then.accept(value);
            }
        }, executors.ui());
    }

    /** Ends the session cleanly (no more autosaves; the next start offers nothing back). Runs in the background. */
    public CompletableFuture<Void> endSession() {
        if (copy == null) {
            return CompletableFuture.completedFuture(null);
        }
        autosave.close();
        return CompletableFuture.runAsync(copy::end, executors.background());
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    /** The name the window shows: the scenario's, else its file's, else "Untitled". */
    public String displayName(Messages m) {
        String name = planner.inputs().scenarioNameProperty().get();
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        return file.get().map(f -> f.getFileName().toString()).orElseGet(() -> m.text("app.untitled"));
    }

    /** The file the scenario was opened from or saved to; empty for a new one. */
    public ReadOnlyObjectProperty<Optional<Path>> fileProperty() {
        return file;
    }

    /** Whether the form holds changes not saved to the file (undo back to the saved inputs clears it). */
    public ObservableValue<Boolean> dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.getValue();
    }

    public RecentFiles recentFiles() {
        return recent;
    }
}
