package org.finetuneplanner.ui.planner;

import java.util.Locale;

import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.ui.common.Messages;

/**
 * The name a scenario gets from its model and method ("Llama 3.1 8B, QLoRA r16") until the user types one. Words
 * from the text layer, in the language of the moment the name was made.
 */
final class ScenarioNames {
    private ScenarioNames() {
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
