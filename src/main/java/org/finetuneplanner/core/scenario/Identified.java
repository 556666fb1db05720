package org.finetuneplanner.core.scenario;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum constant with a stable spelling in scenario files (finetune-plan/1). */
public interface Identified {
    /** The spelling in scenario files, for example {@code "zero3"}. */
    String id();

    /** Finds the constant spelt {@code id} (case-insensitive, surrounding blanks ignored). */
    static <E extends Identified> Optional<E> lookup(E[] values, String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip();
        for (E value : values) {
            if (value.id().equalsIgnoreCase(wanted)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The allowed spellings, comma-separated, for error messages. */
    static String allowed(Identified[] values) {
        return Arrays.stream(values).map(Identified::id).collect(Collectors.joining(", "));
    }
}
