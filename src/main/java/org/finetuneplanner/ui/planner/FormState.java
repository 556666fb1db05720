package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every input of the form at one moment, as typed (text fields keep their text, "40M" stays "40M"): what undo puts
 * back and what the unsaved mark compares. Values in the order of the form's inputs; compared by value.
 *
 * @param values one value per input (a null is an input not set yet)
 */
public record FormState(List<Object> values) {

    public FormState {
        // Not List.copyOf: an input not set yet is null.
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
