package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Questions for tests: each answers what is set here, asking nobody. */
public final class FixedPrompts implements Prompts {
    /** The answer to "Save the changes first?". */
    public Unsaved unsaved = Unsaved.CANCEL;
    /** The answer to "Restore the autosaved scenario?". */
    public Recovery recovery = Recovery.LATER;

    @Override
    public Unsaved unsavedChanges(String scenarioName) {
        return unsaved;
    }

    @Override
    public Recovery recover(String scenarioName, Optional<Instant> savedAt, Optional<Path> source) {
        return recovery;
    }
}
