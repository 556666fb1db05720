package org.finetuneplanner.core.plan;

import java.util.List;
import java.util.Objects;

import org.finetuneplanner.core.gpu.CaveatId;

/**
 * A caveat that matters for one option, as data: the fact's id, the values its words put in, and its sources.
 *
 * @param id      the fact
 * @param args    the values, in the order {@link Caveats} documents for each id (GPU name, counts, {@code Bytes})
 * @param sources the fact's citations from the GPU catalog (empty for a fact the estimate itself gives, such as
 *                the host memory an offload needs)
 */
public record Caveat(CaveatId id, List<Object> args, List<String> sources) {

    public Caveat {
        Objects.requireNonNull(id, "id");
        args = args == null ? List.of() : List.copyOf(args);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
