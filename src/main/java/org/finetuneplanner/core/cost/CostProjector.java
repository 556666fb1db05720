package org.finetuneplanner.core.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;

/**
 * The cost of a job: GPUs × price per GPU-hour × hours, plus checkpoint storage, a cost-over-time series, and the
 * energy cost of running the same GPUs when owned.
 *
 * <p>The price comes from {@link PriceRule}, the one rule every surface uses: the scenario's
 * {@code cost.usd_per_gpu_hour} if set, else the offer of {@code cost.provider} if it lists the GPU, else any
 * provider's, whichever rents the job's GPUs for least per hour (whole instances: the GPUs paid for are the job's
 * rounded up to the offer's instance size). With a seller's price list in force ({@link #withSeller}) the list's
 * offers are the only prices, whatever the scenario says: a GPU it does not offer has no cost. Pure; thread-safe.
 */
public final class CostProjector {

    /** Points of the cost-over-time series, including 0 and the end of training. */
    public static final int SERIES_POINTS = 25;

    private final CostAssumptions assumptions;
    private final Optional<SellerPrices> seller;

    /** A projector with {@link CostAssumptions#defaults()}. */
    public CostProjector() {
        this(CostAssumptions.defaults());
    }

    /** A projector over the catalog's prices. */
    public CostProjector(CostAssumptions assumptions) {
        this(assumptions, Optional.empty());
    }

    /**
     * @param assumptions storage, energy and discount
     * @param seller      a seller's price list in force, or empty for the catalog's prices
     */
    public CostProjector(CostAssumptions assumptions, Optional<SellerPrices> seller) {
        this.assumptions = Objects.requireNonNull(assumptions, "assumptions");
        this.seller = Objects.requireNonNull(seller, "seller");
    }

    public CostAssumptions assumptions() {
        return assumptions;
    }

    /** The seller's price list in force, empty for the catalog's prices. */
    public Optional<SellerPrices> seller() {
        return seller;
    }

    /** The same assumptions over {@code prices} (empty: the catalog's). */
    public CostProjector withSeller(Optional<SellerPrices> prices) {
        return new CostProjector(assumptions, prices);
    }

    /** The currency amounts are shown in: the seller's, else US dollars. */
    public Exchange exchange() {
        return seller.map(SellerPrices::exchange).orElse(Exchange.USD);
    }

    /**
     * Cost of {@code hours} of training, with checkpoint storage sized from the scenario's parameter counts.
     *
     * @param s     the scenario
     * @param hours wall-clock hours of training (≥ 0)
     * @return the cost, or empty when no price is known (see {@link #whyNoCost(Scenario)})
     */
    public Optional<CostEstimate> project(Scenario s, double hours) {
        return project(s, hours, ParameterCounter.count(s.model().architecture(), s.method()));
    }

    /**
     * Cost of {@code hours} of training, with checkpoint storage sized from {@code counts}.
     *
     * @param s      the scenario
     * @param hours  wall-clock hours of training (≥ 0)
     * @param counts parameter counts, or {@code null} to leave storage out
     * @return the cost, or empty when no price is known
     */
    public Optional<CostEstimate> project(Scenario s, double hours, ParameterCounts counts) {
        if (!(hours >= 0) || Double.isInfinite(hours)) {
            throw Violation.atLeast("hours", 0, hours).exception();
        }
        Optional<Rental> rental = rental(s);
        if (rental.isEmpty()) {
            return Optional.empty();
        }
        Rental chosen = rental.get();
        int gpus = s.hardware().gpuCount();
        double usdPerGpuHour = chosen.usdPerGpuHour() * (1 - assumptions.discount());
        double gpuUsd = chosen.gpus() * usdPerGpuHour * hours;
        double checkpointGb = counts == null ? 0 : checkpointBytes(s, counts) / 1e9;
        double storageUsd = checkpointGb * assumptions.checkpointsKept() * assumptions.storageUsdPerGbMonth()
                * hours / CostAssumptions.HOURS_PER_MONTH;
        double usd = gpuUsd + storageUsd;
        List<CostPoint> series = new ArrayList<>(SERIES_POINTS);
        for (int i = 0; i < SERIES_POINTS; i++) {
            double fraction = (double) i / (SERIES_POINTS - 1);
            series.add(new CostPoint(hours * fraction, usd * fraction));
        }
        double energyKwh = gpus * s.hardware().gpu().tdpWatts() * hours * assumptions.pue() / 1000;
        double energyUsd = energyKwh * assumptions.usdPerKwh();
        GpuPrice offer = chosen.offer().orElse(null);
        String source = offer == null ? "" : offer.source().isEmpty() ? offer.provider() + " " + offer.instance()
                : offer.source();
        return Optional.of(new CostEstimate(usdPerGpuHour, chosen.provider(), chosen.seen(), source, gpuUsd,
                storageUsd, usd, series, assumptions.discount(), checkpointGb, energyKwh, energyUsd, chosen.gpus(),
                chosen.unit(), chosen.origin(), offer == null ? "" : offer.instance(), exchange()));
    }

    /** Why {@link #project} gives no cost, or empty when it gives one. */
    public Optional<Note> whyNoCost(Scenario s) {
        GpuSpec gpu = s.hardware().gpu();
        boolean rented = rental(s).isPresent();
        if (seller.isPresent() && !rented) {
            SellerPrices prices = seller.get();
            return Optional.of(prices.offer(gpu.id())
                    .map(o -> Note.of(NoteId.COST_OFFER_LIMIT, prices.seller(), gpu.name(), o.maxGpus()))
                    .orElse(Note.of(NoteId.COST_NOT_OFFERED, prices.seller(), gpu.name())));
        }
        if (rented) {
            if (s.cost().provider().isPresent() && s.cost().usdPerGpuHour().isEmpty()
                    && gpu.priceFrom(s.cost().provider().get()).isEmpty()) {
                return Optional.of(Note.of(NoteId.COST_PROVIDER_UNLISTED, s.cost().provider().get(), gpu.name()));
            }
            return Optional.empty();
        }
        return Optional.of(Note.of(NoteId.COST_NO_PRICE, gpu.name()));
    }

    /**
     * What {@code s} rents by {@link PriceRule}: the seller's offer when a price list is in force, else the scenario's
     * price if set, else the catalog's offers; empty when no price is known. The price is before this projector's
     * discount.
     */
    public Optional<Rental> rental(Scenario s) {
        GpuSpec gpu = s.hardware().gpu();
        int gpus = s.hardware().gpuCount();
        if (seller.isPresent()) {
            return PriceRule.rent(seller.get(), gpu, gpus);
        }
        if (s.cost().usdPerGpuHour().isPresent()) {
            return Optional.of(PriceRule.atPrice(gpu, s.cost().usdPerGpuHour().getAsDouble(), gpus));
        }
        return PriceRule.rent(gpu, s.cost().provider(), gpus);
    }

    /**
     * One resumable checkpoint: the trained weights in 16 bit (all weights for full fine-tuning, the adapters
     * and extra modules otherwise) plus fp32 optimizer moments (8 B) and, for full fine-tuning with master
     * weights, the fp32 master copy (4 B) — what DeepSpeed and FSDP save to resume.
     */
    static double checkpointBytes(Scenario s, ParameterCounts counts) {
        double trainable = counts.trainable();
        boolean full = s.method().type() == FineTuneMethod.FULL;
        double perParam = 2 + 8 + (full && s.training().masterWeights() ? 4 : 0);
        return trainable * perParam;
    }
}
