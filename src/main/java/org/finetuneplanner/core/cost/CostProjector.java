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
 * <p>The price is the scenario's {@code cost.usd_per_gpu_hour} if set, else the cheapest current listing of
 * {@code cost.provider} if set, else the cheapest current listing of any provider. "Current" means the latest
 * observation of each provider's offer; third-party marketplace medians are used only when no provider lists the
 * GPU. Pure; thread-safe.
 */
public final class CostProjector {

    /** Points of the cost-over-time series, including 0 and the end of training. */
    public static final int SERIES_POINTS = 25;

    private final CostAssumptions assumptions;

    /** A projector with {@link CostAssumptions#defaults()}. */
    public CostProjector() {
        this(CostAssumptions.defaults());
    }

    public CostProjector(CostAssumptions assumptions) {
        this.assumptions = Objects.requireNonNull(assumptions, "assumptions");
    }

    public CostAssumptions assumptions() {
        return assumptions;
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
        Optional<Price> price = price(s);
        if (price.isEmpty()) {
            return Optional.empty();
        }
        Price chosen = price.get();
        int gpus = s.hardware().gpuCount();
        double usdPerGpuHour = chosen.usdPerGpuHour * (1 - assumptions.discount());
        double gpuUsd = gpus * usdPerGpuHour * hours;
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
        return Optional.of(new CostEstimate(usdPerGpuHour, chosen.provider, chosen.seen, chosen.source, gpuUsd,
                storageUsd, usd, series, assumptions.discount(), checkpointGb, energyKwh, energyUsd));
    }

    /** Why {@link #project} gives no cost, or empty when it gives one. */
    public Optional<Note> whyNoCost(Scenario s) {
        GpuSpec gpu = s.hardware().gpu();
        if (price(s).isPresent()) {
            if (s.cost().provider().isPresent() && s.cost().usdPerGpuHour().isEmpty()
                    && gpu.priceFrom(s.cost().provider().get()).isEmpty()) {
                return Optional.of(Note.of(NoteId.COST_PROVIDER_UNLISTED, s.cost().provider().get(), gpu.name()));
            }
            return Optional.empty();
        }
        return Optional.of(Note.of(NoteId.COST_NO_PRICE, gpu.name()));
    }

    /** The price used for {@code s}, if any. */
    private static Optional<Price> price(Scenario s) {
        if (s.cost().usdPerGpuHour().isPresent()) {
            // The scenario's own price: no provider, date or source (the text layer says where it came from).
            return Optional.of(new Price(s.cost().usdPerGpuHour().getAsDouble(), "", "", ""));
        }
        GpuSpec gpu = s.hardware().gpu();
        GpuPrice best = null;
        if (s.cost().provider().isPresent()) {
            best = cheapestCurrent(gpu, s.cost().provider().get());
        }
        if (best == null) {
            best = cheapestCurrent(gpu, null);
        }
        return best == null ? Optional.empty()
                : Optional.of(new Price(best.usdPerGpuHour(), best.provider(), best.seen(),
                        best.source().isEmpty() ? best.provider() + " " + best.instance() : best.source()));
    }

    /**
     * The cheapest current price (of {@code provider} if not null): provider listings first, marketplace
     * observations only when no provider lists the GPU. Checks supersession only for a price that would win.
     */
    private static GpuPrice cheapestCurrent(GpuSpec gpu, String provider) {
        GpuPrice listed = null;
        GpuPrice market = null;
        for (GpuPrice price : gpu.prices()) {
            if (provider != null && !price.provider().equalsIgnoreCase(provider)) {
                continue;
            }
            boolean marketplace = isMarketplace(price);
            GpuPrice best = marketplace ? market : listed;
            if ((best == null || price.usdPerGpuHour() < best.usdPerGpuHour()) && !superseded(gpu, price)) {
                if (marketplace) {
                    market = price;
                } else {
                    listed = price;
                }
            }
        }
        return listed != null ? listed : market;
    }

    private static boolean isMarketplace(GpuPrice price) {
        return price.tier().regionMatches(true, 0, "marketplace", 0, 11);
    }

    private static boolean superseded(GpuSpec gpu, GpuPrice price) {
        for (GpuPrice other : gpu.prices()) {
            if (other != price && sameOffer(price, other) && isNewer(other, price)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameOffer(GpuPrice a, GpuPrice b) {
        return a.provider().equalsIgnoreCase(b.provider()) && a.instance().equalsIgnoreCase(b.instance())
                && a.tier().equalsIgnoreCase(b.tier());
    }

    private static boolean isNewer(GpuPrice a, GpuPrice b) {
        return a.seen().compareTo(b.seen()) > 0;
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

    private record Price(double usdPerGpuHour, String provider, String seen, String source) {
    }
}
