package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.scenario.Limits;

/** The oracle every estimate must pass: each number finite, non-negative and within its limit. */
final class Answers {

    private Answers() {
    }

    /**
     * Fails unless every memory part, the totals and the host memory are whole bytes from 0 to
     * {@link Limits#MAX_MEMORY_BYTES} with the totals above their parts, speed is finite and positive, hours and
     * cost are finite, non-negative and within their limits, and the parameter counts are sane.
     */
    static void assertFiniteAndNonNegative(Estimate e, String context) {
        MemoryEstimate m = e.memory();
        MemoryBreakdown b = m.perGpu();
        for (MemoryComponent c : MemoryComponent.values()) {
            assertTrue(b.bytes(c) >= 0, () -> c + " < 0: " + context);
        }
        assertTrue(b.peakAllocatedBytes() >= 0 && b.peakReservedBytes() >= b.peakAllocatedBytes(),
                () -> "a total overflowed: " + b + " " + context);
        assertTrue(b.totalBytes() >= b.peakReservedBytes() && b.totalBytes() <= Limits.MAX_MEMORY_BYTES,
                () -> "total " + b.totalBytes() + ": " + context);
        assertTrue(m.hostBytes() >= 0 && m.hostBytes() <= Limits.MAX_MEMORY_BYTES, () -> "host " + m.hostBytes());
        assertTrue(m.capacityBytes() > 0, "capacity ≤ 0");
        // Host memory counts only where the scenario gives it (hardware.host_memory_gib).
        boolean hostFits = m.hostCapacityBytes().isEmpty() || m.hostBytes() <= m.hostCapacityBytes().getAsLong();
        assertTrue(m.fits() == (b.totalBytes() <= m.capacityBytes() && hostFits), "fits");
        double tps = e.throughput().tokensPerSecond();
        assertTrue(Double.isFinite(tps) && tps > 0, () -> "tokens/s = " + tps + ": " + context);
        double step = e.throughput().stepSeconds();
        assertTrue(Double.isFinite(step) && step > 0, () -> "step = " + step + " s: " + context);
        e.hours().ifPresent(h -> assertTrue(Double.isFinite(h) && h >= 0 && h <= Limits.MAX_HOURS,
                () -> "hours = " + h + ": " + context));
        e.cost().ifPresent(c -> {
            assertTrue(Double.isFinite(c.usd()) && c.usd() >= 0 && c.usd() <= Limits.MAX_USD,
                    () -> "usd = " + c.usd() + ": " + context);
            assertTrue(Double.isFinite(c.usdPerGpuHour()) && c.usdPerGpuHour() >= 0);
            assertTrue(Double.isFinite(c.energyKwh()) && c.energyKwh() >= 0, () -> "kWh = " + c.energyKwh());
            assertTrue(Double.isFinite(c.storageUsd()) && c.storageUsd() >= 0);
        });
        assertTrue(e.parameters().total() > 0 && e.parameters().trainable() >= 0, () -> "parameters: " + context);
        assertTrue(e.parameters().trainable() <= e.parameters().total() + e.parameters().adapter(),
                "trainable beyond total + adapters");
    }
}
