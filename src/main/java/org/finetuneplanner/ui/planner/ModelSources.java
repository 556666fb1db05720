package org.finetuneplanner.ui.planner;

import java.nio.file.Path;

import org.finetuneplanner.core.model.ModelSpec;

/** Where a model comes from besides the catalog presets. Wired in {@code App}; both may throw with a message. */
public interface ModelSources {
    /**
     * Reads a Hugging Face {@code config.json}. May block on disk: called off the FX thread.
     *
     * @throws RuntimeException whose message names the bad key or the reading problem
     */
    ModelSpec fromConfig(Path file);

    /**
     * A model with an architecture guessed from its total parameter count.
     *
     * @throws IllegalArgumentException when the count is out of range
     */
    ModelSpec fromParameters(long parameters);
}
