package org.finetuneplanner.service.persistence;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.service.io.Bounds;
import org.finetuneplanner.service.io.SafeJson;

/**
 * The JSON shape of a {@code finetune-plan/1} scenario, section by section and key by key (snake_case, enums by
 * their spec spelling). A null component is a key that is absent or JSON null; its default is applied by
 * {@link ScenarioReader}. Number ranges that do not depend on another key are {@link Bounds} checked while binding.
 * Every section keeps the keys this version does not know in {@code other} (warned about when read, kept when the
 * file is saved again).
 *
 * <p>Adding a key: a component here, its default and check in {@link ScenarioReader}, its value in
 * {@link #of(Scenario)}.
 */
record ScenarioDto(String format, String name, ModelDto model, MethodDto method, TrainingDto training,
                   HardwareDto hardware, DataDto data, CostDto cost,
                   @JsonInclude(JsonInclude.Include.NON_NULL) PlanDto plan,
                   @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {

    ScenarioDto {
        other = orEmpty(other);
    }

    /** Every key of the format written out for {@code s} (defaults included). */
    static ScenarioDto of(Scenario s) {
        ModelSpec m = s.model();
        ModelDto model = switch (m.origin()) {
            case PRESET -> new ModelDto(m.id(), null, null, null);
            case CONFIG -> new ModelDto(null, SafeJson.toTree(m.config()), null, null);
            case PARAMETERS -> new ModelDto(null, null, m.parameters().orElse(0), null);
        };
        MethodSpec me = s.method();
        MethodDto method = new MethodDto(me.type(), me.rank(), me.alpha(),
                sorted(me.targets()).stream().map(Identified::id).toList(), sorted(me.extraTrainable()),
                me.baseWeights(), me.doubleQuant(), null);
        TrainingSpec t = s.training();
        TrainingDto training = new TrainingDto(t.precision(), t.masterWeights(), t.optimizer(),
                t.optimizerInBackward(), t.microBatchSize(), t.sequenceLength(), t.gradientAccumulationSteps(),
                t.checkpointing(), t.attention(), t.loss(), t.compile(), t.framework(), null);
        HardwareSpec h = s.hardware();
        Parallelism p = h.parallel();
        HardwareDto hardware = new HardwareDto(h.gpu().id(), h.gpuCount(), boxed(h.gpuMemoryGib()), h.gpusPerNode(),
                h.sharding(), h.offload(), boxed(h.hostMemoryGib()), p.tensor(), p.pipeline(), p.virtualStages(),
                p.context(), p.expert(), p.sequenceParallel(), null);
        DataSpec d = s.data();
        DataDto data = new DataDto(d.tokens().isPresent() ? d.tokens().getAsLong() : null, d.epochs(), null);
        CostSpec c = s.cost();
        CostDto cost = new CostDto(boxed(c.usdPerGpuHour()), c.provider().orElse(null), boxed(c.mfu()), null);
        // The plan section is not part of a scenario: it is written only as the document held it.
        return new ScenarioDto(ScenarioJson.FORMAT, s.name(), model, method, training, hardware, data, cost, null,
                null);
    }

    /** The values in declaration order: the sets are unordered, and a saved file should not change between saves. */
    private static <E extends Enum<E>> List<E> sorted(Set<E> values) {
        return values.stream().sorted().toList();
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    static Map<String, JsonNode> orEmpty(Map<String, JsonNode> other) {
        return other == null ? Map.of() : other;
    }

    /** {@code model}: one of a catalog preset, a {@code config.json} object, a bare parameter count. */
    record ModelDto(String preset, JsonNode config,
                    @Bounds(min = Limits.MIN_PARAMETERS, max = Limits.MAX_PARAMETERS) Long parameters,
                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        static final ModelDto EMPTY = new ModelDto(null, null, null, null);

        ModelDto {
            other = orEmpty(other);
        }
    }

    /** {@code method}: what is trained. */
    record MethodDto(FineTuneMethod type,
                     @Bounds(min = 1, max = Limits.MAX_RANK) Integer rank,
                     @Bounds(min = 1, max = Limits.MAX_ALPHA) Integer alpha,
                     List<String> targets, List<ExtraTrainable> extraTrainable, WeightStorage baseWeights,
                     Boolean doubleQuant,
                     @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        static final MethodDto EMPTY = new MethodDto(null, null, null, null, null, null, null, null);

        MethodDto {
            other = orEmpty(other);
        }
    }

    /** {@code training}: how one step runs. */
    record TrainingDto(Precision precision, Boolean masterWeights, Optimizer optimizer, Boolean optimizerInBackward,
                       @Bounds(min = 1, max = Limits.MAX_MICRO_BATCH) Integer microBatchSize,
                       @Bounds(min = 1, max = Limits.MAX_SEQUENCE_LENGTH) Integer sequenceLength,
                       @Bounds(min = 1, max = Limits.MAX_ACCUMULATION) Integer gradientAccumulationSteps,
                       Checkpointing activationCheckpointing, Attention attention, Loss loss, Boolean compile,
                       Framework framework,
                       @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        static final TrainingDto EMPTY = new TrainingDto(null, null, null, null, null, null, null, null, null, null,
                null, null, null);

        TrainingDto {
            other = orEmpty(other);
        }
    }

    /**
     * {@code hardware}: the GPUs the job runs on. {@code host_memory_gib} has no binding bounds: the core's
     * {@code HardwareSpec} checks it (a typed violation naming the key).
     */
    record HardwareDto(String gpu,
                       @Bounds(min = 1, max = Limits.MAX_GPUS) Integer gpuCount,
                       @Bounds(min = 0, minExclusive = true) Double gpuMemoryGib,
                       @Bounds(min = 1, max = Limits.MAX_GPUS_PER_NODE) Integer gpusPerNode,
                       Sharding sharding, Offload offload, Double hostMemoryGib,
                       @Bounds(min = 1, max = Limits.MAX_PARALLEL) Integer tensorParallel,
                       @Bounds(min = 1, max = Limits.MAX_PARALLEL) Integer pipelineParallel,
                       @Bounds(min = 1, max = Limits.MAX_PARALLEL) Integer virtualPipelineStages,
                       @Bounds(min = 1, max = Limits.MAX_PARALLEL) Integer contextParallel,
                       @Bounds(min = 1, max = Limits.MAX_PARALLEL) Integer expertParallel,
                       Boolean sequenceParallel,
                       @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        static final HardwareDto EMPTY = new HardwareDto(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        HardwareDto {
            other = orEmpty(other);
        }
    }

    /** {@code data}: what the job sees. */
    record DataDto(@Bounds(min = 1, max = Limits.MAX_TOKENS) Long tokens,
                   @Bounds(min = 0, minExclusive = true, max = Limits.MAX_EPOCHS) Double epochs,
                   @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        static final DataDto EMPTY = new DataDto(null, null, null);

        DataDto {
            other = orEmpty(other);
        }
    }

    /**
     * {@code plan} ({@code advice-and-prices.md}): settings the planner must not change, the largest job it tries,
     * the GPUs it tries. Names, count and ids are checked by the reader and the core's {@code PlanSpec} (typed
     * violations naming the key).
     */
    record PlanDto(List<String> keep, Long maxGpus, List<String> gpus,
                   @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        static final PlanDto EMPTY = new PlanDto(null, null, null, null);

        PlanDto {
            other = orEmpty(other);
        }
    }

    /** {@code cost}: what the hardware costs and how well it is used. */
    record CostDto(@Bounds(min = 0, max = Limits.MAX_USD_PER_GPU_HOUR) Double usdPerGpuHour, String provider,
                   @Bounds(min = Limits.MIN_MFU, max = 1) Double mfu,
                   @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        static final CostDto EMPTY = new CostDto(null, null, null, null);

        CostDto {
            other = orEmpty(other);
        }
    }
}
