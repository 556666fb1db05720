package org.finetuneplanner.core.range;

import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.scenario.FineTuneMethod;

/**
 * Ranges and fit status of estimates, from the measured error bands ({@code advice-and-prices.md}, "Ranges"):
 * {@code low = estimate / (1 + e90)}, {@code high = estimate / (1 + e10)} with e the error of the estimated figure
 * itself. Memory uses the band of its method and single/multi-GPU kind, applied to the per-GPU total; the hours use
 * the speed band (e of tokens per second, so hours = tokens / speed range from {@code hours × (1 + e10)} to
 * {@code hours × (1 + e90)}); the cost follows the hours.
 *
 * <p>Status: {@code no} when the estimate does not fit (GPU memory, or host memory where the scenario gives it);
 * {@code tight} when it fits but the range's high end is above the usable memory; {@code fits} otherwise. When a
 * band's e10 is positive (a kind the estimator overestimates), the high end is below the estimate; a setup still
 * needs its estimate to fit. Pure; thread-safe.
 */
public final class Confidence {

    private final ErrorBands bands;

    public Confidence(ErrorBands bands) {
        this.bands = Objects.requireNonNull(bands, "bands");
    }

    /** Without measurements: zero-wide ranges, {@code fits} or {@code no}. */
    public static Confidence none() {
        return new Confidence(ErrorBands.none());
    }

    public ErrorBands bands() {
        return bands;
    }

    /** The memory band of a setup. */
    public ErrorBand memoryBand(FineTuneMethod method, int gpus) {
        return bands.band(Quantity.MEMORY, method, gpus > 1);
    }

    /** The speed band of a setup. */
    public ErrorBand speedBand(FineTuneMethod method, int gpus) {
        return bands.band(Quantity.SPEED, method, gpus > 1);
    }

    /** The fit status of a memory estimate of {@code method} on {@code gpus} GPUs (fast: arithmetic only). */
    public FitStatus status(MemoryEstimate memory, FineTuneMethod method, int gpus) {
        if (!memory.fits()) {
            return FitStatus.NO;
        }
        ErrorBand band = memoryBand(method, gpus);
        double high = memory.perGpu().totalBytes() / (1 + band.e10());
        return high <= memory.capacityBytes() ? FitStatus.FITS : FitStatus.TIGHT;
    }

    /** The status and ranges of an estimate. */
    public Ranges of(Estimate e) {
        FineTuneMethod method = e.scenario().method().type();
        int gpus = e.scenario().hardware().gpuCount();
        Range memory = memoryBand(method, gpus).around(e.memory().perGpu().totalBytes());
        ErrorBand speed = speedBand(method, gpus);
        Optional<Range> hours = e.hours().isPresent()
                ? Optional.of(speed.aroundInverse(e.hours().getAsDouble())) : Optional.empty();
        Optional<Range> usd = e.cost().map(c -> speed.aroundInverse(c.usd()));
        return new Ranges(status(e.memory(), method, gpus), memory, hours, usd);
    }
}
