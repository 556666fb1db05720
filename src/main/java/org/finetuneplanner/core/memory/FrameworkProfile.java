package org.finetuneplanner.core.memory;

import java.util.Objects;

import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.scenario.Framework;

/**
 * The memory habits of one training stack that move real peaks, each with its source. A profile never holds a
 * per-model number: only what the framework's code does to every model.
 *
 * @param framework          the stack
 * @param normUpcast         RMSNorm/LayerNorm computes in fp32 and keeps the fp32 copy of its input for backward
 *                           (transformers {@code LlamaRMSNorm}, LitGPT {@code RMSNorm}, torchtune {@code RMSNorm})
 * @param expandsKvHeads     grouped-query K and V are repeated to every query head before attention and saved so
 *                           (transformers {@code repeat_kv} on the SDPA path with a padding mask, torchtune
 *                           {@code k.expand}, LitGPT 2023 {@code k.expand}); a native GQA kernel does not
 * @param loraDropout        adapters apply dropout to their input (a saved mask and output per adapted module)
 * @param adapterFp32        adapter weights are kept in fp32 beside a 16-bit base (PEFT
 *                           {@code autocast_adapter_dtype=True}); the input is cast to fp32 and saved
 * @param kbitUpcast         QLoRA: every non-quantised parameter is cast to fp32 (PEFT
 *                           {@code prepare_model_for_kbit_training})
 * @param logitsUpcastInModel the model returns fp32 logits (torchtune 2024 {@code self.output(h).float()}; Lightning
 *                           Fabric's true-half, mixed and bitsandbytes precision plugins cast a module's outputs to
 *                           the default dtype, fp32, in {@code convert_output}, so LitGPT's logits come back fp32)
 * @param lossInComputeDtype cross-entropy runs on the logits as the model returns them, without a further upcast
 *                           and in row chunks (LitGPT {@code chunked_cross_entropy}): the kept logits and a
 *                           log-softmax of the same width
 * @param fusedLoss          cross-entropy is a fused kernel that keeps only the logits and a log-sum-exp
 *                           (Unsloth {@code fast_cross_entropy_loss})
 * @param offloadCheckpoints full checkpointing keeps its block inputs in host memory (Unsloth
 *                           {@code use_gradient_checkpointing="unsloth"})
 * @param separateMaster     mixed precision keeps 16-bit parameters and a separate fp32 master copy in the
 *                           optimizer, 16-bit and fp32 gradient buffers (DeepSpeed {@code stage_1_and_2.py}); else
 *                           torch AMP: fp32 parameters with autocast 16-bit copies during forward and backward
 * @param foreachOptimizer   AdamW runs as a multi-tensor ({@code foreach}) update that allocates one temporary
 *                           of the size of a moment ({@code torch._foreach_sqrt(exp_avg_sqs)}); else fused or
 *                           per-parameter (one tensor's worth)
 * @param fsdpFullStateLoad  multi-GPU FSDP materialises the whole model on every rank and loads a full checkpoint
 *                           into it: the unsharded weights stay beside the shards (LitGPT 2023: per-GPU memory on
 *                           2×A100 FSDP is no lower than on one GPU in its resource tables)
 * @param commBucketElements DeepSpeed ZeRO reduce and all-gather bucket size (elements), 0 for none
 * @param fusedQkv           q, k and v are one fused projection, so adapters on them share one input dropout
 *                           (LitGPT {@code CausalSelfAttention.attn}, {@code LoRAQKVLinear})
 * @param quantizedKeepsInputs the 4/8-bit matmul keeps its input for backward even though the weight is frozen
 *                           (bitsandbytes {@code MatMul4Bit}: {@code ctx.tensors = (A, B)}); torchao's NF4 linear
 *                           (torchtune) and Unsloth's LoRA kernels keep only what the adapters need
 * @param shardsEmbeddings   under FSDP the token embedding and the output projection are FSDP units of their own,
 *                           gathered only while used, instead of staying gathered in the root unit (torchtune
 *                           configs' {@code custom_sharded_layers: ['tok_embeddings', 'output']})
 * @param doubleQuantByDefault NF4 base weights are double-quantised unless the scenario says otherwise; false where
 *                           the loader's default is off (transformers {@code BitsAndBytesConfig
 *                           .bnb_4bit_use_double_quant=False})
 * @param fusedKernels       the framework's own kernels fuse norms, RoPE and the gated activation as
 *                           {@code torch.compile} does: a norm keeps its 16-bit input, SwiGLU keeps gate and up only,
 *                           and a third of the element-wise traffic remains (Transformer Engine fused
 *                           RMSNorm/SwiGLU/RoPE; Unsloth's Triton kernels)
 * @param vocabParallelLoss  cross-entropy upcasts the logits to fp32, keeps that softmax for backward and writes the
 *                           gradient in place (Megatron-core {@code VocabParallelCrossEntropy}): logits + 4 B per
 *                           logit, over the tensor-parallel vocabulary shard
 * @param mainGradsFp32      mixed precision accumulates and reduces gradients only in an fp32 main-grad buffer
 *                           (Megatron {@code accumulate_allreduce_grads_in_fp32}, forced for bf16): 4 B per trainable
 *                           parameter, no 16-bit gradient beside it
 * @param distributedOptimizer the optimizer's fp32 master and moments are sharded over the data-parallel ranks even
 *                           when the scenario asks only for DDP (Megatron {@code use_distributed_optimizer}, on in
 *                           NeMo's recipes)
 * @param overlapsTensorParallel tensor-parallel all-gathers and reduce-scatters run under the GEMMs when the GPUs
 *                           have NVLink (Transformer Engine userbuffers, NeMo {@code tp_comm_overlap}); elsewhere they
 *                           wait on the critical path
 * @param fusedOptimizer     AdamW is one fused kernel that reads and writes each tensor once (DeepSpeed and Apex
 *                           FusedAdam, Transformer Engine); else PyTorch's default multi-tensor ({@code foreach}) or
 *                           per-parameter AdamW, eight passes over the moments ({@code torch/optim/adamw.py})
 * @param expandableSegments the framework sets {@code PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True} (Unsloth's
 *                           {@code unsloth_zoo} at import): segments grow in place, so freed transient blocks are
 *                           reused whatever their size and the churn strands no fragments
 * @param loraZeroPad        adapters on some but not all of a fused q, k, v projection scatter their outputs into a
 *                           zero q, k, v-wide tensor with {@code index_copy}, whose backward keeps the scattered source
 *                           ({@code expand_as(source)} in PyTorch's {@code derivatives.yaml}): one 16-bit copy of the
 *                           adapted outputs per block (LitGPT {@code LoRAQKVLinear.zero_pad}, 2023 and today)
 * @param source             where these habits are documented (the text layer holds the citation)
 */
public record FrameworkProfile(Framework framework, boolean normUpcast, boolean expandsKvHeads, boolean loraDropout,
                               boolean adapterFp32, boolean kbitUpcast, boolean logitsUpcastInModel,
                               boolean lossInComputeDtype, boolean fusedLoss, boolean offloadCheckpoints,
                               boolean separateMaster, boolean foreachOptimizer, boolean fsdpFullStateLoad,
                               long commBucketElements, boolean fusedQkv, boolean quantizedKeepsInputs,
                               boolean shardsEmbeddings, boolean doubleQuantByDefault, boolean fusedKernels,
                               boolean vocabParallelLoss, boolean mainGradsFp32, boolean distributedOptimizer,
                               boolean overlapsTensorParallel, boolean fusedOptimizer, boolean expandableSegments,
                               boolean loraZeroPad, SourceId source) {

    public FrameworkProfile {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(source, "source");
    }

    /** The profile of a framework. */
    public static FrameworkProfile of(Framework framework) {
        return switch (framework) {
            case GENERIC -> GENERIC;
            case HF -> HF;
            case TORCHTUNE -> TORCHTUNE;
            case UNSLOTH -> UNSLOTH;
            case LITGPT -> LITGPT;
            case DEEPSPEED -> DEEPSPEED;
            case AXOLOTL -> AXOLOTL;
            case MEGATRON -> MEGATRON;
        };
    }

    /** Plain PyTorch: eager fp32-upcasting norms, a GQA-native flash kernel, foreach AdamW, no adapter upcasts. */
    public static final FrameworkProfile GENERIC = new FrameworkProfile(Framework.GENERIC, true, false, false, false,
            false, false, false, false, false, false, true, false, 0, false, true, false, true, false, false, false,
            false, false, false, false, false, SourceId.FRAMEWORK_GENERIC);

    /** Transformers Trainer / TRL + PEFT + bitsandbytes. */
    public static final FrameworkProfile HF = new FrameworkProfile(Framework.HF, true, true, false, true, true, false,
            false, false, false, false, false, false, 0, false, true, false, false, false, false, false, false, false,
            false, false, false, SourceId.FRAMEWORK_HF);

    /** torchtune recipes: pure bf16 (weights, gradients and optimizer states), no mixed precision. */
    public static final FrameworkProfile TORCHTUNE = new FrameworkProfile(Framework.TORCHTUNE, true, true, true, false,
            false, true, false, false, false, false, true, false, 0, false, false, true, true, false, false, false,
            false, false, false, false, false, SourceId.FRAMEWORK_TORCHTUNE);

    /** Unsloth: Triton kernels for RMSNorm, RoPE and cross-entropy, offloaded checkpointing. */
    public static final FrameworkProfile UNSLOTH = new FrameworkProfile(Framework.UNSLOTH, false, false, false, false,
            false, false, false, true, true, false, false, false, 0, false, false, false, true, true, false, false,
            false, false, false, true, false, SourceId.FRAMEWORK_UNSLOTH);

    /** LitGPT / Lightning Fabric (fp32 outputs from Fabric's precision plugins, LoRA's zero-padded fused qkv). */
    public static final FrameworkProfile LITGPT = new FrameworkProfile(Framework.LITGPT, true, true, true, false, false,
            true, true, false, false, false, true, true, 0, true, true, false, true, false, false, false, false, false,
            false, false, true, SourceId.FRAMEWORK_LITGPT);

    /** DeepSpeed ZeRO (with the Transformers model code). */
    public static final FrameworkProfile DEEPSPEED = new FrameworkProfile(Framework.DEEPSPEED, true, true, false, true,
            true, false, false, false, false, true, false, false, 500_000_000L, false, true, false, false, false, false,
            false, false, false, true, false, false, SourceId.FRAMEWORK_DEEPSPEED);

    /**
     * Megatron-core (NeMo, Megatron-LM): Transformer Engine's fused norms, RoPE, SwiGLU and attention (GQA-native),
     * a fused qkv projection, bf16 parameters with the fp32 master and moments in a distributed optimizer, fp32
     * main gradients, fused Adam, vocabulary-parallel cross-entropy, TP communication overlapped on NVLink.
     */
    public static final FrameworkProfile MEGATRON = new FrameworkProfile(Framework.MEGATRON, false, false, false, false,
            false, false, false, false, false, true, false, false, 0, true, true, false, true, true, true, true, true,
            true, true, false, false, SourceId.FRAMEWORK_MEGATRON);

    /** Axolotl: Transformers + PEFT + bitsandbytes with its own defaults. */
    public static final FrameworkProfile AXOLOTL = new FrameworkProfile(Framework.AXOLOTL, true, true, true, true, true,
            false, false, false, false, false, false, false, 0, false, true, false, true, false, false, false, false,
            false, false, false, false, SourceId.FRAMEWORK_AXOLOTL);
}
