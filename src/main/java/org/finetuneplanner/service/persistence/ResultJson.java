package org.finetuneplanner.service.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.PhaseMemory;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.plan.Caveats;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.range.Ranges;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.service.validation.ErrorBandsFile;

/**
 * Writes the result object of the {@code finetune-plan/1} spec ("Result" section) from an {@link Estimate}.
 *
 * <p>Spec keys: {@code name}, {@code parameters {total, trainable}}, {@code memory_gib {weights, gradients,
 * optimizer, activations, logits, buffers, cuda_context, peak_allocated, peak_reserved, total}},
 * {@code host_memory_gib}, {@code gpu_memory_gib}, {@code fits}, {@code time {tokens_per_second, hours}},
 * {@code cost {usd_per_gpu_hour, usd}} or null without {@code data.tokens} or a price, {@code warnings} (the
 * messages of warning notes).
 *
 * <p>Without {@code data.tokens} the spec makes {@code time} null, yet the validation scorer ({@code score.py})
 * reads {@code time.tokens_per_second} from results of cases that give no tokens, and the speed is known without
 * them. So {@code time} is then {@code {"tokens_per_second": …, "hours": null}}: the hours are null, the speed is
 * kept. {@code cost} stays null. Extra keys, which readers may ignore: {@code parameters.active},
 * {@code parameters.adapter}, {@code memory_gib.allocator} (reserved minus allocated), {@code speed} (tokens per
 * second, step seconds, MFU and peak TFLOPS, also when tokens are unknown), {@code cost.provider},
 * {@code cost.price_seen}, {@code cost.gpu_usd}, {@code cost.storage_usd}, {@code cost.discount},
 * {@code cost.energy_kwh} and {@code cost.energy_usd} (owned hardware's power bill), and {@code notes} (every
 * note with its severity and code).
 *
 * <p>Ranges and status ({@code advice-and-prices.md}, "Ranges"): {@code memory_gib.range}, {@code
 * time.range_hours}, {@code cost.range_usd} ({@code {low, high}}, null where the figure is) and {@code status}
 * ({@code fits}, {@code tight}, {@code no}), from the bundled error bands. Added beside them:
 * {@code memory_gib.peak_phase} and {@code memory_gib.phases} (every phase's parts, so an optimizer-step peak's
 * zero activations read as that phase), {@code cost.rented_gpus}, {@code cost.rental_unit},
 * {@code cost.price_origin} ({@code scenario}, {@code listed}, {@code marketplace}), {@code cost.instance}, and
 * {@code caveats} ({@code [{id, text, sources}]}, the text in English).
 *
 * <p>Sizes are GiB (2^30 bytes) per GPU rounded to 1 MiB (3 decimals); the parts are rounded on their own, so their
 * sum may differ from {@code peak_allocated} in the last decimal. The shape is the {@link Result} record and its
 * parts, written by {@link SafeJson}'s mapper (snake_case keys, in declaration order). Pure and thread-safe.
 */
public final class ResultJson {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final CostProjector PRICES = new CostProjector();

    private ResultJson() {
    }

    /**
     * The result object of the spec.
     *
     * @param name the scenario's name as written (a JSON string, or null)
     */
    record Result(JsonNode name, Parameters parameters, Memory memoryGib, double hostMemoryGib, double gpuMemoryGib,
                  boolean fits, String status, Time time, Cost cost, List<String> warnings, Speed speed,
                  List<NoteLine> notes, List<CaveatLine> caveats) {

        /** The same result carrying {@code written} as its name. */
        Result withName(JsonNode written) {
            return new Result(written, parameters, memoryGib, hostMemoryGib, gpuMemoryGib, fits, status, time, cost,
                    warnings, speed, notes, caveats);
        }
    }

    /** Parameter counts: total, trainable, active per token (MoE), adapter. */
    record Parameters(long total, long trainable, long active, long adapter) {
    }

    /**
     * Per-GPU memory in GiB: the parts of {@code peak_allocated}, then the peaks, then the allocator's share, the
     * range of the total, the phase of the peak and every phase's parts.
     */
    record Memory(double weights, double gradients, double optimizer, double activations, double logits,
                  double buffers, double cudaContext, double peakAllocated, double peakReserved, double total,
                  double allocator, RangeDto range, String peakPhase, Map<String, PhaseParts> phases) {

        static Memory of(MemoryEstimate memory, Range totalBytes) {
            MemoryBreakdown m = memory.perGpu();
            Map<String, PhaseParts> phases = new LinkedHashMap<>();
            for (PhaseMemory p : memory.phases()) {
                phases.put(p.phase().name().toLowerCase(Locale.ROOT), PhaseParts.of(p.parts()));
            }
            return new Memory(gib(m.weightsBytes()), gib(m.gradientsBytes()), gib(m.optimizerBytes()),
                    gib(m.activationsBytes()), gib(m.logitsBytes()), gib(m.buffersBytes()),
                    gib(m.cudaContextBytes()), gib(m.peakAllocatedBytes()), gib(m.peakReservedBytes()),
                    gib(m.totalBytes()), gib(m.allocatorBytes()), RangeDto.of(totalBytes.times(1 / GIB), 3),
                    memory.peakPhase().map(p -> p.name().toLowerCase(Locale.ROOT)).orElse(null), phases);
        }
    }

    /** One phase's parts in GiB (the live tensors, the context, the allocator's reserve, the total). */
    record PhaseParts(double weights, double gradients, double optimizer, double activations, double logits,
                      double buffers, double cudaContext, double allocator, double total) {

        static PhaseParts of(MemoryBreakdown m) {
            return new PhaseParts(gib(m.weightsBytes()), gib(m.gradientsBytes()), gib(m.optimizerBytes()),
                    gib(m.activationsBytes()), gib(m.logitsBytes()), gib(m.buffersBytes()), gib(m.cudaContextBytes()),
                    gib(m.allocatorBytes()), gib(m.totalBytes()));
        }
    }

    /** A range {@code {low, high}}. */
    record RangeDto(double low, double high) {

        static RangeDto of(Range r, int decimals) {
            return new RangeDto(round(r.low(), decimals), round(r.high(), decimals));
        }
    }

    /** Speed of the whole job, its hours (null without {@code data.tokens}) and their range. */
    record Time(double tokensPerSecond, Double hours, RangeDto rangeHours) {
    }

    /** What the job costs (the spec's two keys first, then the added ones). */
    record Cost(double usdPerGpuHour, double usd, String provider, String priceSeen, double gpuUsd,
                double storageUsd, double discount, double energyKwh, double energyUsd, RangeDto rangeUsd,
                int rentedGpus, int rentalUnit, String priceOrigin, String instance) {

        static Cost of(CostEstimate c, Optional<Range> range) {
            return new Cost(round(c.usdPerGpuHour(), 4), round(c.usd(), 2), c.provider(), c.priceSeen(),
                    round(c.gpuUsd(), 2), round(c.storageUsd(), 2), round(c.discount(), 4), round(c.energyKwh(), 2),
                    round(c.energyUsd(), 2), range.map(r -> RangeDto.of(r, 2)).orElse(null), c.rentedGpus(),
                    c.rentalUnit(), c.origin().name().toLowerCase(Locale.ROOT), c.instance());
        }
    }

    /** A caveat of a setup on its GPU: its id, its words in English, its sources. */
    record CaveatLine(String id, String text, List<String> sources) {

        static List<CaveatLine> of(List<Caveat> caveats) {
            Words english = Words.english();
            return caveats.stream().map(c -> new CaveatLine(c.id().id(), english.caveat(c), c.sources())).toList();
        }
    }

    /** How fast a step runs and why. */
    record Speed(double tokensPerSecond, double stepSeconds, double mfu, double peakTflops, double flopsPerToken) {
    }

    /** One note of the reading or the estimate. */
    record NoteLine(String severity, String code, String message) {
    }

    /** The spec's error record of a batch line. */
    record Error(JsonNode name, String error) {
    }

    /** The bundled bands, read on first use (the small bands file, once per process). */
    private static final class Bundled {
        static final Confidence CONFIDENCE = new Confidence(ErrorBandsFile.bundled());
    }

    /**
     * The result of one estimate, with notes from reading the scenario placed before the estimate's own; ranges and
     * status from the bundled error bands.
     */
    static Result result(Estimate estimate, List<Note> readingNotes) {
        return result(estimate, readingNotes, Bundled.CONFIDENCE.of(estimate));
    }

    /** The result of one estimate with these ranges and status. */
    static Result result(Estimate estimate, List<Note> readingNotes, Ranges ranges) {
        List<Note> notes = new ArrayList<>(readingNotes);
        notes.addAll(estimate.notes());
        MemoryEstimate memory = estimate.memory();
        ThroughputEstimate speed = estimate.throughput();
        ParameterCounts p = estimate.parameters();
        Cost cost = estimate.cost().map(c -> Cost.of(c, ranges.usd())).orElse(null);
        return new Result(SafeJson.nodes().textNode(estimate.scenario().name()),
                new Parameters(p.total(), p.trainable(), p.active(), p.adapter()),
                Memory.of(memory, ranges.memoryBytes()), gib(memory.hostBytes()), gib(memory.capacityBytes()),
                memory.fits(), ranges.status().id(),
                new Time(round(speed.tokensPerSecond(), 1), estimate.hours().isPresent()
                        ? round(estimate.hours().getAsDouble(), 3) : null,
                        ranges.hours().map(r -> RangeDto.of(r, 3)).orElse(null)),
                cost, warnings(notes),
                new Speed(round(speed.tokensPerSecond(), 1), round(speed.stepSeconds(), 4), round(speed.mfu(), 4),
                        round(speed.peakTflops(), 2), speed.flopsPerToken()),
                notes.stream().map(ResultJson::line).toList(),
                CaveatLine.of(Caveats.of(estimate.scenario(), memory, PRICES.rental(estimate.scenario()))));
    }

    /**
     * The warning notes in English, each once, in order (the spec's {@code warnings}: English sentences worded by the
     * text layer; each note's code is in {@code notes}).
     */
    static List<String> warnings(List<Note> notes) {
        Words english = Words.english();
        return notes.stream().filter(n -> n.severity() == Note.Severity.WARNING).map(english::note).distinct()
                .toList();
    }

    private static NoteLine line(Note note) {
        return new NoteLine(note.severity().name().toLowerCase(Locale.ROOT), note.code(), Words.english().note(note));
    }

    /** Prepares the mapper to write results (a cold start's first result is then as quick as the others). */
    static void prepare() {
        SafeJson.prepare(Result.class);
        SafeJson.prepare(Error.class);
    }

    /** The result object of one estimate. */
    public static ObjectNode toTree(Estimate estimate) {
        return toTree(estimate, List.of());
    }

    /**
     * The result object of one estimate, with notes from reading the scenario (a guessed architecture …) placed
     * before the estimate's own.
     */
    public static ObjectNode toTree(Estimate estimate, List<Note> readingNotes) {
        return SafeJson.toTree(result(estimate, readingNotes));
    }

    /** Indented JSON of one result. */
    public static String write(Estimate estimate, List<Note> readingNotes) {
        return SafeJson.pretty(result(estimate, readingNotes));
    }

    /** One-line JSON of one result (a JSON Lines record). */
    public static String writeLine(Estimate estimate, List<Note> readingNotes) {
        return SafeJson.compact(result(estimate, readingNotes));
    }

    /**
     * One result carrying the scenario's name as written, as a node the mapper writes straight from the record
     * (no tree is built: a batch answers tens of thousands of lines).
     *
     * @param writtenName the {@code name} of the scenario's JSON as written, or null when it had none
     */
    public static JsonNode line(Estimate estimate, List<Note> readingNotes, JsonNode writtenName) {
        return SafeJson.nodes().pojoNode(result(estimate, readingNotes).withName(writtenName));
    }

    /**
     * The spec's error record of a batch line: {@code {"name": …, "error": "<what is wrong, which key>"}}.
     *
     * @param name the line's {@code name} as written (any JSON value), or null when unknown
     */
    public static ObjectNode error(JsonNode name, String message) {
        return SafeJson.toTree(new Error(name == null || name.isMissingNode() ? null : name, message));
    }

    /** Bytes to GiB rounded to 3 decimals (1 MiB). */
    public static double gib(long bytes) {
        return round(bytes / GIB, 3);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        // A double this large has no fraction left to round, and Math.round would saturate at 2^63 − 1 (a step of
        // 5.8e15 s written as 9.2e14).
        if (!Double.isFinite(value) || Math.abs(value * scale) >= 0x1p52) {
            return value;
        }
        return Math.round(value * scale) / scale;
    }
}
