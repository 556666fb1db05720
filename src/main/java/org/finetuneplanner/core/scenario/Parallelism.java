package org.finetuneplanner.core.scenario;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * How one model replica is split over GPUs (Megatron-style model parallelism); the data-parallel degree is what is
 * left of the job's GPUs: {@code gpu_count / (tensor · pipeline · context)}.
 *
 * @param tensor           TP: each block's linears split over this many GPUs of one node (Shoeybi et al. 2019)
 * @param pipeline         PP: the layers split into this many stages (Narayanan et al. 2021)
 * @param virtualStages    interleaved model chunks per pipeline rank (1 = plain 1F1B)
 * @param context          CP: the sequence split over this many GPUs, attention as a ring (Liu et al. 2023)
 * @param expert           EP: the routed experts of each MoE layer split over this many GPUs (Lepikhin et al. 2020)
 * @param sequenceParallel with TP, the norms, dropouts and residuals work on 1/TP of the tokens too (Korthikanti et
 *                         al. 2022 §4.2.2); ignored without TP
 */
public record Parallelism(int tensor, int pipeline, int virtualStages, int context, int expert,
                          boolean sequenceParallel) {

    /** No model parallelism: every GPU holds the whole model (data parallelism only). */
    public static final Parallelism NONE = new Parallelism(1, 1, 1, 1, 1, false);

    public Parallelism {
        Checks.range("hardware.tensor_parallel", tensor, 1, Limits.MAX_PARALLEL);
        Checks.range("hardware.pipeline_parallel", pipeline, 1, Limits.MAX_PARALLEL);
        Checks.range("hardware.virtual_pipeline_stages", virtualStages, 1, Limits.MAX_PARALLEL);
        Checks.range("hardware.context_parallel", context, 1, Limits.MAX_PARALLEL);
        Checks.range("hardware.expert_parallel", expert, 1, Limits.MAX_PARALLEL);
        if (virtualStages > 1 && pipeline == 1) {
            // Interleaving splits each pipeline rank's layers into chunks: there is nothing to interleave with one
            // stage (Megatron asserts pipeline_model_parallel_size > 1 for a virtual pipeline).
            throw new Violation("hardware.virtual_pipeline_stages", Constraint.ONLY_WITH_KEY_ABOVE_ONE, 1, 1,
                    virtualStages, "hardware.pipeline_parallel").exception();
        }
    }

    /** GPUs that hold one model replica between them: TP · PP · CP. */
    public long modelParallel() {
        return (long) tensor * pipeline * context;
    }

    /** Whether the model is split at all (any degree above 1). */
    public boolean isSplit() {
        return tensor > 1 || pipeline > 1 || context > 1 || expert > 1;
    }

    /** Sequence parallelism in effect: asked for, and tensor parallelism to go with it. */
    public boolean sequenceParallelActive() {
        return sequenceParallel && tensor > 1;
    }
}
