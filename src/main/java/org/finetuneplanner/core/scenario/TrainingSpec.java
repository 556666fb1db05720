package org.finetuneplanner.core.scenario;

import java.util.Objects;

/**
 * How one training step runs. Defaults follow the scenario format (spec section "Scenario").
 *
 * @param precision                 compute precision of the matmuls
 * @param masterWeights             fp32 master copy of trainable weights beside the compute copy (AMP)
 * @param optimizer                 optimizer
 * @param optimizerInBackward       optimizer step fused into backward (gradients freed per parameter)
 * @param microBatchSize            sequences per GPU per step (≥ 1)
 * @param sequenceLength            tokens per sequence (≥ 1)
 * @param gradientAccumulationSteps micro-batches per optimizer step (≥ 1)
 * @param checkpointing             activation checkpointing
 * @param attention                 attention kernel
 * @param loss                      cross-entropy implementation
 * @param compile                   {@code torch.compile}
 * @param framework                 framework profile
 */
public record TrainingSpec(Precision precision, boolean masterWeights, Optimizer optimizer,
                           boolean optimizerInBackward, int microBatchSize, int sequenceLength,
                           int gradientAccumulationSteps, Checkpointing checkpointing, Attention attention,
                           Loss loss, boolean compile, Framework framework) {

    public TrainingSpec {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(checkpointing, "checkpointing");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(framework, "framework");
        Checks.range("training.micro_batch_size", microBatchSize, 1, Limits.MAX_MICRO_BATCH);
        Checks.range("training.sequence_length", sequenceLength, 1, Limits.MAX_SEQUENCE_LENGTH);
        Checks.range("training.gradient_accumulation_steps", gradientAccumulationSteps, 1, Limits.MAX_ACCUMULATION);
    }

    /** The spec's defaults: bf16, AdamW, batch 1, 2048 tokens, no checkpointing, flash attention. */
    public static TrainingSpec defaults(boolean masterWeights) {
        return new TrainingSpec(Precision.BF16, masterWeights, Optimizer.ADAMW, false, 1, 2048, 1,
                Checkpointing.NONE, Attention.FLASH, Loss.STANDARD, false, Framework.GENERIC);
    }

    /** Tokens one GPU processes per micro-step: b·s. */
    public long tokensPerMicroBatch() {
        return (long) microBatchSize * sequenceLength;
    }

    public TrainingSpec withMicroBatchSize(int value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, value, sequenceLength,
                gradientAccumulationSteps, checkpointing, attention, loss, compile, framework);
    }

    public TrainingSpec withSequenceLength(int value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, microBatchSize, value,
                gradientAccumulationSteps, checkpointing, attention, loss, compile, framework);
    }

    public TrainingSpec withPrecision(Precision value) {
        return new TrainingSpec(value, masterWeights, optimizer, optimizerInBackward, microBatchSize, sequenceLength,
                gradientAccumulationSteps, checkpointing, attention, loss, compile, framework);
    }

    public TrainingSpec withMasterWeights(boolean value) {
        return new TrainingSpec(precision, value, optimizer, optimizerInBackward, microBatchSize, sequenceLength,
                gradientAccumulationSteps, checkpointing, attention, loss, compile, framework);
    }

    public TrainingSpec withOptimizer(Optimizer value) {
        return new TrainingSpec(precision, masterWeights, value, optimizerInBackward, microBatchSize, sequenceLength,
                gradientAccumulationSteps, checkpointing, attention, loss, compile, framework);
    }

    public TrainingSpec withCheckpointing(Checkpointing value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, microBatchSize,
                sequenceLength, gradientAccumulationSteps, value, attention, loss, compile, framework);
    }

    public TrainingSpec withAttention(Attention value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, microBatchSize,
                sequenceLength, gradientAccumulationSteps, checkpointing, value, loss, compile, framework);
    }

    public TrainingSpec withLoss(Loss value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, microBatchSize,
                sequenceLength, gradientAccumulationSteps, checkpointing, attention, value, compile, framework);
    }

    public TrainingSpec withFramework(Framework value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, microBatchSize,
                sequenceLength, gradientAccumulationSteps, checkpointing, attention, loss, compile, value);
    }

    public TrainingSpec withGradientAccumulationSteps(int value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, microBatchSize,
                sequenceLength, value, checkpointing, attention, loss, compile, framework);
    }

    public TrainingSpec withOptimizerInBackward(boolean value) {
        return new TrainingSpec(precision, masterWeights, optimizer, value, microBatchSize, sequenceLength,
                gradientAccumulationSteps, checkpointing, attention, loss, compile, framework);
    }

    public TrainingSpec withCompile(boolean value) {
        return new TrainingSpec(precision, masterWeights, optimizer, optimizerInBackward, microBatchSize,
                sequenceLength, gradientAccumulationSteps, checkpointing, attention, loss, value, framework);
    }
}
