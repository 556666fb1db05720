package org.finetuneplanner.service.persistence;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.Rental;
import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;

/**
 * The {@code plan --json} object: the scenario format's "Other commands" section with the additions of
 * {@code advice-and-prices.md} ("The planner's advice"). Per option: {@code gpu, gpu_count, sharding, offload,
 * status, fits, headroom_gib, adjustments [{key, from, to}], memory_gib} (the result's, with {@code range}),
 * {@code gpu_memory_gib, host_memory_gib, tokens_per_second, hours, range_hours, usd_per_gpu_hour, usd, range_usd,
 * provider, caveats [{id, text, sources}]}. Added keys: {@code price_seen}, {@code price_origin},
 * {@code rented_gpus}, the option's {@code micro_batch_size}, {@code gradient_accumulation_steps},
 * {@code activation_checkpointing}, {@code loss} and {@code sequences_per_step}, {@code max_micro_batch_size} and
 * {@code max_sequence_length} (the largest that keep the status; null for {@code no}), {@code reason} (the reasons
 * in one English text), {@code reasons} ({@code [{kind, text}]}) and {@code warnings}. An option whose status is
 * {@code no} has null speed, hours, price and cost. Top level: {@code cheapest}, {@code fastest} and
 * {@code only_tight} (the recommendation is tight: nothing fits with margin). Unknown values are JSON null; text
 * is English.
 */
public final class PlanJson {

    private static final CostProjector PRICES = new CostProjector();

    private PlanJson() {
    }

    /** The plan as a JSON tree. */
    public static ObjectNode toTree(Plan plan) {
        ObjectNode root = SafeJson.nodes().objectNode();
        root.put("name", plan.name());
        ArrayNode options = root.putArray("options");
        for (PlanOption option : plan.options()) {
            options.add(option(option));
        }
        putText(root, "cheapest", plan.cheapest());
        putText(root, "fastest", plan.fastest());
        root.put("only_tight", plan.onlyTight());
        return root;
    }

    /** Indented JSON of the plan. */
    public static String write(Plan plan) {
        return SafeJson.pretty(toTree(plan));
    }

    private static ObjectNode option(PlanOption option) {
        Estimate e = option.estimate();
        HardwareSpec hw = e.scenario().hardware();
        TrainingSpec t = e.scenario().training();
        ObjectNode result = ResultJson.toTree(e, java.util.List.of(), option.ranges());
        ObjectNode o = SafeJson.nodes().objectNode();
        o.put("gpu", option.gpu().id());
        o.put("gpu_count", hw.gpuCount());
        o.put("sharding", hw.sharding().id());
        o.put("offload", hw.offload().id());
        o.put("status", option.status().id());
        o.put("fits", option.fits());
        o.put("headroom_gib", ResultJson.gib(e.memory().headroomBytes()));
        ArrayNode adjustments = o.putArray("adjustments");
        for (Adjustment a : option.adjustments()) {
            ObjectNode adj = adjustments.addObject();
            adj.put("key", a.key());
            value(adj, "from", a.from());
            value(adj, "to", a.to());
        }
        o.put("micro_batch_size", t.microBatchSize());
        o.put("gradient_accumulation_steps", t.gradientAccumulationSteps());
        o.put("activation_checkpointing", t.checkpointing().id());
        o.put("loss", t.loss().id());
        o.put("sequences_per_step", option.sequencesPerStep());
        o.set("memory_gib", result.get("memory_gib"));
        o.put("gpu_memory_gib", ResultJson.gib(e.memory().capacityBytes()));
        o.put("host_memory_gib", ResultJson.gib(option.hostBytes()));
        if (option.fits()) {
            o.put("tokens_per_second", Math.round(option.tokensPerSecond().orElse(0) * 10) / 10.0);
        } else {
            o.putNull("tokens_per_second");
        }
        if (option.hours().isPresent()) {
            o.put("hours", Math.round(option.hours().getAsDouble() * 1000) / 1000.0);
        } else {
            o.putNull("hours");
        }
        o.set("range_hours", option.ranges().hours().map(r -> (Object) ResultJson.range(r, 3))
                .map(ObjectNode.class::cast).orElse(null));
        price(o, option);
        o.set("range_usd", option.ranges().usd().map(r -> ResultJson.range(r, 2)).orElse(null));
        if (option.fits()) {
            o.put("max_micro_batch_size", option.largestMicroBatch());
            o.put("max_sequence_length", option.largestSequenceLength());
        } else {
            o.putNull("max_micro_batch_size");
            o.putNull("max_sequence_length");
        }
        ResultJson.caveats(o.putArray("caveats"), option.caveats());
        Words english = Words.english();
        o.put("reason", english.reasons(option.reasons()));
        ArrayNode reasons = o.putArray("reasons");
        for (PlanReason r : option.reasons()) {
            ObjectNode reason = reasons.addObject();
            reason.put("kind", r.getClass().getSimpleName());
            reason.put("text", english.reason(r));
        }
        ArrayNode warnings = o.putArray("warnings");
        e.notes().stream().filter(n -> n.severity() == Note.Severity.WARNING).map(english::note).distinct()
                .forEach(warnings::add);
        return o;
    }

    /** The price and cost of an option that fits; nulls for one that does not (it is never priced). */
    private static void price(ObjectNode o, PlanOption option) {
        Optional<CostEstimate> cost = option.cost();
        if (cost.isPresent()) {
            CostEstimate c = cost.get();
            o.put("usd_per_gpu_hour", Math.round(c.usdPerGpuHour() * 10000) / 10000.0);
            o.put("usd", Math.round(c.usd() * 100) / 100.0);
            o.put("provider", c.provider());
            o.put("price_seen", c.priceSeen());
            o.put("price_origin", c.origin().name().toLowerCase(Locale.ROOT));
            o.put("rented_gpus", c.rentedGpus());
            return;
        }
        // No data size, so no total; the price per GPU-hour is still shown for an option that fits.
        Optional<Rental> rental = option.fits() ? PRICES.rental(option.estimate().scenario()) : Optional.empty();
        if (rental.isPresent()) {
            Rental r = rental.get();
            o.put("usd_per_gpu_hour", Math.round(r.usdPerGpuHour() * (1 - PRICES.assumptions().discount()) * 10000)
                    / 10000.0);
            o.putNull("usd");
            o.put("provider", r.provider());
            o.put("price_seen", r.seen());
            o.put("price_origin", r.origin().name().toLowerCase(Locale.ROOT));
            o.put("rented_gpus", r.gpus());
        } else {
            for (String key : new String[] {"usd_per_gpu_hour", "usd", "provider", "price_seen", "price_origin",
                    "rented_gpus"}) {
                o.putNull(key);
            }
        }
    }

    /** A count as a number, a choice by its id. */
    private static void value(ObjectNode o, String key, Object value) {
        if (value instanceof Integer i) {
            o.put(key, i);
        } else if (value instanceof Identified id) {
            o.put(key, id.id());
        } else {
            o.put(key, String.valueOf(value));
        }
    }

    private static void putText(ObjectNode o, String key, Optional<String> value) {
        if (value.isPresent()) {
            o.put(key, value.get());
        } else {
            o.putNull(key);
        }
    }
}
