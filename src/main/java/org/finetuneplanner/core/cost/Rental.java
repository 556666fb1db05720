package org.finetuneplanner.core.cost;

import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.gpu.GpuPrice;

/**
 * What a job rents to run on some GPUs: the offer, how many GPUs that offer's instances give, and the price.
 *
 * @param offer         the price observation chosen (empty for a price set in the scenario)
 * @param gpus          GPUs rented: the GPUs asked for, rounded up to whole instances
 * @param unit          GPUs per instance (or per tray): rentals come in multiples of it
 * @param usdPerGpuHour price per rented GPU-hour, USD (before any discount)
 * @param origin        where the price comes from
 */
public record Rental(Optional<GpuPrice> offer, int gpus, int unit, double usdPerGpuHour, PriceOrigin origin) {

    public Rental {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(origin, "origin");
    }

    /** USD per hour for everything rented. */
    public double usdPerHour() {
        return gpus * usdPerGpuHour;
    }

    /** The provider's name, "" for a scenario price. */
    public String provider() {
        return offer.map(GpuPrice::provider).orElse("");
    }

    /** The date the price was seen, "" for a scenario price. */
    public String seen() {
        return offer.map(GpuPrice::seen).orElse("");
    }
}
