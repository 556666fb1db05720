package org.finetuneplanner.ui.planner;

import org.finetuneplanner.core.Note;

/** A note as shown: its severity and its text in the user's language. */
public record NoteLine(Note.Severity severity, String text) {
}
