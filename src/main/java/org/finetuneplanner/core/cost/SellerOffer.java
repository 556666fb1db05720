package org.finetuneplanner.core.cost;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.gpu.GpuSpec;

/**
 * One GPU of a seller's price list: its price per GPU-hour in the list's currency and the counts it is rented in.
 *
 * @param gpu             the GPU (from the catalog, or described by the seller)
 * @param pricePerGpuHour price of one GPU for one hour, in the list's currency (≥ 0)
 * @param instanceGpus    the GPU counts one instance holds, ascending, each ≥ 1 (not empty)
 * @param maxGpus         the most GPUs one job can rent (≥ the smallest instance)
 */
public record SellerOffer(GpuSpec gpu, double pricePerGpuHour, List<Integer> instanceGpus, int maxGpus) {

    public SellerOffer {
        Objects.requireNonNull(gpu, "gpu");
        instanceGpus = List.copyOf(instanceGpus);
        if (!(pricePerGpuHour >= 0) || Double.isInfinite(pricePerGpuHour)) {
            throw Violation.atLeast("price_per_gpu_hour", 0, pricePerGpuHour).exception();
        }
        if (instanceGpus.isEmpty()) {
            throw new Violation("instance_gpus", Constraint.NOT_EMPTY, null, null, null).exception();
        }
        for (int i = 0; i < instanceGpus.size(); i++) {
            int n = instanceGpus.get(i);
            if (n < 1 || i > 0 && n <= instanceGpus.get(i - 1)) {
                throw Violation.atLeast("instance_gpus", i == 0 ? 1 : instanceGpus.get(i - 1) + 1, n).exception();
            }
        }
        if (maxGpus < instanceGpus.get(0)) {
            throw Violation.atLeast("max_gpus", instanceGpus.get(0), maxGpus).exception();
        }
    }

    /**
     * The GPUs rented for a job of {@code gpus}: the smallest instance that holds them, or — beyond the largest
     * instance — whole instances of the largest ({@code [1, 2, 4, 8]}: 3 → 4, 12 → 16); empty beyond
     * {@link #maxGpus()}.
     */
    public OptionalInt rented(int gpus) {
        int largest = instanceGpus.get(instanceGpus.size() - 1);
        long rented;
        if (gpus <= largest) {
            rented = instanceGpus.stream().filter(n -> n >= gpus).findFirst().orElse(largest);
        } else {
            rented = ((long) gpus + largest - 1) / largest * largest;
        }
        return rented <= maxGpus ? OptionalInt.of((int) rented) : OptionalInt.empty();
    }

    /** GPUs per instance of a rental of {@code rented} GPUs: that instance, or the largest for several. */
    public int unit(int rented) {
        return instanceGpus.contains(rented) ? rented : instanceGpus.get(instanceGpus.size() - 1);
    }

    /** The smallest count that can be rented: no job rents fewer GPUs. */
    public int smallest() {
        return instanceGpus.get(0);
    }
}
