package org.finetuneplanner;

import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.finetuneplanner.cli.ExitCodes;
import org.finetuneplanner.cli.Main;

/**
 * The entry point of the jar, of {@code mvn javafx:run} and of the app image: without arguments the desktop app
 * opens, with arguments the command line runs. A plain class (not an {@code Application}) so that JavaFX can be
 * on the class path; the command line path never touches {@link App}, so it never loads JavaFX. When the desktop
 * app cannot start (no GTK 3, no display) it says so in one line and exits with
 * {@link ExitCodes#APP_UNAVAILABLE}.
 */
public final class Launcher {
    private Launcher() {
    }

    /** No arguments: the desktop app; arguments: the command line ({@code --help} lists its commands). */
    public static void main(String[] args) {
        if (args.length == 0) {
            openApp();
        } else {
            Main.main(args);
        }
    }

    private static void openApp() {
        try {
            ClassLoader loader = JavaFxModules.appLoader();
            Thread.currentThread().setContextClassLoader(loader);
            // By name: a class literal would load App, and JavaFX with it, from the launcher's class path.
            Class.forName("org.finetuneplanner.App", true, loader).getMethod("main", String[].class)
                    .invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            unavailable(e.getCause());
        } catch (Exception | LinkageError e) {
            unavailable(e);
        }
    }

    private static void unavailable(Throwable failure) {
        System.err.println(unavailableMessage(failure, commandLineHelp()));
        System.exit(ExitCodes.APP_UNAVAILABLE);
    }

    /**
     * How this installation's command line shows its help: the app image's launcher ({@code jpackage.app-path},
     * set by it), else {@code java -jar} with this jar, else (classes run by {@code mvn javafx:run}) the jar that
     * {@code mvn package} builds.
     */
    private static String commandLineHelp() {
        String image = System.getProperty("jpackage.app-path");
        if (image != null && !image.isBlank()) {
            return image + " --help";
        }
        try {
            Path code = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                Path here = Path.of("").toAbsolutePath();
                return "java -jar " + (code.startsWith(here) ? here.relativize(code) : code) + " --help";
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No code source to name (an unusual class loader): the generic hint below is still right.
        }
        return "mvn package, then java -jar target/finetune-planner.jar --help";
    }

    /**
     * The one line printed when the desktop app cannot start: what it needs (GTK 3 with its package names, or a
     * display), JavaFX's own words, and how to reach the command line, which still works.
     */
    static String unavailableMessage(Throwable failure, String commandLineHelp) {
        StringBuilder words = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s+", " ");
            if (!message.isEmpty() && words.indexOf(message) < 0) {
                words.append(words.length() == 0 ? "" : ": ").append(message);
            }
        }
        String said = words.length() == 0 ? failure.getClass().getSimpleName() : words.toString();
        String lower = said.toLowerCase(Locale.ROOT);
        String needs = "";
        if (lower.contains("gtk")) {
            needs = ": it needs GTK 3 (Debian/Ubuntu: sudo apt-get install libgtk-3-0; Fedora: sudo dnf install gtk3)";
        } else if (lower.contains("display")) {
            needs = ": it needs a graphical display (DISPLAY or WAYLAND_DISPLAY is not set or cannot be opened)";
        }
        return "error: the desktop app could not start" + needs + " [" + said + "]; the command line works"
                + " without it: " + commandLineHelp;
    }
}
