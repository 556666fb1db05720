package org.finetuneplanner.core.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;

/**
 * The one rule that prices GPUs, for every surface: {@code estimate}, {@code plan}, the app, the report and
 * {@code catalog gpus}. Pure; thread-safe.
 *
 * <p>To rent {@code n} GPUs of a card:
 * <ol>
 *   <li>The offers considered are the catalog's current observations (the latest of each provider, instance and
 *       tier; an observation superseded by a newer one of the same offer never counts), of the scenario's
 *       {@code cost.provider} when it lists the GPU, else of every provider.</li>
 *   <li>Providers' listed prices first; third-party marketplace medians only when no provider lists the GPU (they
 *       move daily: the H100's Vast.ai median read $2.40 on 2026-10-19 and $6.15 twelve days before).</li>
 *   <li>Each offer rents whole instances: its unit is its {@code gpus_per_instance}, or the GPU's own rental unit
 *       (a GB200 tray of 4) when larger, and {@code n} rounds up to a multiple of it.</li>
 *   <li>The offer with the lowest price per hour for what is rented wins; at a tie, fewer GPUs rented, then the
 *       lower price per GPU-hour, then catalog order.</li>
 * </ol>
 * A price set in the scenario replaces the offers (no provider, no date); the GPU's own rental unit still rounds
 * the count. {@code catalog gpus} shows the rule for one GPU, so its price is the one an estimate on one GPU uses.
 *
 * <p>A seller's price list in force ({@link SellerPrices}) replaces both: its offer is the only price of a GPU
 * ({@link #rent(SellerPrices, GpuSpec, int)}), rented in its instance sizes up to its largest job; a GPU it does
 * not offer has no price.
 */
public final class PriceRule {

    /** The tier of a seller's price: {@code price list}. */
    public static final String SELLER_TIER = "price list";

    private PriceRule() {
    }

    /**
     * The cheapest way to rent {@code gpus} GPUs of {@code gpu} by the catalog's offers.
     *
     * @param provider a provider to prefer (the scenario's {@code cost.provider}), used when it lists the GPU
     * @return the rental, or empty when the catalog lists no price for the GPU
     */
    public static Optional<Rental> rent(GpuSpec gpu, Optional<String> provider, int gpus) {
        Optional<Rental> own = provider.flatMap(p -> cheapest(gpu, p, gpus));
        return own.isPresent() ? own : cheapest(gpu, null, gpus);
    }

    /**
     * Renting {@code gpus} GPUs of {@code gpu} from a seller's price list: the smallest of the offer's instances that
     * holds them, or whole instances of its largest ({@link SellerOffer#rented}), at the offer's price converted to
     * US dollars with the list's rate. The rental's observation names the seller as provider, with the quote's date
     * as the date seen (tier {@value #SELLER_TIER}, no source: the list is the source).
     *
     * @return the rental, or empty when the seller does not offer the GPU or not that many of it
     */
    public static Optional<Rental> rent(SellerPrices prices, GpuSpec gpu, int gpus) {
        Optional<SellerOffer> offer = prices.offer(gpu.id());
        if (offer.isEmpty()) {
            return Optional.empty();
        }
        SellerOffer o = offer.get();
        OptionalInt rented = o.rented(gpus);
        if (rented.isEmpty()) {
            return Optional.empty();
        }
        int n = rented.getAsInt();
        double usd = prices.exchange().toUsd(o.pricePerGpuHour());
        int unit = o.unit(n);
        GpuPrice quoted = new GpuPrice(prices.seller(), unit + " × " + gpu.name(), unit, usd, SELLER_TIER,
                prices.quoted(), "");
        return Optional.of(new Rental(Optional.of(quoted), n, unit, usd, PriceOrigin.SELLER));
    }

    /** Renting {@code gpus} GPUs at a price given by the user: the GPU's own rental unit still applies. */
    public static Rental atPrice(GpuSpec gpu, double usdPerGpuHour, int gpus) {
        int unit = gpu.facts().rentalUnit();
        return new Rental(Optional.empty(), roundUp(gpus, unit), unit, usdPerGpuHour, PriceOrigin.SCENARIO);
    }

    /** {@code gpus} rounded up to a multiple of {@code unit}. */
    public static int roundUp(int gpus, int unit) {
        long rounded = ((long) gpus + unit - 1) / unit * unit;
        return (int) Math.min(rounded, Integer.MAX_VALUE);
    }

    private static Optional<Rental> cheapest(GpuSpec gpu, String provider, int gpus) {
        Rental listed = null;
        Rental market = null;
        for (GpuPrice price : gpu.prices()) {
            if (provider != null && !price.provider().equalsIgnoreCase(provider)) {
                continue;
            }
            boolean marketplace = isMarketplace(price);
            int unit = Math.max(price.gpusPerInstance(), gpu.facts().rentalUnit());
            Rental candidate = new Rental(Optional.of(price), roundUp(gpus, unit), unit, price.usdPerGpuHour(),
                    marketplace ? PriceOrigin.MARKETPLACE : PriceOrigin.LISTED);
            Rental best = marketplace ? market : listed;
            // Supersession is checked only for a price that would win: most observations never would.
            if (better(candidate, best) && !superseded(gpu, price)) {
                if (marketplace) {
                    market = candidate;
                } else {
                    listed = candidate;
                }
            }
        }
        return Optional.ofNullable(listed != null ? listed : market);
    }

    private static boolean better(Rental a, Rental b) {
        if (b == null) {
            return true;
        }
        int byHour = Double.compare(a.usdPerHour(), b.usdPerHour());
        if (byHour != 0) {
            return byHour < 0;
        }
        if (a.gpus() != b.gpus()) {
            return a.gpus() < b.gpus();
        }
        return a.usdPerGpuHour() < b.usdPerGpuHour();
    }

    /** Whether a price is a marketplace observation (tier "marketplace …"). */
    public static boolean isMarketplace(GpuPrice price) {
        return price.tier().regionMatches(true, 0, "marketplace", 0, 11);
    }

    /**
     * The current observations among {@code all}: the latest of each offer, in the order each offer first appears.
     * An offer is a provider, instance and tier, compared without regard to case; an observation is newer when its
     * date sorts later ({@link #dateKey}), and of two of the same date the first listed stays. The catalog keeps these
     * on each {@code GpuSpec}; {@link #rent} holds to the same rule for a GPU built with older observations too.
     */
    public static List<GpuPrice> current(List<GpuPrice> all) {
        Map<String, GpuPrice> latest = new LinkedHashMap<>();
        for (GpuPrice price : all) {
            latest.merge(offer(price), price, (kept, next) -> newer(next, kept) ? next : kept);
        }
        return List.copyOf(latest.values());
    }

    private static boolean superseded(GpuSpec gpu, GpuPrice price) {
        String offer = offer(price);
        for (GpuPrice other : gpu.prices()) {
            if (other != price && newer(other, price) && offer(other).equals(offer)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code a} was seen after {@code b}. */
    private static boolean newer(GpuPrice a, GpuPrice b) {
        return dateKey(a.seen()).compareTo(dateKey(b.seen())) > 0;
    }

    /** ISO dates sort as text; anything that is not a date ("undated", "") sorts before every date. */
    static String dateKey(String seen) {
        boolean date = seen.length() >= 10 && seen.charAt(4) == '-' && seen.charAt(7) == '-'
                && Character.isDigit(seen.charAt(0)) && Character.isDigit(seen.charAt(9));
        return date ? seen : "";
    }

    /** The offer an observation is of: provider, instance and tier, without regard to case. */
    private static String offer(GpuPrice p) {
        return (p.provider() + "\u0000" + p.instance() + "\u0000" + p.tier()).toLowerCase(Locale.ROOT);
    }
}
