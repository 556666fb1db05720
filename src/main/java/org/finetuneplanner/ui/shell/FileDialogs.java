package org.finetuneplanner.ui.shell;

import java.nio.file.Path;

/** The file choosers of the File menu; each returns null when the user cancels. Tests pass fixed paths. */
public interface FileDialogs {
    Path openScenario();

    Path saveScenario(String suggestedName);

    Path openConfig();

    Path savePdf(String suggestedName);

    /** A price list to open (File → Price list…); none where the build has no chooser for it. */
    default Path openPriceList() {
        return null;
    }

    /** Where to save the edited price list; none where the build has no chooser for it. */
    default Path savePriceList(String suggestedName) {
        return null;
    }
}
