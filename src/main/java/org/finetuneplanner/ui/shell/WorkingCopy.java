package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.finetuneplanner.core.scenario.Scenario;

/**
 * The app's own copy of the working scenario between saves, in its settings folder (never the user's file), and
 * what a session that did not end cleanly left there; wired in {@code App}. Every method blocks on the disk: call off
 * the FX thread.
 */
public interface WorkingCopy {
    /**
     * What a session that did not end cleanly left.
     *
     * @param scenario the autosaved scenario; empty when it could not be read ({@code damage} says why)
     * @param damage   why it could not be read
     * @param source   the file the scenario belonged to, if any
     * @param savedAt  when it was autosaved, if known
     * @param gpu      when it could not be read because it names a GPU no catalog or price list in force knows (a
     *                 seller's own GPU whose list is not in force), that GPU's id: the copy may be read later
     */
    record Left(Optional<Scenario> scenario, Optional<Throwable> damage, Optional<Path> source,
                Optional<Instant> savedAt, Optional<String> gpu) {
        /** What was left, read or damaged, with no unknown GPU. */
        public Left(Optional<Scenario> scenario, Optional<Throwable> damage, Optional<Path> source,
                    Optional<Instant> savedAt) {
            this(scenario, damage, source, savedAt, Optional.empty());
        }
    }

    /**
     * Begins this session: what the last one left when it did not end cleanly (kept apart from this session's own
     * autosaves until {@link #discardLeft()} or {@link #keepLeft()}), empty when it ended cleanly or left nothing.
     *
     * @throws RuntimeException when the working copy cannot be kept (the settings folder cannot be written)
     */
    Optional<Left> begin();

    /** Writes the working scenario atomically, with the file it belongs to. */
    void save(Scenario scenario, Optional<Path> source);

    /** Deletes what the last session left (restored, or discarded by the user). */
    void discardLeft();

    /**
     * Where what the last session left waits while no answer is given: it is offered again at the next start. Empty
     * when nothing was left.
     */
    Optional<Path> leftFile();

    /** Keeps what the last session left under a name of its own for later; returns where, when it could. */
    Optional<Path> keepLeft();

    /** Ends this session cleanly: the next start offers nothing back. */
    void end();
}
