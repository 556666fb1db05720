package org.finetuneplanner.ui.shell;

import java.nio.file.Path;

/** The file choosers of the File menu; each returns null when the user cancels. Tests pass fixed paths. */
public interface FileDialogs {
    Path openScenario();

    Path saveScenario(String suggestedName);

    Path openConfig();

    Path savePdf(String suggestedName);
}
