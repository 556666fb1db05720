package org.finetuneplanner;

import org.finetuneplanner.cli.ExitCodes;
import org.finetuneplanner.cli.Main;

/**
 * The jar's entry point: without arguments the desktop app opens, with arguments the command line runs. A plain
 * class (not an {@code Application}) so that JavaFX can be on the class path; the command line path never touches
 * {@link App}, so it never loads JavaFX.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            openApp();
        } else {
            Main.main(args);
        }
    }

    private static void openApp() {
        try {
            App.main(new String[0]);
        } catch (RuntimeException | LinkageError e) {
            // No display, no GTK, or JavaFX missing from the class path: one line, and the way that still works.
            System.err.println("error: the desktop app could not start (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " "))
                    + "); the command line works without a display: java -jar finetune-planner.jar --help");
            System.exit(ExitCodes.APP_UNAVAILABLE);
        }
    }
}
