package org.finetuneplanner.service.prices;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.gpu.GpuSpec;

/**
 * A reseller's own offer ({@code finetune-prices/1}, spec "Price lists"): who sells, in which currency, and which
 * GPUs at which price per GPU-hour. Read and checked by {@link PriceListJson}; the planner does not use it yet.
 *
 * @param seller     who sells
 * @param currency   ISO 4217 code the prices are in, e.g. "VND"
 * @param usdRate    units of {@code currency} per US dollar
 * @param rateDate   when {@code usdRate} was taken
 * @param quoteDate  when the offer was made
 * @param validUntil the last day the offer holds
 * @param offers     the GPUs offered, in file order (at least one)
 */
public record PriceList(Seller seller, String currency, double usdRate, Optional<LocalDate> rateDate,
                        Optional<LocalDate> quoteDate, Optional<LocalDate> validUntil, List<Offer> offers) {

    public PriceList {
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(currency, "currency");
        offers = List.copyOf(offers);
    }

    /**
     * Who sells.
     *
     * @param name    shown in the report instead of any catalog provider
     * @param contact e-mail or phone, "" when not given
     * @param website "" when not given
     */
    public record Seller(String name, String contact, String website) {
    }

    /**
     * One GPU offered.
     *
     * @param gpu             a catalog GPU or the seller's own description of one
     * @param pricePerGpuHour price of one GPU for one hour, in the list's currency
     * @param instanceGpus    the GPU counts it is rented in, ascending (the planner rounds up to one of them)
     * @param maxGpus         the most GPUs one job can get
     */
    public record Offer(Gpu gpu, double pricePerGpuHour, List<Integer> instanceGpus, int maxGpus) {
        public Offer {
            Objects.requireNonNull(gpu, "gpu");
            instanceGpus = List.copyOf(instanceGpus);
        }
    }

    /** The GPU of an offer: one of the bundled catalog, or one described in the price list. */
    public sealed interface Gpu permits CatalogGpu, CustomGpu {
        /** The GPU's id. */
        String id();
    }

    /** A GPU of the bundled catalog. */
    public record CatalogGpu(GpuSpec spec) implements Gpu {
        @Override
        public String id() {
            return spec.id();
        }
    }

    /**
     * A GPU the catalog does not have, as the seller describes it.
     *
     * @param id           the seller's id for it
     * @param name         display name
     * @param memoryGib    usable memory per GPU, GiB
     * @param bf16Tflops   dense BF16 peak
     * @param fp8          whether it has FP8 tensor cores
     * @param interconnect how GPUs talk to each other ("pcie", "nvlink", …)
     */
    public record CustomGpu(String id, String name, double memoryGib, double bf16Tflops, boolean fp8,
                            String interconnect) implements Gpu {
    }
}
