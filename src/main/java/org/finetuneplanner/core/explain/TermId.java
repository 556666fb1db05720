package org.finetuneplanner.core.explain;

/**
 * Every kind of explained term, one constant per formula that reads differently. Memory terms belong to one
 * {@code MemoryComponent}, time terms to one {@code TimeTerm.Part}, as noted; the text layer holds each one's title,
 * formula and numbers ({@code term.<CONSTANT>.*}).
 */
public enum TermId {
    // ---- memory: weights
    /** Full fine-tuning: every weight in its trained precision, over the parameter shards. */
    MODEL_WEIGHTS,
    /** A framework that materialises the whole model on every FSDP rank. */
    UNSHARDED_MODEL,
    /** Frozen linear weights stored in 8 bits or more (subject: the storage). */
    FROZEN_LINEAR,
    /** Frozen linear weights stored quantised (subject: the storage). */
    FROZEN_LINEAR_QUANTIZED,
    /** Embeddings, LM head and norms beside frozen linears. */
    EMBED_HEAD_NORMS,
    /** The same, cast to fp32 for k-bit training. */
    EMBED_HEAD_NORMS_FP32,
    /** Adapters and extra trainable modules. */
    ADAPTERS,
    /** One linear dequantised to 16 bit at a time. */
    DEQUANTIZED_COPY,
    /** Parameters offloaded to the host (0 on the GPU). */
    PARAMS_OFFLOADED,
    /** Autocast's 16-bit copies of fp32 weights, alive through backward. */
    AUTOCAST_COPIES,

    // ---- memory: optimizer
    /** Two moments per parameter (AdamW; subject: the optimizer). */
    OPTIMIZER_STATES_TWO_MOMENTS,
    /** Two 8-bit moments with block scales (subject: the optimizer). */
    OPTIMIZER_STATES_8BIT,
    /** One moment per parameter (SGD with momentum, Lion; subject: the optimizer). */
    OPTIMIZER_STATES_ONE_MOMENT,
    /** Adafactor's factored second moment (subject: the optimizer). */
    OPTIMIZER_STATES_FACTORED,
    /** Paged 32-bit states in unified memory (0 on the allocator's books). */
    OPTIMIZER_PAGED_TWO_MOMENTS,
    /** Paged 8-bit states in unified memory. */
    OPTIMIZER_PAGED_8BIT,
    /** States offloaded to the host: two moments. */
    OPTIMIZER_OFFLOADED_TWO_MOMENTS,
    /** States offloaded to the host: two 8-bit moments. */
    OPTIMIZER_OFFLOADED_8BIT,
    /** States offloaded to the host: an optimizer without state. */
    OPTIMIZER_OFFLOADED_NO_STATE,
    /** States offloaded to the host: one moment. */
    OPTIMIZER_OFFLOADED_ONE_MOMENT,
    /** States offloaded to the host: a factored second moment. */
    OPTIMIZER_OFFLOADED_FACTORED,
    /** The fp32 master copy of a separate-master framework. */
    MASTER_WEIGHTS,

    // ---- memory: gradients
    /** Gradients of the trainable parameters over the gradient shards. */
    GRADIENTS,
    /** The same, held across accumulation steps while the next micro-batch runs. */
    GRADIENTS_ACCUMULATED,
    /** Optimizer in backward: only the largest parameter's gradient at once. */
    GRADIENTS_IN_BACKWARD,

    // ---- memory: buffers
    /** DDP's gradient buckets. */
    DDP_BUCKETS,
    /** DeepSpeed's reduce and all-gather buckets. */
    ZERO_BUCKETS,
    /** A multi-tensor (foreach) update's temporary. */
    STEP_TEMPORARIES_FOREACH,
    /** A per-parameter update's temporaries. */
    STEP_TEMPORARIES_PER_TENSOR,
    /** Sharded parameters gathered a block at a time, and their gradients reduced. */
    GATHER_BUFFERS,
    /** Sharded gradients reduced a block at a time. */
    REDUCE_BUFFERS,

    // ---- memory: activations
    /** Every block's saved tensors. */
    ACTIVATIONS_SAVED,
    /** The first block's saved tensors, at the end of the backward. */
    ACTIVATIONS_FIRST_BLOCK,
    /** Activation gradients of a block's backward. */
    BACKWARD_TEMPORARIES,
    /** Full checkpointing: each block's input. */
    CHECKPOINTED_INPUTS,
    /** Offloaded checkpointing: two block inputs in flight. */
    OFFLOADED_INPUTS,
    /** One block recomputed in backward. */
    RECOMPUTED_BLOCK,
    /** Selective recompute: every block's saved tensors except the attention core's. */
    ACTIVATIONS_SELECTIVE,
    /** Pipeline parallelism: the saved tensors of the micro-batches in flight on the most loaded stage. */
    ACTIVATIONS_IN_FLIGHT,
    /** Context parallelism: the K/V chunks a ring-attention step holds in flight. */
    RING_BUFFERS,
    /** Expert parallelism: the all-to-all dispatch and combine buffers of one MoE layer. */
    DISPATCH_BUFFERS,

    // ---- memory: logits
    /** Standard cross-entropy with an fp32 upcast. */
    LOGITS_STANDARD,
    /** Chunked cross-entropy. */
    LOGITS_CHUNKED,
    /** Compiled cross-entropy. */
    LOGITS_COMPILED,
    /** Compiled chunked cross-entropy. */
    LOGITS_COMPILED_CHUNKED,
    /** A fused cross-entropy kernel. */
    LOGITS_FUSED,
    /** Fused linear cross-entropy: one chunk of logits, the hidden-state gradient and a loss per token. */
    LOGITS_FUSED_LINEAR,
    /** Vocabulary-parallel cross-entropy: the logits and their fp32 softmax over the TP shard of the vocabulary. */
    LOGITS_VOCAB_PARALLEL,
    /** Cross-entropy on 16-bit logits without an upcast. */
    LOGITS_NO_UPCAST,

    // ---- memory: allocator, context
    /** The caching allocator's fragments. */
    ALLOCATOR,
    /** CUDA context and kernels. */
    CUDA_CONTEXT,
    /** NCCL communicators (multi-GPU). */
    NCCL,

    // ---- time
    /** Forward and backward FLOPs at the assumed utilisation (compute). */
    COMPUTE_FLOPS,
    /** Forward, backward and recompute FLOPs (compute). */
    COMPUTE_FLOPS_RECOMPUTE,
    /** Forward, backward and the attention core's recompute (compute). */
    COMPUTE_FLOPS_SELECTIVE,
    /** Routed experts' small GEMMs (compute). */
    MOE_SMALL_GEMMS,
    /** Memory-bound element-wise kernels (compute). */
    ELEMENTWISE,
    /** Dequantising quantised base weights (dequantize; subject: the storage). */
    DEQUANTIZATION,
    /** The optimizer update on the GPU (optimizer; subject: the optimizer). */
    OPTIMIZER_UPDATE,
    /** The CPU optimizer step and its copies (optimizer). */
    CPU_OPTIMIZER_STEP,
    /** Paged optimizer states paged in and out (offload). */
    PAGED_TRAFFIC,
    /** Collectives not hidden behind compute (communication; subject: the sharding). */
    COMMUNICATION,
    /** Host copies not hidden behind compute (offload). */
    OFFLOAD_TRAFFIC,
    /** Tensor-parallel all-gathers and reduce-scatters (or all-reduces) not hidden (communication). */
    TENSOR_PARALLEL_COMMUNICATION,
    /** Ring attention's K/V exchange not hidden behind the attention (communication). */
    CONTEXT_PARALLEL_COMMUNICATION,
    /** Expert parallelism's all-to-all dispatch and combine (communication). */
    EXPERT_PARALLEL_COMMUNICATION,
    /** Activations and their gradients sent between pipeline stages, not hidden (communication). */
    PIPELINE_TRANSFERS,
    /** The pipeline's fill and drain: stages idle (bubble). */
    PIPELINE_BUBBLE,

    // ---- the utilisation assumed
    /** The default utilisation of the matmuls. */
    UTILISATION_DEFAULT,
    /** The utilisation given in the scenario. */
    UTILISATION_SCENARIO
}
