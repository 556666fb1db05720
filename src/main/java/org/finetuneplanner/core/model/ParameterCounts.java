package org.finetuneplanner.core.model;

/**
 * Parameter counts of a model under a fine-tuning method.
 *
 * @param total     every parameter, base plus adapters (unique storage: tied weights once)
 * @param trainable parameters that receive gradients (all for full fine-tuning; adapters plus extras otherwise)
 * @param active    parameters a token passes through in a forward (MoE: top-k experts only; = base total for dense)
 * @param linear    base parameters inside decoder-block linear layers (what NF4/int8 quantises)
 * @param embedding embedding rows plus an untied LM head
 * @param other     norms, biases and position embeddings outside the linear layers
 * @param adapter   LoRA adapter parameters
 */
public record ParameterCounts(long total, long trainable, long active, long linear, long embedding, long other,
                              long adapter) {

    /** Base-model parameters (everything but adapters). */
    public long base() {
        return total - adapter;
    }

    /** Parameters that receive no gradient. */
    public long frozen() {
        return total - trainable;
    }
}
