package org.finetuneplanner.service.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryEstimate;
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
 * sum may differ from {@code peak_allocated} in the last decimal. Pure and thread-safe.
 */
public final class ResultJson {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private ResultJson() {
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
        ObjectNode root = SafeJson.nodes().objectNode();
        root.put("name", estimate.scenario().name());

        ObjectNode parameters = root.putObject("parameters");
        parameters.put("total", estimate.parameters().total());
        parameters.put("trainable", estimate.parameters().trainable());
        parameters.put("active", estimate.parameters().active());
        parameters.put("adapter", estimate.parameters().adapter());

        MemoryEstimate memory = estimate.memory();
        MemoryBreakdown m = memory.perGpu();
        ObjectNode gib = root.putObject("memory_gib");
        gib.put("weights", gib(m.weightsBytes()));
        gib.put("gradients", gib(m.gradientsBytes()));
        gib.put("optimizer", gib(m.optimizerBytes()));
        gib.put("activations", gib(m.activationsBytes()));
        gib.put("logits", gib(m.logitsBytes()));
        gib.put("buffers", gib(m.buffersBytes()));
        gib.put("cuda_context", gib(m.cudaContextBytes()));
        gib.put("peak_allocated", gib(m.peakAllocatedBytes()));
        gib.put("peak_reserved", gib(m.peakReservedBytes()));
        gib.put("total", gib(m.totalBytes()));
        gib.put("allocator", gib(m.allocatorBytes()));

        root.put("host_memory_gib", gib(memory.hostBytes()));
        root.put("gpu_memory_gib", gib(memory.capacityBytes()));
        root.put("fits", memory.fits());

        ThroughputEstimate speed = estimate.throughput();
        ObjectNode time = root.putObject("time");
        time.put("tokens_per_second", round(speed.tokensPerSecond(), 1));
        if (estimate.hours().isPresent()) {
            time.put("hours", round(estimate.hours().getAsDouble(), 3));
        } else {
            time.putNull("hours");
        }
        if (estimate.cost().isPresent()) {
            CostEstimate c = estimate.cost().get();
            ObjectNode cost = root.putObject("cost");
            cost.put("usd_per_gpu_hour", round(c.usdPerGpuHour(), 4));
            cost.put("usd", round(c.usd(), 2));
            cost.put("provider", c.provider());
            cost.put("price_seen", c.priceSeen());
            cost.put("gpu_usd", round(c.gpuUsd(), 2));
            cost.put("storage_usd", round(c.storageUsd(), 2));
            cost.put("discount", round(c.discount(), 4));
            cost.put("energy_kwh", round(c.energyKwh(), 2));
            cost.put("energy_usd", round(c.energyUsd(), 2));
        } else {
            root.putNull("cost");
        }

        List<Note> notes = new ArrayList<>(readingNotes);
        notes.addAll(estimate.notes());
        // The spec's warnings stay English sentences, worded by the text layer; each note's code is in "notes".
        Words english = Words.english();
        ArrayNode warnings = root.putArray("warnings");
        notes.stream().filter(n -> n.severity() == Note.Severity.WARNING).map(english::note).distinct()
                .forEach(warnings::add);

        ObjectNode s = root.putObject("speed");
        s.put("tokens_per_second", round(speed.tokensPerSecond(), 1));
        s.put("step_seconds", round(speed.stepSeconds(), 4));
        s.put("mfu", round(speed.mfu(), 4));
        s.put("peak_tflops", round(speed.peakTflops(), 2));
        s.put("flops_per_token", speed.flopsPerToken());

        ArrayNode all = root.putArray("notes");
        for (Note note : notes) {
            ObjectNode n = all.addObject();
            n.put("severity", note.severity().name().toLowerCase(Locale.ROOT));
            n.put("code", note.code());
            n.put("message", english.note(note));
        }
        return root;
    }

    /** Indented JSON of one result. */
    public static String write(Estimate estimate, List<Note> readingNotes) {
        return SafeJson.pretty(toTree(estimate, readingNotes));
    }

    /** One-line JSON of one result (a JSON Lines record). */
    public static String writeLine(Estimate estimate, List<Note> readingNotes) {
        return SafeJson.compact(toTree(estimate, readingNotes));
    }

    /**
     * The spec's error record of a batch line: {@code {"name": …, "error": "<what is wrong, which key>"}}.
     *
     * @param name the line's {@code name} as written (any JSON value), or null when unknown
     */
    public static ObjectNode error(JsonNode name, String message) {
        ObjectNode root = SafeJson.nodes().objectNode();
        if (name == null || name.isMissingNode()) {
            root.putNull("name");
        } else {
            root.set("name", name);
        }
        root.put("error", message);
        return root;
    }

    /** Bytes to GiB rounded to 3 decimals (1 MiB). */
    public static double gib(long bytes) {
        return round(bytes / GIB, 3);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        // A double this large has no fraction left to round, and Math.round would saturate at 2^63 − 1 (a step of
        // 5.8e15 s written as 9.2e14).
        if (!Double.isFinite(value) || Math.abs(value * scale) >= 0x1p52) {
            return value;
        }
        return Math.round(value * scale) / scale;
    }
}
