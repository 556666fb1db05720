package org.finetuneplanner.core.cost;

/** Where the price of a job comes from; the text layer words each ({@code enum.PriceOrigin.<CONSTANT>}). */
public enum PriceOrigin {
    /** The scenario's own {@code cost.usd_per_gpu_hour}. */
    SCENARIO,
    /** A provider's listed price (on-demand, spot …) in the GPU catalog. */
    LISTED,
    /** A marketplace observation (a median of offers that move daily), used only when no provider lists the GPU. */
    MARKETPLACE,
    /** A seller's price list in force: the only prices then ({@link SellerPrices}). */
    SELLER
}
