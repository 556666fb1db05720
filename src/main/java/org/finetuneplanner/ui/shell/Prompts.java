package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The questions the window asks before it could lose work; each blocks until answered (a dialog in the app, fixed
 * answers in tests). Call on the FX thread.
 */
public interface Prompts {
    /** The answer to "Save the changes to … first?". */
    enum Unsaved { SAVE, DISCARD, CANCEL }

    /** The answer to "Restore the scenario autosaved before the app stopped?"; LATER keeps it for another time. */
    enum Recovery { RESTORE, DISCARD, LATER }

    /** Asks whether to save the changes to {@code scenarioName} before they are replaced or the app quits. */
    Unsaved unsavedChanges(String scenarioName);

    /**
     * Asks whether to restore a scenario autosaved by a session that did not end cleanly.
     *
     * @param scenarioName its name
     * @param savedAt      when it was autosaved, if known
     * @param source       the file it belonged to, if any
     */
    Recovery recover(String scenarioName, Optional<Instant> savedAt, Optional<Path> source);

    /** Answers that lose nothing and ask nobody: keep working (no prompt shown), keep the autosave for later. */
    Prompts CAUTIOUS = new Prompts() {
        @Override
        public Unsaved unsavedChanges(String scenarioName) {
            return Unsaved.CANCEL;
        }

        @Override
        public Recovery recover(String scenarioName, Optional<Instant> savedAt, Optional<Path> source) {
            return Recovery.LATER;
        }
    };
}
