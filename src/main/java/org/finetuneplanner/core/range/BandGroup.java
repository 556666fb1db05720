package org.finetuneplanner.core.range;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.scenario.FineTuneMethod;

/**
 * A group of validation cases: one quantity, optionally one method, optionally single- or multi-GPU.
 *
 * @param quantity what was measured
 * @param method   the method of every case in the group, or empty for all methods
 * @param multiGpu single- ({@code false}) or multi-GPU ({@code true}) cases only, or empty for both
 */
public record BandGroup(Quantity quantity, Optional<FineTuneMethod> method, Optional<Boolean> multiGpu) {

    public BandGroup {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(multiGpu, "multiGpu");
        // A group of all methods takes single and multi-GPU cases together (the hierarchy has no other kind).
        multiGpu = method.isEmpty() ? Optional.empty() : multiGpu;
    }

    /** The group of one method on one or several GPUs. */
    public static BandGroup of(Quantity quantity, FineTuneMethod method, boolean multiGpu) {
        return new BandGroup(quantity, Optional.of(method), Optional.of(multiGpu));
    }

    /** The group of one method, single and multi-GPU together. */
    public static BandGroup of(Quantity quantity, FineTuneMethod method) {
        return new BandGroup(quantity, Optional.of(method), Optional.empty());
    }

    /** Every case of a quantity. */
    public static BandGroup all(Quantity quantity) {
        return new BandGroup(quantity, Optional.empty(), Optional.empty());
    }

    /** The group this one is pooled into when it has too few cases, or empty for a quantity's whole group. */
    public Optional<BandGroup> parent() {
        if (multiGpu.isPresent()) {
            return Optional.of(of(quantity, method.orElseThrow()));
        }
        return method.isPresent() ? Optional.of(all(quantity)) : Optional.empty();
    }

    /** A stable name: {@code memory/lora/multi}, {@code speed/full}, {@code memory} (data files, tables). */
    public String key() {
        StringBuilder b = new StringBuilder(quantity.name().toLowerCase(Locale.ROOT));
        method.ifPresent(m -> b.append('/').append(m.id()));
        multiGpu.ifPresent(multi -> b.append(multi ? "/multi" : "/single"));
        return b.toString();
    }
}
