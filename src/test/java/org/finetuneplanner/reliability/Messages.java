package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle every error shown to a user must pass: one clear line, no Java internals. */
final class Messages {

    /** Long enough for "key = value: expected one of <every GPU id of the catalog>", short enough to read. */
    static final int MAX_LENGTH = 2_000;

    private Messages() {
    }

    /** Fails unless {@code message} is one non-blank line without class names or stack frames. */
    static void assertClear(String message, String context) {
        assertNotNull(message, "no message: " + context);
        assertFalse(message.isBlank(), "blank message: " + context);
        assertFalse(message.contains("\n") || message.contains("\r"), "more than one line: " + message);
        assertTrue(message.length() <= MAX_LENGTH, () -> "message of " + message.length() + " characters: "
                + message.substring(0, 200) + "…");
        // "java.util." may be the user's own text echoed back; Jackson's leaks are back-quoted (`java.lang.Object`).
        for (String internal : new String[] {"com.fasterxml", "`java.", "Exception:", "\tat ",
                "org.finetuneplanner."}) {
            assertFalse(message.contains(internal), "Java internals (" + internal + ") in: " + message);
        }
    }
}
