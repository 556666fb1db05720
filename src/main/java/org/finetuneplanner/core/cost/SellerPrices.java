package org.finetuneplanner.core.cost;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.gpu.GpuSpec;

/**
 * A seller's own prices (a {@code finetune-prices/1} price list): when they are in force, they are the only prices
 * ({@link PriceRule#rent(SellerPrices, GpuSpec, int)}): the plan tries only the GPUs offered, at the seller's
 * prices, and no catalog provider is named.
 *
 * @param seller   the seller's name, named as the provider of every price
 * @param exchange the list's currency and its rate to the US dollar
 * @param offers   the GPUs offered, in the list's order, each GPU id once (not empty)
 * @param quoted   the date of the quote as an ISO date ("2026-12-04"), "" when the list gives none: the date every
 *                 price of the list was seen
 */
public record SellerPrices(String seller, Exchange exchange, List<SellerOffer> offers, String quoted) {

    /** A list without a quote date. */
    public SellerPrices(String seller, Exchange exchange, List<SellerOffer> offers) {
        this(seller, exchange, offers, "");
    }

    public SellerPrices {
        Objects.requireNonNull(seller, "seller");
        quoted = quoted == null ? "" : quoted;
        Objects.requireNonNull(exchange, "exchange");
        offers = List.copyOf(offers);
        if (offers.isEmpty()) {
            throw new Violation("offers", Constraint.NOT_EMPTY, null, null, null).exception();
        }
        Set<String> ids = new HashSet<>();
        for (SellerOffer o : offers) {
            if (!ids.add(o.gpu().id())) {
                // The service refuses a list that offers a GPU twice, naming the offer; here it is a caller's bug.
                throw new IllegalArgumentException(o.gpu().id());
            }
        }
    }

    /** The offer of the GPU {@code gpuId}, if the seller offers it. */
    public Optional<SellerOffer> offer(String gpuId) {
        return offers.stream().filter(o -> o.gpu().id().equals(gpuId)).findFirst();
    }

    /** The GPUs offered, in the list's order. */
    public List<GpuSpec> gpus() {
        return offers.stream().map(SellerOffer::gpu).toList();
    }
}
