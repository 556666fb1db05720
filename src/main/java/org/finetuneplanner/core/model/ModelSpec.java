package org.finetuneplanner.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import org.finetuneplanner.core.scenario.ProductLimits;

/**
 * A model to plan for: its architecture and where it came from. Its parameters are at most
 * {@code Limits.MAX_PARAMETERS} ({@link ProductLimits#parameters}).
 *
 * @param id           catalog id, or a name derived from the source ("config.json", "7B parameters")
 * @param displayName  what the user sees
 * @param architecture the shape used by every estimator
 * @param origin       catalog preset, opened config, or a bare parameter count
 * @param config       the {@code config.json} map the architecture was read from (presets and opened configs), kept
 *                     so a saved scenario writes it back unchanged; empty for a bare parameter count. Deeply
 *                     unmodifiable; may hold JSON nulls as a real {@code config.json} does.
 * @param parameters   the stated parameter count the architecture was guessed from ({@link Origin#PARAMETERS}),
 *                     else empty
 */
public record ModelSpec(String id, String displayName, Architecture architecture, Origin origin,
                        Map<String, Object> config, OptionalLong parameters) {

    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(origin, "origin");
        // Once per model, not per scenario: the planner builds hundreds of scenarios of one model per slider tick.
        ProductLimits.parameters(architecture).ifPresent(v -> {
            throw v.exception();
        });
        config = config == null ? Map.of() : frozenConfig(config);
        parameters = parameters == null ? OptionalLong.empty() : parameters;
    }

    /** A model without a stored config or stated count (built in code). */
    public ModelSpec(String id, String displayName, Architecture architecture, Origin origin) {
        this(id, displayName, architecture, origin, Map.of(), OptionalLong.empty());
    }

    /** Where a model's architecture came from. */
    public enum Origin { PRESET, CONFIG, PARAMETERS }

    /**
     * A deep, unmodifiable copy of a parsed {@code config.json} that keeps key order and JSON nulls
     * ({@code Map.copyOf} rejects nulls). Pure.
     */
    public static Map<String, Object> frozenConfig(Map<?, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(String.valueOf(key), frozen(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozenConfig(map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ModelSpec::frozen).toList();
        }
        return value;
    }
}
