package org.finetuneplanner.reliability;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.ProductLimits;
import org.finetuneplanner.service.catalog.CatalogModel;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Scenario files whose values sit at, just inside and just outside every documented limit ({@link Limits}), and
 * whose products (micro-batch × sequence × vocabulary, layers × hidden², micro-batch × sequence × layers × width,
 * heads × sequence², the rank against the adapted layers, parameters, hours and dollars) land near theirs: a
 * config's layers are solved for a parameter count near 10^14, a micro-batch's sequence length for a product near
 * 2^48. Each part is at an edge about half the time and ordinary otherwise, so that many files are accepted and
 * the edges of the accepted ones are reached too. Drawn from a {@link Random}, so a property's seed replays a case.
 */
final class NearLimits {

    private static final ScenarioJson JSON = ScenarioJson.standard();
    private static final Catalogs CATALOGS = JSON.catalogs();
    private static final List<String> PRESETS = CATALOGS.models().stream().map(CatalogModel::id).toList();
    private static final List<GpuSpec> GPUS = CATALOGS.gpus();
    private static final String[] METHODS = {"full", "lora", "qlora"};
    private static final String[] PRECISIONS = {"fp32", "fp16", "bf16", "fp8"};
    private static final String[] CHECKPOINTING = {"none", "full", "offload"};
    private static final String[] SHARDING = {"none", "ddp", "zero1", "zero2", "zero3", "fsdp", "fsdp_grad_op"};
    private static final String[] OFFLOAD = {"none", "optimizer", "optimizer_and_params"};
    private static final String[] OPTIMIZERS = {"adamw", "adamw_8bit", "paged_adamw_32bit", "sgd", "adafactor"};

    private NearLimits() {
    }

    /** One scenario file near the limits. */
    static String scenario(Random r) {
        String model = model(r);
        Optional<Architecture> a = architecture(model);
        String method = pick(r, METHODS);
        boolean eager = r.nextInt(4) == 0;
        List<String> parts = new ArrayList<>();
        parts.add("\"model\": " + model);
        parts.add("\"method\": {\"type\": \"" + method + "\", \"rank\": " + rank(r, a) + "}");
        parts.add("\"training\": " + training(r, a, eager));
        parts.add("\"hardware\": " + hardware(r));
        parts.add("\"data\": " + data(r));
        parts.add("\"cost\": " + cost(r));
        return "{" + String.join(", ", parts) + "}";
    }

    /** A whole number at, beside or below {@code limit}, or small: what a hostile user would type. */
    static long near(Random r, long limit) {
        return switch (r.nextInt(8)) {
            case 0 -> 1;
            case 1 -> 2;
            case 2 -> limit - 1;
            case 3 -> limit + 1;
            case 4 -> limit / 2;
            case 5 -> 1 + (long) (r.nextDouble() * limit);
            default -> limit;
        };
    }

    /** A product target near the limit: exactly it, one either side, or a little off. */
    private static double target(Random r, long limit) {
        return switch (r.nextInt(5)) {
            case 0 -> limit - 1;
            case 1 -> limit + 1;
            case 2 -> limit * (1 - 1e-6);
            case 3 -> limit * (1 + 1e-3);
            default -> limit;
        };
    }

    private static String model(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "{\"parameters\": " + (r.nextBoolean() ? near(r, Limits.MAX_PARAMETERS)
                    : near(r, Limits.MIN_PARAMETERS)) + "}";
            case 1 -> "{\"config\": " + configAtKeyLimits(r) + "}";
            case 2, 3 -> "{\"config\": " + configNearParameterLimit(r) + "}";
            default -> "{\"preset\": \"" + PRESETS.get(r.nextInt(PRESETS.size())) + "\"}";
        };
    }

    /** Every key near its own limit (most such configs are refused for their products). */
    private static String configAtKeyLimits(Random r) {
        long hidden = near(r, Limits.MAX_HIDDEN_SIZE);
        long heads = Math.max(1, Math.min(near(r, Limits.MAX_HEADS), hidden));
        long headDim = Math.max(1, near(r, Limits.MAX_ATTENTION_WIDTH) / heads);
        String moe = r.nextInt(3) == 0 ? ", \"num_local_experts\": " + near(r, Limits.MAX_EXPERTS)
                + ", \"num_experts_per_tok\": " + near(r, 64) + ", \"moe_intermediate_size\": "
                + near(r, Limits.MAX_INTERMEDIATE_SIZE) : "";
        return String.format(Locale.ROOT, "{\"hidden_size\": %d, \"num_hidden_layers\": %d, \"num_attention_heads\": "
                        + "%d, \"head_dim\": %d, \"intermediate_size\": %d, \"vocab_size\": %d%s}", hidden,
                near(r, Limits.MAX_LAYERS), heads, headDim, near(r, Limits.MAX_INTERMEDIATE_SIZE),
                near(r, Limits.MAX_VOCAB), moe);
    }

    /**
     * A Llama-shaped config whose layer count is solved for a parameter count near 10^14: per layer 4h² + 3hI + 2h
     * (attention with as many KV heads as heads, gated MLP, two norms), plus 2Vh + h outside the layers.
     */
    private static String configNearParameterLimit(Random r) {
        long hidden = 128L << r.nextInt(10);
        long intermediate = hidden * (1 + r.nextInt(4));
        long vocab = 32_000 + r.nextInt(200_000);
        double perLayer = 4.0 * hidden * hidden + 3.0 * hidden * intermediate + 2.0 * hidden;
        double layers = (target(r, Limits.MAX_PARAMETERS) - 2.0 * vocab * hidden - hidden) / perLayer;
        long l = Math.max(1, Math.min(Limits.MAX_LAYERS, (long) Math.floor(layers) + r.nextInt(3) - 1));
        return String.format(Locale.ROOT, "{\"hidden_size\": %d, \"num_hidden_layers\": %d, \"num_attention_heads\": "
                + "%d, \"intermediate_size\": %d, \"vocab_size\": %d}", hidden, l, hidden / 128, intermediate, vocab);
    }

    /** The model's architecture, when the model alone is accepted. */
    private static Optional<Architecture> architecture(String model) {
        try {
            return Optional.of(JSON.read("{\"model\": " + model + ", \"hardware\": {\"gpu\": \"t4-16gb\"}}").model()
                    .architecture());
        } catch (ScenarioException e) {
            return Optional.empty();
        }
    }

    /** A rank near the smallest adapted dimension of all-linear, or near its own limit. */
    private static long rank(Random r, Optional<Architecture> a) {
        if (r.nextBoolean()) {
            return 16;
        }
        if (a.isPresent() && r.nextBoolean()) {
            long smallest = ProductLimits.smallestAdapted(a.get(), EnumSet.range(LoraTarget.Q, LoraTarget.DOWN))
                    .size();
            return Math.max(1, smallest + r.nextInt(3) - 1);
        }
        return near(r, Limits.MAX_RANK);
    }

    /**
     * Micro-batch and sequence: near their own limits, or the sequence solved so that one of the micro-batch's
     * products (logits b·s·V, block inputs and MLP b·s·L·h and b·s·L·I, eager scores b·a·s²·L) lands near 2^48.
     */
    private static String training(Random r, Optional<Architecture> a, boolean eager) {
        boolean edges = r.nextInt(4) == 0;
        long b = edges && r.nextBoolean() ? near(r, Limits.MAX_MICRO_BATCH) : 1 + r.nextInt(64);
        long s = edges ? near(r, Limits.MAX_SEQUENCE_LENGTH) : 2048;
        if (a.isPresent() && r.nextInt(4) > 0) {
            Architecture x = a.get();
            double goal = target(r, Limits.MAX_MICRO_BATCH_ELEMENTS);
            double perToken = switch (r.nextInt(3)) {
                case 0 -> x.vocabSize();
                case 1 -> (double) x.numLayers() * x.hiddenSize();
                default -> (double) x.numLayers() * x.intermediateSize();
            };
            double perSequence = eager ? (double) x.numHeads() * x.numLayers() : perToken;
            s = eager ? (long) Math.sqrt(goal / (b * perSequence)) : (long) (goal / (b * perSequence));
            if (s > Limits.MAX_SEQUENCE_LENGTH) {
                // Too long for one sequence: a shorter one, and the micro-batch solved for the product instead.
                s = 1 + r.nextInt(Limits.MAX_SEQUENCE_LENGTH);
                b = Math.min(Limits.MAX_MICRO_BATCH + 1L, Math.max(1,
                        Math.round(goal / (eager ? (double) s * s * perSequence : s * perSequence))));
            }
            s = Math.max(1, s);
        }
        return String.format(Locale.ROOT, "{\"micro_batch_size\": %d, \"sequence_length\": %d, "
                        + "\"gradient_accumulation_steps\": %d, \"precision\": \"%s\", \"optimizer\": \"%s\", "
                        + "\"activation_checkpointing\": \"%s\", \"attention\": \"%s\"}", b, s,
                edges ? near(r, Limits.MAX_ACCUMULATION) : 1 + r.nextInt(8), pick(r, PRECISIONS), pick(r, OPTIMIZERS),
                pick(r, CHECKPOINTING), eager ? "eager" : "flash");
    }

    private static String hardware(Random r) {
        GpuSpec gpu = GPUS.get(r.nextInt(GPUS.size()));
        boolean edges = r.nextInt(4) == 0;
        long count = edges ? near(r, Limits.MAX_GPUS) : 1L << r.nextInt(7);
        long perNode = edges && r.nextBoolean() ? near(r, Limits.MAX_GPUS_PER_NODE) : Math.min(count, 8);
        String budget = r.nextInt(4) == 0 ? ", \"gpu_memory_gib\": " + gpu.usableMemoryGib() : "";
        return String.format(Locale.ROOT, "{\"gpu\": \"%s\", \"gpu_count\": %d, \"gpus_per_node\": %d, "
                        + "\"sharding\": \"%s\", \"offload\": \"%s\"%s}", gpu.id(), count, perNode, pick(r, SHARDING),
                pick(r, OFFLOAD), budget);
    }

    private static String data(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return "{}";
            case 1:
                return "{\"tokens\": " + (1L << (20 + r.nextInt(30))) + "}";
            default:
                break;
        }
        double epochs = switch (r.nextInt(4)) {
            case 0 -> Limits.MAX_EPOCHS;
            case 1 -> Math.nextUp(Limits.MAX_EPOCHS);
            case 2 -> Double.MIN_VALUE;
            default -> 1;
        };
        return "{\"tokens\": " + near(r, Limits.MAX_TOKENS) + ", \"epochs\": " + epochs + "}";
    }

    private static String cost(Random r) {
        if (r.nextBoolean()) {
            return "{}";
        }
        double mfu = switch (r.nextInt(5)) {
            case 0 -> Limits.MIN_MFU;
            case 1 -> Math.nextDown(Limits.MIN_MFU);
            case 2 -> 1e-300;
            case 3 -> 1;
            default -> Double.NaN;
        };
        double price = switch (r.nextInt(4)) {
            case 0 -> Limits.MAX_USD_PER_GPU_HOUR;
            case 1 -> Math.nextUp(Limits.MAX_USD_PER_GPU_HOUR);
            case 2 -> 0;
            default -> Double.NaN;
        };
        return "{" + (Double.isNaN(mfu) ? "" : "\"mfu\": " + mfu) + (Double.isNaN(mfu) || Double.isNaN(price) ? ""
                : ", ") + (Double.isNaN(price) ? "" : "\"usd_per_gpu_hour\": " + price) + "}";
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
