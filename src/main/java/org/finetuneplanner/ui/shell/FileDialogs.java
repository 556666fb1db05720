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

    /** Every chooser cancelled: for a window that asks nothing. */
    FileDialogs NONE = new FileDialogs() {
        @Override
        public Path openScenario() {
            return null;
        }

        @Override
        public Path saveScenario(String suggestedName) {
            return null;
        }

        @Override
        public Path openConfig() {
            return null;
        }

        @Override
        public Path savePdf(String suggestedName) {
            return null;
        }
    };
}
