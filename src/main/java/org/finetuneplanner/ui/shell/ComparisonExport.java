package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.finetuneplanner.core.scenario.Scenario;

/**
 * File → Export comparison…: writes the comparison report of two to four scenarios. The report area provides it
 * (wired in {@code App}); it runs off the FX thread and throws with a user-readable message on failure.
 */
@FunctionalInterface
public interface ComparisonExport {
    void export(List<Scenario> scenarios, Locale locale, Path target);
}
