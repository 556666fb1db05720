package org.finetuneplanner.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.Bytes;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.cost.Rental;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.gpu.GpuCaveat;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.scenario.Scenario;

/**
 * The caveats of one setup on its GPU: the catalog's facts that are {@link CaveatId#relevant relevant} to it, in
 * {@link CaveatId} order, plus the two the estimate gives. Their args, by id:
 * <ul>
 *   <li>{@link CaveatId#RENTAL_UNIT}: GPUs per rented instance, GPUs rented, provider, instance (added when the
 *       rental comes in instances of more than one GPU);</li>
 *   <li>{@link CaveatId#OFFLOAD_HOST_MEMORY}: the host memory per node needed ({@link Bytes}), and the scenario's
 *       host memory ({@link Bytes}) when it gives one (added when the setup needs host memory);</li>
 *   <li>{@link CaveatId#MULTI_DEVICE_CARD}: devices per card, the GPU's name;</li>
 *   <li>every other id: the GPU's name.</li>
 * </ul>
 * Pure; thread-safe.
 */
public final class Caveats {

    private Caveats() {
    }

    /**
     * The caveats of {@code s} on its GPU.
     *
     * @param s      the setup (its count, precision, method, offload)
     * @param memory its memory estimate (for the host memory it needs)
     * @param rental what it rents, when priced (for the instance size)
     */
    public static List<Caveat> of(Scenario s, MemoryEstimate memory, Optional<Rental> rental) {
        GpuSpec gpu = s.hardware().gpu();
        List<Caveat> all = new ArrayList<>(4);
        boolean rentalListed = false;
        for (GpuCaveat fact : gpu.facts().caveats()) {
            CaveatId id = fact.id();
            if (id == CaveatId.RENTAL_UNIT) {
                rentalListed = true;
                continue;
            }
            if (id == CaveatId.OFFLOAD_HOST_MEMORY || !id.relevant(s)) {
                continue;
            }
            List<Object> args = id == CaveatId.MULTI_DEVICE_CARD
                    ? List.of(gpu.facts().devicesPerCard(), gpu.name()) : List.of(gpu.name());
            all.add(new Caveat(id, args, fact.sources()));
        }
        // A seller's instances come in several sizes: only a rounding up is worth a caveat (the planner's counts
        // are ones the seller rents, so its options never carry one).
        if (rental.isPresent() && rental.get().unit() > 1 && (rental.get().origin() != PriceOrigin.SELLER
                || rental.get().gpus() > s.hardware().gpuCount())) {
            Rental r = rental.get();
            List<String> sources = rentalListed ? gpu.facts().caveat(CaveatId.RENTAL_UNIT).orElseThrow().sources()
                    : r.offer().map(o -> List.of(o.source())).orElse(List.of());
            all.add(new Caveat(CaveatId.RENTAL_UNIT, List.of(r.unit(), r.gpus(), r.provider(),
                    r.offer().map(GpuPrice::instance).orElse("")), sources));
        }
        if (memory.hostBytes() > 0) {
            List<Object> args = memory.hostCapacityBytes().isPresent()
                    ? List.of(new Bytes(memory.hostBytes()), new Bytes(memory.hostCapacityBytes().getAsLong()))
                    : List.of(new Bytes(memory.hostBytes()));
            all.add(new Caveat(CaveatId.OFFLOAD_HOST_MEMORY, args, List.of()));
        }
        return all;
    }
}
