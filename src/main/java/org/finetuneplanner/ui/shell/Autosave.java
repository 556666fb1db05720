package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.common.UiExecutors;

/**
 * Writes the working scenario to the app's own {@link WorkingCopy} a moment after the inputs stop changing: a run of
 * keystrokes or clicks makes one write, on the background executor, atomically. Nothing is written when nothing
 * changed since the last write. Call on the FX thread.
 */
public final class Autosave {
    /** How long the inputs rest before they are written, milliseconds. */
    public static final long DELAY_MILLIS = 2_000;

    private record Snapshot(Scenario scenario, Optional<Path> source) {
    }

    private final Supplier<Optional<Scenario>> scenario;
    private final Supplier<Optional<Path>> source;
    private final WorkingCopy copy;
    private final Executor later;
    private final UiExecutors executors;
    private final Consumer<Phrase> say;
    private long generation;
    private Snapshot written;
    private boolean failing;
    private boolean closed;

    /**
     * @param scenario the scenario to keep (the last valid one, with the name typed now)
     * @param source   the user's file it belongs to
     * @param later    runs a task on the FX thread after {@value #DELAY_MILLIS} ms (tests run it when they choose)
     * @param say      puts a failure in the status line (once, until a write succeeds again)
     */
    public Autosave(Supplier<Optional<Scenario>> scenario, Supplier<Optional<Path>> source, WorkingCopy copy,
                    Executor later, UiExecutors executors, Consumer<Phrase> say) {
        this.scenario = scenario;
        this.source = source;
        this.copy = copy;
        this.later = later;
        this.executors = executors;
        this.say = say;
    }

    /** The inputs or the file changed: a write follows once they have rested (an earlier pending one is dropped). */
    public void changed() {
        long mine = ++generation;
        later.execute(() -> {
            if (mine == generation) {
                write();
            }
        });
    }

    private void write() {
        Optional<Scenario> now = scenario.get();
        if (closed || now.isEmpty()) {
            return;
        }
        Snapshot snapshot = new Snapshot(now.get(), source.get());
        if (snapshot.equals(written)) {
            return;
        }
        written = snapshot;
        CompletableFuture.runAsync(() -> copy.save(snapshot.scenario(), snapshot.source()), executors.background())
                .whenCompleteAsync((ignored, error) -> {
                    if (error == null) {
                        failing = false;
                        return;
                    }
                    written = null;
                    if (!failing) {
                        say.accept(Phrase.failed("status.autosaveFailed", ShellViewModel.rootCause(error)));
                    }
                    failing = true;
                }, executors.ui());
    }

    /** No more writes (the session ends). */
    public void close() {
        closed = true;
    }
}
