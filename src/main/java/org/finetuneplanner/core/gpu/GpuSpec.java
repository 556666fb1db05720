package org.finetuneplanner.core.gpu;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * One GPU model from the catalog.
 *
 * @param id                  catalog id, e.g. "h100-sxm-80gb"
 * @param name                display name
 * @param vendor              "NVIDIA", "AMD"
 * @param memoryGb            vendor label (binary GiB of physical memory for HBM/GDDR parts)
 * @param usableMemoryGib     memory a process can use (what nvidia-smi shows as total), GiB
 * @param memoryBandwidthTBs  HBM/GDDR bandwidth, TB/s
 * @param tflops              dense peak tensor TFLOPS by precision
 * @param fp8Supported        FP8 tensor cores present
 * @param interconnect        peer and host links
 * @param tdpWatts            board power
 * @param year                launch year
 * @param prices              dated rental prices (may be empty), per GPU (per device for a multi-device card)
 * @param facts               caveats, rental unit and devices per card ({@link GpuFacts#NONE} when the catalog has
 *                            none)
 * @param achievable          best-shape matmul TFLOPS measured on the card (Bekman's MAMF table), 0 where not
 *                            measured
 */
public record GpuSpec(String id, String name, String vendor, double memoryGb, double usableMemoryGib,
                      double memoryBandwidthTBs, PeakTflops tflops, boolean fp8Supported, Interconnect interconnect,
                      int tdpWatts, int year, List<GpuPrice> prices, GpuFacts facts, PeakTflops achievable) {

    public GpuSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tflops, "tflops");
        Objects.requireNonNull(interconnect, "interconnect");
        name = name == null ? id : name;
        vendor = vendor == null ? "" : vendor;
        prices = prices == null ? List.of() : List.copyOf(prices);
        facts = facts == null ? GpuFacts.NONE : facts;
        achievable = achievable == null ? NOT_MEASURED : achievable;
        if (!(usableMemoryGib > 0)) {
            throw new Violation("usable_memory_gib", Constraint.GREATER_THAN, 0, null, usableMemoryGib).exception();
        }
    }

    private static final PeakTflops NOT_MEASURED = new PeakTflops(0, 0, 0, 0, 0);

    /** A GPU whose achievable matmul rate was not measured. */
    public GpuSpec(String id, String name, String vendor, double memoryGb, double usableMemoryGib,
                   double memoryBandwidthTBs, PeakTflops tflops, boolean fp8Supported, Interconnect interconnect,
                   int tdpWatts, int year, List<GpuPrice> prices, GpuFacts facts) {
        this(id, name, vendor, memoryGb, usableMemoryGib, memoryBandwidthTBs, tflops, fp8Supported, interconnect,
                tdpWatts, year, prices, facts, NOT_MEASURED);
    }

    /** A GPU without catalog facts ({@link GpuFacts#NONE}) whose achievable matmul rate was not measured. */
    public GpuSpec(String id, String name, String vendor, double memoryGb, double usableMemoryGib,
                   double memoryBandwidthTBs, PeakTflops tflops, boolean fp8Supported, Interconnect interconnect,
                   int tdpWatts, int year, List<GpuPrice> prices) {
        this(id, name, vendor, memoryGb, usableMemoryGib, memoryBandwidthTBs, tflops, fp8Supported, interconnect,
                tdpWatts, year, prices, GpuFacts.NONE, NOT_MEASURED);
    }

    /** Whether the GPU has BF16 tensor cores (a BF16 peak in the catalog). */
    public boolean bf16Supported() {
        return tflops.bf16() > 0;
    }

    /** The cheapest price of {@code provider} (case-insensitive), if listed. */
    public Optional<GpuPrice> priceFrom(String provider) {
        return prices.stream().filter(p -> p.provider().equalsIgnoreCase(provider))
                .min(Comparator.comparingDouble(GpuPrice::usdPerGpuHour));
    }
}
