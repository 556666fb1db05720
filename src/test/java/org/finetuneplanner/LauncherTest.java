package org.finetuneplanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The desktop app's start: the one line said when it cannot start, and JavaFX loaded as named modules when it is
 * on the class path (as under {@code java -jar} and here under surefire).
 */
class LauncherTest {

    private static final String HELP = "java -jar finetune-planner.jar --help";

    @Test
    void withoutGtkTheLineNamesThePackageToInstallAndTheCommandThatStillWorks() {
        // What JavaFX 21 throws from Application.launch when libgtk-3.so.0 cannot be loaded.
        Throwable failure = new UnsupportedOperationException("Unable to load glass GTK library.");

        String line = Launcher.unavailableMessage(failure, HELP);

        assertTrue(line.contains("libgtk-3-0"), line);
        assertTrue(line.contains("[Unable to load glass GTK library.]"), line);
        assertTrue(line.endsWith("java -jar finetune-planner.jar --help"), line);
        assertFalse(line.contains("display"), line);
    }

    @Test
    void withoutADisplayTheLineSaysSoAndNotGtk() {
        Throwable failure = new UnsupportedOperationException("Unable to open DISPLAY");

        String line = Launcher.unavailableMessage(failure, HELP);

        assertTrue(line.contains("needs a graphical display"), line);
        assertFalse(line.contains("libgtk"), line);
    }

    @Test
    void causesAreJoinedOnOneLineWithoutRepeatingAMessage() {
        Throwable cause = new IllegalStateException("no suitable pipeline\n  found");
        Throwable failure = new RuntimeException("Exception in Application start method", cause);
        Throwable sameWords = new RuntimeException("no suitable pipeline found", new RuntimeException("x"));

        String line = Launcher.unavailableMessage(failure, HELP);

        assertEquals("error: the desktop app could not start [Exception in Application start"
                + " method: no suitable pipeline found]; the command line works without it: " + HELP,
                line);
        assertFalse(line.contains("\n"));
        assertTrue(Launcher.unavailableMessage(sameWords, HELP).contains("[no suitable pipeline found: x]"));
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        String line = Launcher.unavailableMessage(new NoClassDefFoundError(), HELP);

        assertTrue(line.contains("[NoClassDefFoundError]"), line);
    }

    @Test
    void javafxOnTheClassPathIsLoadedAgainAsNamedModulesWithTheAppAboveThem() throws Exception {
        // Surefire puts JavaFX on the class path, as java -jar does through the jar's Class-Path.
        assertFalse(javafx.application.Application.class.getModule().isNamed());

        ClassLoader loader = JavaFxModules.appLoader();

        assertNotSame(getClass().getClassLoader(), loader);
        Class<?> app = Class.forName("org.finetuneplanner.App", false, loader);
        assertSame(loader, app.getClassLoader());
        Module graphics = app.getSuperclass().getModule();
        assertEquals("javafx.graphics", graphics.getName());
        Module base = graphics.getLayer().findModule("javafx.base").orElseThrow();
        // ControlsFX's export reaches the app's loader (and no one else), as --add-exports=...=ALL-UNNAMED does.
        assertTrue(base.isExported("com.sun.javafx.event", loader.getUnnamedModule()));
        assertFalse(base.isExported("com.sun.javafx.event"));
        // Libraries other than JavaFX are loaded beside the app, not from the launcher's class path.
        assertSame(loader, Class.forName("org.jfree.chart.JFreeChart", false, loader).getClassLoader());
    }
}
