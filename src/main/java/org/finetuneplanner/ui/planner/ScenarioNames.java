package org.finetuneplanner.ui.planner;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import javafx.beans.property.StringProperty;

import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.ui.common.Messages;

/**
 * The name a scenario gets from its model and method ("Llama 3.1 8B, QLoRA r16") until the user types one. Words
 * from the text layer, in the language of the moment the name was made.
 *
 * <p>Which names follow a change of the model or method: one that reads as the automatic name of the inputs before
 * the change and that the user did not type. That is a new scenario's name, and an opened file's when the app wrote
 * it (nobody chose it: the file's author would otherwise have to rename every copy after switching QLoRA to LoRA).
 * A name the user typed in this session stays, even one that reads like an automatic name (they chose it), and so
 * does any other name a file brings ("Contracts for ACME", "Llama 3.1 8B, QLoRA r16, 1x L40S": the author's).
 */
final class ScenarioNames {
    /** The name the user last typed since a scenario was put in; null when none. */
    private String typed;

    /**
     * Remembers what the user types into {@code name}: a change outside a batch (a scenario put in, a name made by
     * {@link #of}, an undo all run in one).
     */
    ScenarioNames(StringProperty name, BooleanSupplier inBatch) {
        name.addListener((obs, before, now) -> {
            if (!inBatch.getAsBoolean()) {
                typed = now;
            }
        });
    }

    /** A scenario is put in (opened, new, a quick start): its name was not typed in this session. */
    void forget() {
        typed = null;
    }

    /** Whether {@code name} follows a change of the model, method or rank from these (see the class comment). */
    boolean follows(String name, ModelSpec model, FineTuneMethod method, int rank) {
        boolean chosen = name != null && !name.isBlank() && name.equals(typed);
        return !chosen && automatic(name, model, method, rank);
    }

    /** "Llama 3.1 8B, QLoRA r16", "Llama 3.1 8B, full fine-tuning". */
    static String of(Messages m, ModelSpec model, FineTuneMethod method, int rank) {
        if (model == null || method == null) {
            return "";
        }
        String how = m.text("scenario.autoName." + method.name(), Integer.toString(rank));
        return m.text("scenario.autoName", model.displayName(), how);
    }

    /**
     * Whether {@code name} was made from these inputs rather than typed: empty, or their automatic name in one of
     * the app's languages (the user may have switched language since it was made).
     */
    static boolean automatic(String name, ModelSpec model, FineTuneMethod method, int rank) {
        if (name == null || name.isBlank()) {
            return true;
        }
        for (Locale l : Messages.LANGUAGES) {
            if (name.equals(of(Messages.forLocale(l), model, method, rank))) {
                return true;
            }
        }
        return false;
    }
}
