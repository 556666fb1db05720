package org.finetuneplanner.core.model;

import java.util.Objects;

/**
 * A model to plan for: its architecture and where it came from.
 *
 * @param id           catalog id, or a name derived from the source ("config.json", "7B parameters")
 * @param displayName  what the user sees
 * @param architecture the shape used by every estimator
 * @param origin       catalog preset, opened config, or a bare parameter count
 */
public record ModelSpec(String id, String displayName, Architecture architecture, Origin origin) {

    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(origin, "origin");
    }

    /** Where a model's architecture came from. */
    public enum Origin { PRESET, CONFIG, PARAMETERS }
}
