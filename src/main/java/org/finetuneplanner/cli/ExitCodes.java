package org.finetuneplanner.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exit statuses of the command line (documented in the README and in every command's {@code --help}).
 */
public final class ExitCodes {
    /** Done; every scenario or line was answered. */
    public static final int OK = 0;
    /** The input was read but is invalid: a scenario with a bad value, or at least one batch line failed. */
    public static final int INVALID_INPUT = 1;
    /**
     * The command line itself is wrong: unknown command or option, missing argument, an option value that is
     * unknown or out of range, an empty file name.
     */
    public static final int USAGE = 2;
    /**
     * A file could not be read or written (missing, no permission, disk full, a special file as {@code --out}), or
     * standard output failed (full, closed; a reader that closed the pipe ends the run quietly with this status).
     */
    public static final int IO = 3;
    /** The desktop app could not start (no display, no GTK 3, JavaFX missing); the command line still works. */
    public static final int APP_UNAVAILABLE = 4;
    /** A bug: the program failed where it should not have. The message says what; please report it. */
    public static final int INTERNAL = 70;

    /** The list shown under "Exit codes:" in every command's help, in order. */
    static Map<String, String> help() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" " + OK, "done");
        codes.put(" " + INVALID_INPUT, "invalid input (a scenario value, or any batch line failed)");
        codes.put(" " + USAGE, "wrong command line (unknown command or option, missing argument, option value not "
                + "allowed, empty file name)");
        codes.put(" " + IO, "a file or standard output could not be read or written");
        codes.put(" " + APP_UNAVAILABLE, "the desktop app could not start (no arguments given, no display)");
        codes.put(INTERNAL + "", "internal error (please report it)");
        return codes;
    }

    private ExitCodes() {
    }
}
