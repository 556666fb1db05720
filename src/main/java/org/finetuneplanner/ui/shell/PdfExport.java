package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.Locale;

import org.finetuneplanner.core.scenario.Scenario;

/**
 * File → Export PDF…: writes the planning report of a scenario. The report area provides it (wired in
 * {@code App}); it runs off the FX thread and throws with a user-readable message on failure.
 */
@FunctionalInterface
public interface PdfExport {
    void export(Scenario scenario, Locale locale, Path target);
}
