package org.finetuneplanner.ui.shell;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.quickstart.QuickStart;

/** Reads a bundled quick start (the app reads them through {@code QuickStarts}; tests may answer here). */
@FunctionalInterface
public interface QuickStartFiles {
    /** The quick start's scenario; throws a runtime exception when it cannot be read. */
    Scenario read(QuickStart quickStart);
}
