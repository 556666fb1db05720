package org.finetuneplanner.service.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;

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
 * <p>Sizes are GiB (2^30 bytes) per GPU rounded to 1 MiB (3 decimals); the parts are rounded on their own, so their
 * sum may differ from {@code peak_allocated} in the last decimal. The shape is the {@link Result} record and its
 * parts, written by {@link SafeJson}'s mapper (snake_case keys, in declaration order). Pure and thread-safe.
 */
public final class ResultJson {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private ResultJson() {
    }

    /**
     * The result object of the spec.
     *
     * @param name the scenario's name as written (a JSON string, or null)
     */
    record Result(JsonNode name, Parameters parameters, Memory memoryGib, double hostMemoryGib, double gpuMemoryGib,
                  boolean fits, Time time, Cost cost, List<String> warnings, Speed speed, List<NoteLine> notes) {

        /** The same result carrying {@code written} as its name. */
        Result withName(JsonNode written) {
            return new Result(written, parameters, memoryGib, hostMemoryGib, gpuMemoryGib, fits, time, cost, warnings,
                    speed, notes);
        }
    }

    /** Parameter counts: total, trainable, active per token (MoE), adapter. */
    record Parameters(long total, long trainable, long active, long adapter) {
    }

    /** Per-GPU memory in GiB: the parts of {@code peak_allocated}, then the peaks, then the allocator's share. */
    record Memory(double weights, double gradients, double optimizer, double activations, double logits,
                  double buffers, double cudaContext, double peakAllocated, double peakReserved, double total,
                  double allocator) {

        static Memory of(MemoryBreakdown m) {
            return new Memory(gib(m.weightsBytes()), gib(m.gradientsBytes()), gib(m.optimizerBytes()),
                    gib(m.activationsBytes()), gib(m.logitsBytes()), gib(m.buffersBytes()),
                    gib(m.cudaContextBytes()), gib(m.peakAllocatedBytes()), gib(m.peakReservedBytes()),
                    gib(m.totalBytes()), gib(m.allocatorBytes()));
        }
    }

    /** Speed of the whole job and its hours (null without {@code data.tokens}). */
    record Time(double tokensPerSecond, Double hours) {
    }

    /** What the job costs (the spec's two keys first, then the added ones). */
    record Cost(double usdPerGpuHour, double usd, String provider, String priceSeen, double gpuUsd,
                double storageUsd, double discount, double energyKwh, double energyUsd) {
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

    /** The result of one estimate, with notes from reading the scenario placed before the estimate's own. */
    static Result result(Estimate estimate, List<Note> readingNotes) {
        List<Note> notes = new ArrayList<>(readingNotes);
        notes.addAll(estimate.notes());
        MemoryEstimate memory = estimate.memory();
        ThroughputEstimate speed = estimate.throughput();
        ParameterCounts p = estimate.parameters();
        Cost cost = estimate.cost().map(c -> new Cost(round(c.usdPerGpuHour(), 4), round(c.usd(), 2), c.provider(),
                c.priceSeen(), round(c.gpuUsd(), 2), round(c.storageUsd(), 2), round(c.discount(), 4),
                round(c.energyKwh(), 2), round(c.energyUsd(), 2))).orElse(null);
        return new Result(SafeJson.nodes().textNode(estimate.scenario().name()),
                new Parameters(p.total(), p.trainable(), p.active(), p.adapter()),
                Memory.of(memory.perGpu()), gib(memory.hostBytes()), gib(memory.capacityBytes()), memory.fits(),
                new Time(round(speed.tokensPerSecond(), 1), estimate.hours().isPresent()
                        ? round(estimate.hours().getAsDouble(), 3) : null),
                cost, warnings(notes),
                new Speed(round(speed.tokensPerSecond(), 1), round(speed.stepSeconds(), 4), round(speed.mfu(), 4),
                        round(speed.peakTflops(), 2), speed.flopsPerToken()),
                notes.stream().map(ResultJson::line).toList());
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
