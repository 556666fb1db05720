package org.finetuneplanner.core.gpu;

import java.util.List;
import java.util.Objects;

/**
 * One fact of the GPU catalog that a buyer must know, with where it comes from.
 *
 * @param id      the fact
 * @param sources citations of the fact, as the catalog gives them (never empty in the bundled catalog)
 */
public record GpuCaveat(CaveatId id, List<String> sources) {

    public GpuCaveat {
        Objects.requireNonNull(id, "id");
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
