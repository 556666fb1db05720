package org.finetuneplanner.core.gpu;

import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * What the GPU catalog says about a GPU beyond its figures: the caveats a buyer must know (with sources), the
 * smallest number of GPUs it is rented in whatever the offer, and how many devices one physical card is.
 *
 * @param caveats        facts that may matter for a job ({@link CaveatId#relevant}), each with its sources
 * @param rentalUnit     GPUs rented together at least (a GB200 tray: 4), 1 when any count can be rented; an offer's
 *                       own instance size may be larger
 * @param devicesPerCard devices one card shows to the software (MI250X: 2 GCDs); the catalog's figures and counts
 *                       are per device
 */
public record GpuFacts(List<GpuCaveat> caveats, int rentalUnit, int devicesPerCard) {

    /** No facts: no caveats, rented one by one, one device per card. */
    public static final GpuFacts NONE = new GpuFacts(List.of(), 1, 1);

    public GpuFacts {
        caveats = caveats == null ? List.of() : List.copyOf(caveats);
        if (rentalUnit < 1 || rentalUnit > 1024) {
            throw new Violation("rental_unit", Constraint.RANGE, 1, 1024, rentalUnit).exception();
        }
        if (devicesPerCard < 1 || devicesPerCard > 64) {
            throw new Violation("devices_per_card", Constraint.RANGE, 1, 64, devicesPerCard).exception();
        }
    }

    /** The catalog's fact {@code id} for this GPU, if it has it. */
    public Optional<GpuCaveat> caveat(CaveatId id) {
        for (GpuCaveat c : caveats) {
            if (c.id() == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether the GPU has fact {@code id}. */
    public boolean has(CaveatId id) {
        return caveat(id).isPresent();
    }
}
