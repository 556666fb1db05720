package org.finetuneplanner.ui.shell;

import java.nio.file.Path;

/** The file choosers of the File menu; each returns null when the user cancels. Tests pass fixed paths. */
public interface FileDialogs {
    Path openScenario();

    Path saveScenario(String suggestedName);

    Path openConfig();

    Path savePdf(String suggestedName);

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
