package org.finetuneplanner.service.prices;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.cost.SellerOffer;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.gpu.GpuCaveat;
import org.finetuneplanner.core.gpu.GpuFacts;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.gpu.Interconnect;
import org.finetuneplanner.core.gpu.PeakTflops;
import org.finetuneplanner.core.scenario.Identified;

/**
 * A reseller's own offer ({@code finetune-prices/1}, spec "Price lists"): who sells, in which currency, and which
 * GPUs at which price per GPU-hour. Read, checked and written by {@link PriceListJson}; in force, it is the planner's
 * only source of prices ({@link #sellerPrices()}).
 *
 * @param seller     who sells
 * @param currency   ISO 4217 code the prices are in, e.g. "VND"
 * @param usdRate    units of {@code currency} per US dollar (1 for USD)
 * @param rateDate   when {@code usdRate} was taken
 * @param quoteDate  when the offer was made
 * @param validUntil the last day the offer holds
 * @param offers     the GPUs offered, in file order (at least one, each GPU once)
 */
public record PriceList(Seller seller, String currency, double usdRate, Optional<LocalDate> rateDate,
                        Optional<LocalDate> quoteDate, Optional<LocalDate> validUntil, List<Offer> offers) {

    /**
     * BF16 FLOPs per byte of memory bandwidth assumed for a custom GPU that does not give its bandwidth: the median
     * of the bundled catalog's GPUs with a BF16 peak (H100 SXM 295, L40S 419, A100 SXM 80GB 153, RTX 4090 164;
     * {@code PriceListTest} recomputes it from {@code assets/gpus.json}). A median GPU's ratio: neither the fastest
     * memory nor the slowest.
     */
    public static final double ASSUMED_FLOPS_PER_BYTE = 210;

    public PriceList {
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(rateDate, "rateDate");
        Objects.requireNonNull(quoteDate, "quoteDate");
        Objects.requireNonNull(validUntil, "validUntil");
        offers = List.copyOf(offers);
    }

    /** The list's currency and rate, for the core. */
    public Exchange exchange() {
        return new Exchange(currency, usdRate);
    }

    /** The list as the core prices with it: its seller, exchange and offers (custom GPUs as {@link GpuSpec}s). */
    public SellerPrices sellerPrices() {
        List<SellerOffer> all = new ArrayList<>(offers.size());
        for (Offer o : offers) {
            all.add(new SellerOffer(o.gpu().spec(seller.name()), o.pricePerGpuHour(), o.instanceGpus(), o.maxGpus()));
        }
        return new SellerPrices(seller.name(), exchange(), all, quoteDate.map(LocalDate::toString).orElse(""));
    }

    /** The GPUs the seller describes itself, as the core plans with them, in the list's order. */
    public List<GpuSpec> customGpus() {
        return offers.stream().filter(o -> o.gpu() instanceof CustomGpu).map(o -> o.gpu().spec(seller.name()))
                .toList();
    }

    /**
     * Who sells.
     *
     * @param name    shown in the report instead of any catalog provider
     * @param contact e-mail or phone, "" when not given
     * @param website "" when not given
     */
    public record Seller(String name, String contact, String website) {
        public Seller {
            Objects.requireNonNull(name, "name");
            contact = contact == null ? "" : contact;
            website = website == null ? "" : website;
        }
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

        /** The GPU as the core plans with it; a custom GPU's facts cite {@code seller}'s price list. */
        GpuSpec spec(String seller);
    }

    /** A GPU of the bundled catalog. */
    public record CatalogGpu(GpuSpec spec) implements Gpu {
        @Override
        public String id() {
            return spec.id();
        }

        @Override
        public GpuSpec spec(String seller) {
            return spec;
        }
    }

    /**
     * How the GPUs of a custom offer talk to each other, with the figures a catalog GPU of that link has: GB/s per
     * direction between GPUs of a node and to the host (PCIe Gen4 x16 32 GB/s and Gen5 64 GB/s per direction;
     * NVLink 3 300 GB/s as the A100 SXM, NVLink 4 450 GB/s as the H100 SXM, NVLink 5 900 GB/s as the B200, AMD
     * Infinity Fabric 448 GB/s as the MI300X; the bundled catalog's {@code interconnect} figures).
     */
    public enum Link implements Identified {
        PCIE("pcie", "PCIe Gen4 x16", 32, 32),
        PCIE5("pcie5", "PCIe Gen5 x16", 64, 64),
        NVLINK("nvlink", "NVLink 3", 300, 32),
        NVLINK4("nvlink4", "NVLink 4", 450, 64),
        NVLINK5("nvlink5", "NVLink 5", 900, 64),
        XGMI("xgmi", "AMD Infinity Fabric", 448, 64);

        private final String id;
        private final String type;
        private final double peerGBs;
        private final double hostGBs;

        Link(String id, String type, double peerGBs, double hostGBs) {
            this.id = id;
            this.type = type;
            this.peerGBs = peerGBs;
            this.hostGBs = hostGBs;
        }

        @Override
        public String id() {
            return id;
        }

        /** Whether GPUs of this link reach each other over PCIe only. */
        public boolean pcieOnly() {
            return this == PCIE || this == PCIE5;
        }

        Interconnect interconnect() {
            return new Interconnect(type, peerGBs, hostGBs);
        }

        /** The link of an id ("pcie"), if any. */
        public static Optional<Link> fromId(String id) {
            return Identified.lookup(values(), id);
        }
    }

    /**
     * A GPU the catalog does not have, as the seller describes it.
     *
     * @param id                 the seller's id for it (lower case, not a catalog id)
     * @param name               display name
     * @param vendor             "NVIDIA", "AMD", … ("" when not given)
     * @param memoryGib          usable memory per GPU, GiB
     * @param bf16Tflops         dense BF16 peak
     * @param fp8                whether it has FP8 tensor cores
     * @param interconnect       how GPUs talk to each other
     * @param memoryBandwidthTbs memory bandwidth, TB/s; when not given {@link #ASSUMED_FLOPS_PER_BYTE} gives it
     * @param tdpWatts           board power, W; when not given no energy figure is made (0 W)
     */
    public record CustomGpu(String id, String name, String vendor, double memoryGib, double bf16Tflops, boolean fp8,
                            Link interconnect, OptionalDouble memoryBandwidthTbs, OptionalInt tdpWatts)
            implements Gpu {

        public CustomGpu {
            Objects.requireNonNull(id, "id");
            name = name == null || name.isBlank() ? id : name;
            vendor = vendor == null ? "" : vendor;
            Objects.requireNonNull(interconnect, "interconnect");
            Objects.requireNonNull(memoryBandwidthTbs, "memoryBandwidthTbs");
            Objects.requireNonNull(tdpWatts, "tdpWatts");
        }

        /**
         * The GPU for the planner: FP16 as fast as BF16, TF32 at half of it and FP8 at twice it when it has FP8 (the
         * ratios of every NVIDIA tensor-core generation since Ampere), no FP32 peak; the catalog's caveats a buyer
         * must know ({@code no-nvlink} over PCIe, {@code no-fp8}) and {@code seller-described}, each citing the price
         * list.
         */
        @Override
        public GpuSpec spec(String seller) {
            double bandwidth = memoryBandwidthTbs.orElse(bf16Tflops / ASSUMED_FLOPS_PER_BYTE);
            PeakTflops tflops = new PeakTflops(0, bf16Tflops / 2, bf16Tflops, bf16Tflops, fp8 ? 2 * bf16Tflops : 0);
            List<String> source = List.of("price list: " + seller);
            List<GpuCaveat> caveats = new ArrayList<>(3);
            if (!fp8) {
                caveats.add(new GpuCaveat(CaveatId.NO_FP8, source));
            }
            if (interconnect.pcieOnly()) {
                caveats.add(new GpuCaveat(CaveatId.NO_NVLINK, source));
            }
            caveats.add(new GpuCaveat(CaveatId.SELLER_DESCRIBED, source));
            return new GpuSpec(id, name, vendor, memoryGib, memoryGib, bandwidth, tflops, fp8,
                    interconnect.interconnect(), tdpWatts.orElse(0), 0, List.of(), new GpuFacts(caveats, 1, 1));
        }
    }
}
