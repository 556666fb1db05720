package org.finetuneplanner;

import java.lang.reflect.InvocationTargetException;

import org.finetuneplanner.cli.Main;

/**
 * The jar's entry point: without arguments the desktop app opens, with arguments the command line runs. A plain
 * class (not an {@code Application}) so that JavaFX can be on the class path, and so that the command line never
 * loads JavaFX at all.
 */
public final class Launcher {

    /** The desktop app's class, loaded only when the app is asked for. */
    static final String APP_CLASS = "org.finetuneplanner.App";

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            openApp(args);
        } else {
            Main.main(args);
        }
    }

    private static void openApp(String[] args) {
        try {
            Class.forName(APP_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (ClassNotFoundException e) {
            System.out.println("Fine-Tune Planner: the desktop app is not part of this build. "
                    + "Use the command line: java -jar finetune-planner.jar --help");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            System.err.println("error: the desktop app could not start (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); the command line works "
                    + "without a display: java -jar finetune-planner.jar --help");
            System.exit(3);
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("error: the desktop app could not start (" + e + ")");
            System.exit(3);
        }
    }
}
