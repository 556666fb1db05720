package org.finetuneplanner.ui.shell;

import java.nio.file.Path;

/** The file choosers of the File menu; each returns null when the user cancels. Tests pass fixed paths. */
public interface FileDialogs {
    Path openScenario();

    Path saveScenario(String suggestedName);

    Path openConfig();

    Path savePdf(String suggestedName);

    /**
     * Where to export the options table as CSV (File → Export options as CSV…); the name ends in ".csv". Choosers
     * that offer no such export (test doubles of the other menus) answer null, as a cancelled dialog.
     */
    default Path saveCsv(String suggestedName) {
        return null;
    }

    /**
     * Where to save a chart (File → Save … as image…): a name ending in ".png" or ".svg", the format the user
     * picked (PNG when the name says neither). Choosers that offer no such export answer null, as cancelled.
     */
    default Path saveImage(String suggestedName) {
        return null;
    }

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
