package org.finetuneplanner.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.finetuneplanner.core.Bytes;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * Per-GPU memory of one training step, each part on its own, in closed form.
 *
 * <p>The step is followed through its three phases and the largest is the peak ({@code max_memory_allocated}):
 * <ol>
 *   <li><b>loss</b> – end of forward and the cross-entropy backward: weights, optimizer states, every saved
 *       activation and the logits spike;</li>
 *   <li><b>backward</b> – activations are freed block by block while gradients appear; both change linearly, so
 *       the largest point is at one end: all activations (or the checkpointed inputs plus one recomputed block)
 *       or all gradients;</li>
 *   <li><b>optimizer step</b> – weights, gradients, states and the update's temporaries, no activations.</li>
 * </ol>
 * The parts of the winning phase add up to {@code peak_allocated}; the caching allocator's fragmentation makes
 * {@code peak_reserved}; CUDA context and NCCL make {@code total}. Every formula and default is explained in
 * {@code docs/methodology.md} ("Memory"), and every {@link MemoryTerm} carries its formula, numbers and source.
 *
 * <p>Pure; thread-safe; arithmetic only (no lookups or parsing per call).
 */
public final class MemoryEstimator {

    static final double GIB = 1024.0 * 1024 * 1024;
    /** NF4 with double quantisation: 4 + 8/64 + 32/(64·256) bits (Dettmers et al. 2023, arXiv 2305.14314). */
    static final double NF4_BITS = 4.0 + 8.0 / 64 + 32.0 / (64 * 256);
    /** GPTQ int4 with fp16 scale and zero per group of 128: 4 + 32/128 bits (AutoGPTQ default group size). */
    static final double INT4_BITS = 4.0 + 32.0 / 128;
    /** LLM.int8: int8 weights plus an fp32 scale per row (bitsandbytes Int8Params). */
    static final double INT8_BITS = 8.0;
    /** CUDA context and kernels of an eager PyTorch process (Bekman: 0.9 GiB A100 torch 2.x; asmirnov 1000 MiB). */
    static final double CUDA_CONTEXT_GIB = 1.0;
    /** NCCL communicators and buffers after the first collective (Bekman torch-dist-mem-usage.py: ~1.5 GiB). */
    static final double NCCL_GIB = 1.0;
    /** Caching allocator: share of the churning memory (activations, logits, buffers) left as fragments. */
    static final double FRAGMENTATION_TRANSIENT = 0.25;
    /** Caching allocator: share of the long-lived memory lost to block rounding and load-time fragments. */
    static final double FRAGMENTATION_STATIC = 0.04;
    /** Allocator slack independent of size (cuBLAS workspaces, small-block pools). */
    static final double ALLOCATOR_FLOOR_GIB = 0.25;
    /** bitsandbytes 8-bit optimizers keep tensors with fewer elements in 32 bit (min_8bit_size). */
    static final long MIN_8BIT_SIZE = 4096;

    private static final String SRC_PARAMS = "ParameterCounter: llm-analysis get_num_params_per_layer, PEFT "
            + "lora/layer.py r·(d_in+d_out)";
    private static final String SRC_NF4 = "QLoRA, Dettmers et al. 2023 (arXiv 2305.14314) §2: NF4 + double "
            + "quantisation 4.127 bit; transformers get_keys_to_not_convert keeps embeddings and lm_head unquantised";
    private static final String SRC_AMP = "torch.autocast: 16-bit copies of fp32 weights live through backward "
            + "(saved by the matmuls); HF 'model memory anatomy': 6 B/param for mixed precision";
    private static final String SRC_OPT = "HF 'model memory anatomy' (AdamW 8 B, 8-bit 2 B, SGD-momentum 4 B per "
            + "param); bitsandbytes optimizers (min_8bit_size=4096, paged = CUDA unified memory); Adafactor "
            + "(Shazeer & Stern 2018) factored second moment";
    private static final String SRC_ACT = "Korthikanti et al. 2022 (arXiv 2205.05198) Table 2 generalised to "
            + "GQA/SwiGLU: the tensors each op saves for backward; FlashAttention keeps q, k, v, out and the "
            + "log-sum-exp only (Dao 2023)";
    private static final String SRC_CKPT = "transformers PR #48444: checkpointed inputs are exactly "
            + "L·s·h·2 bytes; Bekman ml-engineering: one block's working set during recompute";
    private static final String SRC_LOGITS = "Bekman ml-engineering ('factor of 6 instead of 4' for the fp32 "
            + "upcast of b·s·V); transformers PR #33902; torchtune CEWithChunkedOutputLoss; torchtune "
            + "memory_optimizations ladder (chunked CE −8 B per logit under compile)";
    private static final String SRC_FSDP = "PyTorch notes/fsdp.rst 'FSDP buffers sizes': current + prefetched "
            + "unsharded block, root unit kept gathered; DeepSpeed estimate_zero3 4·largest_layer";
    private static final String SRC_ZERO = "ZeRO, Rajbhandari et al. 2020 (arXiv 1910.02054) §5: stage 1 shards "
            + "optimizer states, stage 2 also gradients, stage 3 also parameters";
    private static final String SRC_CTX = "Bekman ml-engineering training/performance: CUDA context 0.9 GiB "
            + "(A100, torch 2.x eager); torch.distributed/NCCL ~1.5 GiB after the first barrier";
    private static final String SRC_ALLOC = "PyTorch caching allocator (notes/cuda.rst): freed blocks are cached, "
            + "not returned; varied tensor sizes leave fragments (expandable_segments reduces them)";

    /** Estimates the per-GPU memory of {@code s}. Pure; thread-safe. */
    public MemoryEstimate estimate(Scenario s) {
        return new Run(s).estimate();
    }

    /** One estimate's working state; lives for a single call. */
    private static final class Run {
        private final Architecture a;
        private final MethodSpec m;
        private final TrainingSpec t;
        private final HardwareSpec hw;
        private final FrameworkProfile fw;
        private final ParameterCounts pc;
        private final List<MemoryTerm> terms = new ArrayList<>(24);
        private final List<Note> notes = new ArrayList<>(6);
        private final int gpus;
        private final Sharding sharding;
        private final int paramShard;
        private final int gradShard;
        private final int optShard;
        private final boolean amp;
        private final double actBytes;
        private final long tokens;
        private final boolean adapters;
        private final boolean quantized;
        private double hostBytes;

        Run(Scenario s) {
            this.a = s.model().architecture();
            this.m = s.method();
            this.t = s.training();
            this.hw = s.hardware();
            this.fw = FrameworkProfile.of(t.framework());
            this.pc = ParameterCounter.count(a, m);
            this.gpus = hw.gpuCount();
            Sharding sh = hw.sharding();
            if (gpus == 1) {
                sh = Sharding.NONE;
            } else if (sh == Sharding.NONE) {
                sh = Sharding.DDP;
            }
            this.sharding = sh;
            this.paramShard = sh == Sharding.ZERO3 || sh == Sharding.FSDP ? gpus : 1;
            this.gradShard = sh == Sharding.ZERO2 || sh == Sharding.ZERO3 || sh == Sharding.FSDP
                    || sh == Sharding.FSDP_GRAD_OP ? gpus : 1;
            this.optShard = sh == Sharding.ZERO1 || gradShard > 1 ? gpus : 1;
            this.amp = t.masterWeights() && t.precision() != Precision.FP32;
            this.actBytes = t.precision() == Precision.FP32 ? 4 : 2;
            this.tokens = t.tokensPerMicroBatch();
            this.adapters = m.usesAdapters();
            this.quantized = baseStorage().isQuantized();
        }

        private WeightStorage baseStorage() {
            if (m.type() == FineTuneMethod.QLORA && !m.baseWeights().isQuantized()) {
                return WeightStorage.NF4;
            }
            return m.baseWeights();
        }

        MemoryEstimate estimate() {
            // ---- long-lived parts -------------------------------------------------------------------------
            double weights = weights();
            double ampCopies = ampCopies();
            double states = optimizerStates();
            double grads = gradients();
            double gradsDuringForward = t.gradientAccumulationSteps() > 1 && !t.optimizerInBackward() ? grads : 0;
            double persistentBuffers = persistentBuffers();
            double stepBuffers = optimizerTemporaries();

            // ---- activations ---------------------------------------------------------------------------
            double perTokenLayer = activationPerTokenLayer();
            double layerWorking = perTokenLayer * tokens;
            double finalNorm = tokens * a.hiddenSize() * (normInputBytes() + actBytes);
            double saved;
            double recompute = 0;
            Checkpointing ckpt = t.checkpointing();
            if (ckpt == Checkpointing.FULL && fw.offloadCheckpoints()) {
                ckpt = Checkpointing.OFFLOAD;
            }
            double inputs = (double) a.numLayers() * tokens * a.hiddenSize() * actBytes;
            double blockInput = (double) tokens * a.hiddenSize() * actBytes;
            // The activation gradients a block's backward works with, checkpointed or not.
            double backwardTransient = 2.0 * tokens * Math.max(effectiveIntermediate(), a.hiddenSize()) * actBytes;
            // What one block's backward holds at the end of the backward pass (the first block): its saved tensors
            // and the activation-gradient temporaries, whether they were kept from forward or recomputed.
            double lastBlockBackward = layerWorking + backwardTransient;
            if (ckpt == Checkpointing.NONE) {
                saved = layerWorking * a.numLayers() + finalNorm;
                recompute = backwardTransient;
            } else {
                // The recomputed block's input is one of the checkpointed (or brought-back) inputs and also the
                // first tensor its working set saves: counted once.
                recompute = layerWorking + backwardTransient - blockInput;
                if (ckpt == Checkpointing.FULL) {
                    saved = inputs + finalNorm;
                } else {
                    hostBytes += inputs * gpusOnNode();
                    // Two block inputs in flight (one being offloaded, one being brought back), but never more
                    // than the model has blocks: a one-block model keeps one, as full checkpointing would.
                    saved = Math.min(2, a.numLayers()) * (double) tokens * a.hiddenSize() * actBytes + finalNorm;
                }
            }
            double logits = logits();
            double gather = gatherBuffers();

            // ---- the three phases ------------------------------------------------------------------------
            double fixed = weights + states + persistentBuffers;
            double lossPhase = fixed + ampCopies + gradsDuringForward + saved + logits + gather;
            double backwardStart = fixed + ampCopies + gradsDuringForward + saved + recompute + gather;
            double backwardEnd = fixed + ampCopies + grads + lastBlockBackward + gather;
            double stepPhase = fixed + grads + stepBuffers;
            double peak = Math.max(Math.max(lossPhase, backwardStart), Math.max(backwardEnd, stepPhase));
            double wPart = weights + ampCopies;
            double gPart;
            double aPart;
            double lPart = 0;
            double bPart = persistentBuffers + gather;
            Phase phase;
            if (peak == lossPhase) {
                phase = Phase.LOSS;
                gPart = gradsDuringForward;
                aPart = saved;
                lPart = logits;
            } else if (peak == backwardStart) {
                phase = Phase.BACKWARD_START;
                gPart = gradsDuringForward;
                aPart = saved + recompute;
            } else if (peak == backwardEnd) {
                phase = Phase.BACKWARD_END;
                gPart = grads;
                aPart = lastBlockBackward;
            } else {
                phase = Phase.OPTIMIZER_STEP;
                wPart = weights;
                gPart = grads;
                aPart = 0;
                bPart = persistentBuffers + stepBuffers;
            }
            addActivationTerms(aPart, phase, saved, recompute, inputs, ckpt, perTokenLayer);
            if (lPart > 0) {
                addTerm(MemoryComponent.LOGITS, "Logits and cross-entropy", lPart, logitsFormula,
                        logitsInputs, SRC_LOGITS);
            }
            if (gPart > 0) {
                addTerm(MemoryComponent.GRADIENTS, gPart == grads ? "Gradients of trainable parameters"
                        : "Gradients kept across accumulation steps", gPart, gradFormula, gradInputs, gradSource);
            }
            if (peak == stepPhase && stepBuffers > 0) {
                addTerm(MemoryComponent.BUFFERS, "Optimizer update temporaries", stepBuffers, stepFormula,
                        stepInputs, SRC_OPT);
            }
            if (bPart > 0 && gather > 0 && peak != stepPhase) {
                addTerm(MemoryComponent.BUFFERS, "Sharding gather / reduce-scatter buffers", gather, gatherFormula,
                        gatherInputs, SRC_FSDP);
            }
            if (ampCopies > 0 && peak == stepPhase) {
                terms.removeIf(term -> term.label().startsWith("Autocast"));
            }
            double oPart = states;

            // ---- caching allocator, context ----------------------------------------------------------------
            double churn = aPart + lPart + bPart + (gPart == grads && !adapters ? gPart : 0);
            double staticPart = wPart + oPart + (gPart == grads && !adapters ? 0 : gPart);
            double allocator = fragmentation(wPart, gPart, grads, oPart, aPart + lPart + bPart);
            // The caching allocator never hands memory back within a step, so peak_reserved is the largest
            // reserve of any phase, not only the reserve of the phase with the most live tensors: a phase with
            // fewer live bytes but more churn (the optimizer step's temporaries) can reserve more. Taking only the
            // winner's made the total fall when a larger micro-batch moved the peak from that phase to another.
            double peakReserved = Math.max(Math.max(
                    lossPhase + fragmentation(weights + ampCopies, gradsDuringForward, grads, states,
                            saved + logits + persistentBuffers + gather),
                    backwardStart + fragmentation(weights + ampCopies, gradsDuringForward, grads, states,
                            saved + recompute + persistentBuffers + gather)), Math.max(
                    backwardEnd + fragmentation(weights + ampCopies, grads, grads, states,
                            lastBlockBackward + persistentBuffers + gather),
                    stepPhase + fragmentation(weights, grads, grads, states, persistentBuffers + stepBuffers)));
            double otherPhase = Math.max(0, peakReserved - peak - allocator);
            allocator += otherPhase;
            addTerm(MemoryComponent.ALLOCATOR, "Caching-allocator fragmentation", allocator,
                    FRAGMENTATION_TRANSIENT + "·transient + " + FRAGMENTATION_STATIC + "·static + "
                            + ALLOCATOR_FLOOR_GIB + " GiB" + (otherPhase > 0 ? " + what another phase reserved "
                            + "beyond the peak phase (blocks stay cached)" : ""),
                    FRAGMENTATION_TRANSIENT + "·" + gib(churn) + " + " + FRAGMENTATION_STATIC + "·"
                            + gib(staticPart) + " + " + ALLOCATOR_FLOOR_GIB + " GiB"
                            + (otherPhase > 0 ? " + " + gib(otherPhase) : ""),
                    SRC_ALLOC);
            double context = CUDA_CONTEXT_GIB * GIB;
            addTerm(MemoryComponent.CUDA_CONTEXT, "CUDA context and kernels", context, "constant",
                    CUDA_CONTEXT_GIB + " GiB", SRC_CTX);
            if (gpus > 1) {
                double nccl = NCCL_GIB * GIB;
                context += nccl;
                addTerm(MemoryComponent.CUDA_CONTEXT, "NCCL communicators", nccl, "constant (multi-GPU)",
                        NCCL_GIB + " GiB", SRC_CTX);
            }

            MemoryBreakdown breakdown = new MemoryBreakdown(round(wPart), round(gPart), round(oPart), round(aPart),
                    round(lPart), round(bPart), round(allocator), round(context));
            notes.add(0, Note.of(NoteId.MEMORY_PEAK_PHASE, phase));
            long capacity = Math.round(hw.capacityGib() * GIB);
            double allocated = breakdown.peakAllocatedBytes();
            if (lPart > 0.25 * allocated && t.loss() == Loss.STANDARD && !fw.fusedLoss()) {
                notes.add(Note.of(NoteId.MEMORY_LOGITS_DOMINANT, Bytes.of(lPart)));
            }
            if (aPart > 0.4 * allocated && t.checkpointing() == Checkpointing.NONE) {
                notes.add(Note.of(NoteId.MEMORY_ACTIVATIONS_DOMINANT, Bytes.of(aPart)));
            }
            if (t.precision() == Precision.FP8) {
                notes.add(Note.of(NoteId.MEMORY_FP8_WEIGHTS));
            }
            if (a.guessed()) {
                notes.add(Note.of(NoteId.MEMORY_GUESSED_ARCHITECTURE));
            }
            return new MemoryEstimate(breakdown, round(hostBytes), capacity, terms, notes);
        }

        /**
         * The caching allocator's extra over the live tensors of one phase: a share of the churning memory
         * (activations, logits, buffers, and full-model gradients that are freed and re-made every step) and of
         * the long-lived memory, plus a floor.
         */
        private double fragmentation(double w, double g, double grads, double o, double churning) {
            boolean gradsChurn = g == grads && !adapters;
            double churn = churning + (gradsChurn ? g : 0);
            double staticPart = w + o + (gradsChurn ? 0 : g);
            return FRAGMENTATION_TRANSIENT * churn + FRAGMENTATION_STATIC * staticPart + ALLOCATOR_FLOOR_GIB * GIB;
        }

        // ---- weights -----------------------------------------------------------------------------------

        private double bytesOf(Precision p) {
            return switch (p) {
                case FP32 -> 4;
                case FP16, BF16 -> 2;
                case FP8 -> 2; // FP8 training keeps bf16 weights and casts per matmul (torchao float8)
            };
        }

        private static double bytesOf(WeightStorage w) {
            return switch (w) {
                case FP32 -> 4;
                case FP16, BF16 -> 2;
                case FP8 -> 1;
                case INT8 -> INT8_BITS / 8;
                case INT4 -> INT4_BITS / 8;
                case NF4 -> NF4_BITS / 8;
            };
        }

        /** Bytes of a trainable parameter (and its gradient when not mixed precision). */
        private boolean halfPrecision() {
            return t.precision() == Precision.BF16 || t.precision() == Precision.FP16;
        }

        private double trainableBytes() {
            if (t.masterWeights()) {
                return fw.separateMaster() ? bytesOf(t.precision()) : 4;
            }
            if (adapters && fw.adapterFp32() && t.precision() != Precision.FP32) {
                return 4;
            }
            return adapters ? bytesOf(t.precision()) : bytesOf(m.baseWeights());
        }

        private double weights() {
            int before = terms.size();
            double w = weightsOnDevice();
            if (hw.offload() == Offload.OPTIMIZER_AND_PARAMS) {
                terms.subList(before, terms.size()).clear();
                hostBytes += w * gpusOnNode();
                addTerm(MemoryComponent.WEIGHTS, "Parameters offloaded to host", 0, "N × bytes on the CPU",
                        gib(w) + " per GPU → host", "FSDP CPUOffload(offload_params=True), DeepSpeed "
                                + "offload_param: each block is copied in for its forward and backward");
                return 0;
            }
            return w;
        }

        private double weightsOnDevice() {
            double w;
            if (!adapters) {
                double bytes = trainableBytes();
                w = pc.base() * bytes / paramShard;
                addTerm(MemoryComponent.WEIGHTS, "Model weights", w, "N × " + num(bytes) + " B / " + paramShard,
                        num(pc.base()) + " × " + num(bytes) + " B / " + paramShard,
                        t.masterWeights() ? (fw.separateMaster() ? fw.source() : SRC_AMP) : SRC_PARAMS);
                return w + unshardedCopy();
            }
            WeightStorage ws = baseStorage();
            double linearBytes = bytesOf(ws);
            double otherBytes = bytesOf(t.precision());
            if (ws == WeightStorage.FP32) {
                otherBytes = 4;
            }
            String otherSource = SRC_PARAMS;
            if (quantized && fw.kbitUpcast() && t.precision() != Precision.FP32) {
                otherBytes = 4;
                otherSource = "PEFT utils/other.py prepare_model_for_kbit_training: non-quantised parameters cast "
                        + "to fp32";
            }
            double linear = pc.linear() * linearBytes / paramShard;
            double rest = (pc.embedding() + pc.other()) * otherBytes / paramShard;
            String wsLabel = quantized ? ws.label() : ws.id();
            addTerm(MemoryComponent.WEIGHTS, "Frozen linear weights (" + wsLabel + ")", linear,
                    quantized ? "N_linear × " + num(bitsOf(ws)) + " bit / 8"
                            : "N_linear × " + num(linearBytes) + " B",
                    num(pc.linear()) + " × " + num(linearBytes) + " B / " + paramShard,
                    quantized ? SRC_NF4 : SRC_PARAMS);
            addTerm(MemoryComponent.WEIGHTS, "Embeddings, LM head, norms" + (otherBytes == 4 && quantized
                    ? " (fp32 upcast)" : ""), rest, "(N_embed + N_other) × " + num(otherBytes) + " B",
                    "(" + num(pc.embedding()) + " + " + num(pc.other()) + ") × " + num(otherBytes) + " B / "
                            + paramShard, quantized ? SRC_NF4 + "; " + otherSource : otherSource);
            double adapterBytes = trainableBytes();
            double ad = pc.trainable() * adapterBytes / paramShard;
            addTerm(MemoryComponent.WEIGHTS, "Adapters and extra trainable modules", ad,
                    "N_trainable × " + num(adapterBytes) + " B",
                    num(pc.trainable()) + " × " + num(adapterBytes) + " B",
                    adapterBytes == 4 && !t.masterWeights() ? "PEFT mapping_func.py autocast_adapter_dtype=True"
                            : SRC_PARAMS);
            w = linear + rest + ad;
            w += unshardedCopy();
            if (quantized) {
                // one linear is dequantised to 16 bit at a time, in forward and again in backward
                double dq = largestLinear() * 2;
                addTerm(MemoryComponent.WEIGHTS, "Dequantised working copy", dq, "largest linear × 2 B",
                        num(largestLinear()) + " × 2 B", SRC_NF4);
                w += dq;
            }
            return w;
        }

        private static double bitsOf(WeightStorage w) {
            return bytesOf(w) * 8;
        }

        private double largestLinear() {
            long h = a.hiddenSize();
            long mlpWidth = a.moe().isMoe() && a.moe().denseLayers() == 0 ? a.moe().expertIntermediate()
                    : a.intermediateSize();
            // the biggest single matrix: an MLP projection or the fused q/k/v projection
            return Math.max((double) h * mlpWidth, (double) h * (a.queryWidth() + 2 * a.kvWidth()));
        }

        /** Autocast's 16-bit copies of fp32 weights used by matmuls, alive from forward through backward. */
        private double ampCopies() {
            if (!amp || fw.separateMaster()) {
                return 0;
            }
            boolean fp32Base = !adapters || baseStorage() == WeightStorage.FP32;
            double n = fp32Base ? pc.linear() + (a.tiedEmbeddings() ? 0 : pc.embedding() / 2.0) : 0;
            if (adapters) {
                n += pc.trainable();
            }
            double c = n * 2 / paramShard;
            if (c > 0) {
                addTerm(MemoryComponent.WEIGHTS, "Autocast 16-bit weight copies", c, "N_matmul × 2 B",
                        num(n) + " × 2 B / " + paramShard, SRC_AMP);
            }
            return c;
        }

        // ---- gradients and optimizer --------------------------------------------------------------------

        private String gradFormula = "";
        private String gradInputs = "";
        private String gradSource = "";

        private double gradients() {
            long trainable = pc.trainable();
            double bytes;
            if (t.masterWeights() && fw.separateMaster()) {
                bytes = bytesOf(t.precision()) + 4;
                gradSource = fw.source();
            } else {
                bytes = trainableBytes();
                gradSource = "gradients in the dtype of the trainable parameters (PyTorch autograd)";
            }
            if (t.optimizerInBackward()) {
                double largest = adapters ? Math.max(1, trainable / Math.max(1, a.numLayers()))
                        : (double) a.vocabSize() * a.hiddenSize();
                gradFormula = "largest parameter × " + num(bytes) + " B (optimizer in backward)";
                gradInputs = num(largest) + " × " + num(bytes) + " B";
                gradSource = "torchtune optimizer_in_bwd: each gradient is freed right after its update";
                return largest * bytes;
            }
            Offload off = hw.offload();
            if (off != Offload.NONE && fw.separateMaster()) {
                // ZeRO-Offload: gradients stream to host; the 16-bit bucket stays
                hostBytes += trainable * 4.0 / gradShard * gpusOnNode();
                bytes = bytesOf(t.precision());
            }
            if (off == Offload.OPTIMIZER_AND_PARAMS && !fw.separateMaster()) {
                // FSDP CPUOffload(offload_params=True): sharded gradients live on the host
                hostBytes += trainable * bytes / gradShard * gpusOnNode();
                gradFormula = "gradients offloaded to host";
                gradInputs = "0 on GPU";
                return 0;
            }
            gradFormula = "N_trainable × " + num(bytes) + " B / " + gradShard;
            gradInputs = num(trainable) + " × " + num(bytes) + " B / " + gradShard;
            return trainable * bytes / gradShard;
        }

        private double optimizerStates() {
            long trainable = pc.trainable();
            double stateBytes = t.masterWeights() ? 4 : trainableBytes();
            Optimizer o = t.optimizer();
            double perParam;
            String formula;
            switch (o) {
                case ADAMW, PAGED_ADAMW_32BIT -> {
                    perParam = 2 * stateBytes;
                    formula = "2 moments × " + num(stateBytes) + " B";
                }
                case ADAMW_8BIT, PAGED_ADAMW_8BIT -> {
                    perParam = 2 * (1 + 4.0 / 2048);
                    formula = "2 moments × (1 B + fp32 absmax per 2048)";
                }
                case SGD -> {
                    perParam = 0;
                    formula = "no state";
                }
                case SGD_MOMENTUM, LION -> {
                    perParam = stateBytes;
                    formula = "1 moment × " + num(stateBytes) + " B";
                }
                case ADAFACTOR -> {
                    perParam = 4.0 * 2 / a.hiddenSize() + 4.0 / Math.max(1, effectiveIntermediate());
                    formula = "factored second moment: (rows + cols) × 4 B per matrix";
                }
                default -> throw new IllegalStateException(o.toString());
            }
            double states = trainable * perParam;
            double master = t.masterWeights() && fw.separateMaster() ? trainable * 4.0 : 0;
            boolean paged = o == Optimizer.PAGED_ADAMW_32BIT || o == Optimizer.PAGED_ADAMW_8BIT;
            boolean offloaded = hw.offload() != Offload.NONE;
            double gpu = (states + master) / optShard;
            if (offloaded) {
                hostBytes += (states + master) / optShard * gpusOnNode();
                addTerm(MemoryComponent.OPTIMIZER, "Optimizer states (offloaded to host)", 0,
                        formula + " per trainable parameter, on the CPU", num(trainable) + " params → host",
                        "DeepSpeed ZeRO-Offload / FSDP CPUOffload, torchtune fsdp_cpu_offload");
                return 0;
            }
            if (paged) {
                hostBytes += gpu * gpusOnNode();
                addTerm(MemoryComponent.OPTIMIZER, "Paged optimizer states (unified memory)", 0,
                        formula + " per trainable parameter, paged", num(trainable) + " × " + num(perParam) + " B = "
                                + gib(states) + " outside the PyTorch allocator",
                        "bitsandbytes paged optimizers: cudaMallocManaged, evicted to host under pressure");
                notes.add(Note.of(NoteId.MEMORY_PAGED_OPTIMIZER, Bytes.of(gpu)));
                return 0;
            }
            if (states > 0) {
                addTerm(MemoryComponent.OPTIMIZER, o.label() + " states", states / optShard,
                        "N_trainable × " + num(perParam) + " B / " + optShard + " (" + formula + ")",
                        num(trainable) + " × " + num(perParam) + " B / " + optShard, SRC_OPT);
            }
            if (master > 0) {
                addTerm(MemoryComponent.OPTIMIZER, "fp32 master weights", master / optShard,
                        "N_trainable × 4 B / " + optShard, num(trainable) + " × 4 B / " + optShard, fw.source());
            }
            if (o == Optimizer.ADAMW_8BIT && pc.other() > 0) {
                notes.add(Note.of(NoteId.MEMORY_8BIT_SMALL_TENSORS, MIN_8BIT_SIZE));
            }
            return gpu;
        }

        private String stepFormula = "";
        private String stepInputs = "";

        private double optimizerTemporaries() {
            Optimizer o = t.optimizer();
            boolean paged = o == Optimizer.PAGED_ADAMW_32BIT || o == Optimizer.PAGED_ADAMW_8BIT;
            if (hw.offload() != Offload.NONE || paged || o == Optimizer.SGD || t.optimizerInBackward()) {
                return 0;
            }
            double stateBytes = o == Optimizer.ADAMW_8BIT ? 4 : (t.masterWeights() ? 4 : trainableBytes());
            double largest = adapters ? (double) pc.trainable() / Math.max(1, a.numLayers())
                    : (double) a.vocabSize() * a.hiddenSize();
            if (fw.foreachOptimizer() && (o == Optimizer.ADAMW || o == Optimizer.LION
                    || o == Optimizer.SGD_MOMENTUM)) {
                stepFormula = "N_trainable × " + num(stateBytes) + " B / " + optShard + " (foreach temporaries)";
                stepInputs = num(pc.trainable()) + " × " + num(stateBytes) + " B / " + optShard;
                return pc.trainable() * stateBytes / optShard;
            }
            double factor = o == Optimizer.ADAFACTOR ? 2 : 1;
            stepFormula = factor + " × largest tensor × " + num(stateBytes) + " B (per-parameter update)";
            stepInputs = num(factor) + " × " + num(largest) + " × " + num(stateBytes) + " B";
            return factor * largest * stateBytes;
        }

        // ---- buffers -------------------------------------------------------------------------------------

        private double persistentBuffers() {
            double b = 0;
            if (sharding == Sharding.DDP && !fw.separateMaster()) {
                double bucket = pc.trainable() * trainableBytes();
                addTerm(MemoryComponent.BUFFERS, "DDP gradient buckets", bucket, "N_trainable × grad bytes",
                        num(pc.trainable()) + " × " + num(trainableBytes()) + " B",
                        "torch DistributedDataParallel: buckets hold a gradient copy unless "
                                + "gradient_as_bucket_view=True");
                b += bucket;
            }
            if (fw.commBucketElements() > 0 && gpus > 1 && paramShard == 1) {
                double elems = Math.min(fw.commBucketElements(), pc.trainable());
                double bucket = 2 * elems * bytesOf(t.precision());
                addTerm(MemoryComponent.BUFFERS, "ZeRO reduce + all-gather buckets", bucket,
                        "2 × min(5e8, N_trainable) × 2 B", "2 × " + num(elems) + " × " + num(bytesOf(t.precision()))
                                + " B", "DeepSpeed config defaults reduce_bucket_size/allgather_bucket_size 5e8; "
                                + "EleutherAI cookbook calc_transformer_mem.py");
                b += bucket;
            }
            return b;
        }

        private String gatherFormula = "";
        private String gatherInputs = "";

        private double gatherBuffers() {
            boolean streamed = hw.offload() == Offload.OPTIMIZER_AND_PARAMS;
            if (paramShard == 1 && gradShard == 1 && !streamed) {
                return 0;
            }
            long block = ParameterCounter.blockParameters(a);
            // Mixed precision under FSDP is FSDP's MixedPrecision: fp32 shards, all-gathered and holding their
            // unsharded gradients in param_dtype, the compute precision (PyTorch FSDP MixedPrecision docs: "the
            // dtype for model parameters during forward and backward"; accelerate and Lightning set it from
            // bf16/fp16 mixed precision). Only the fp32 shards and the optimizer keep 4 bytes.
            double unshardedBytes = t.masterWeights() && halfPrecision() ? bytesOf(t.precision()) : trainableBytes();
            double wBytes = adapters ? (quantized ? bytesOf(baseStorage()) : bytesOf(t.precision()))
                    : unshardedBytes;
            double gBytes = adapters ? trainableBytes() : unshardedBytes;
            double trainableShare = adapters ? (double) pc.adapter() / Math.max(1, pc.base()) : 1;
            double gatherW = 0;
            double root = 0;
            if (paramShard > 1 || streamed) {
                gatherW = 2.0 * block * wBytes;
                if (fw.separateMaster()) {
                    gatherW = 4.0 * block * wBytes / 2;
                } else if (fw.shardsEmbeddings()) {
                    root = (double) a.vocabSize() * a.hiddenSize() * bytesOf(t.precision());
                } else {
                    root = pc.embedding() * bytesOf(t.precision());
                }
            }
            double reduce = 2.0 * block * trainableShare * gBytes;
            boolean gathers = paramShard > 1 || streamed;
            gatherFormula = (gathers ? "2 × block × " + num(wBytes) + " B + root (embeddings, head) + " : "")
                    + "2 × block grads × " + num(gBytes) + " B";
            gatherInputs = (gathers ? "2 × " + num(block) + " × " + num(wBytes) + " B + " + gib(root) + " + "
                    : "") + "2 × " + num(block * trainableShare) + " × " + num(gBytes) + " B";
            return gatherW + root + reduce;
        }

        /** Frameworks that materialise the whole model on every rank keep that copy beside the FSDP shards. */
        private double unshardedCopy() {
            if (!fw.fsdpFullStateLoad() || paramShard == 1) {
                return 0;
            }
            double bytes = adapters ? (quantized ? bytesOf(baseStorage()) : bytesOf(t.precision())) : trainableBytes();
            double full = pc.base() * bytes;
            addTerm(MemoryComponent.WEIGHTS, "Unsharded model on every rank", full, "N × " + num(bytes) + " B",
                    num(pc.base()) + " × " + num(bytes) + " B", fw.source());
            notes.add(Note.of(NoteId.MEMORY_FSDP_FULL_MODEL));
            return full;
        }

        // ---- activations ---------------------------------------------------------------------------------

        private double normInputBytes() {
            return (fw.normUpcast() || amp) && !t.compile() ? 4 : actBytes;
        }

        /** MLP width a token passes through: dense I, or top-k routed plus shared experts. */
        private double effectiveIntermediate() {
            Architecture.Moe moe = a.moe();
            if (!moe.isMoe()) {
                return a.intermediateSize();
            }
            double moeWidth = (double) moe.expertsPerToken() * moe.expertIntermediate()
                    + (double) moe.sharedExperts() * moe.sharedIntermediate();
            int moeLayers = ParameterCounter.moeLayers(a);
            return (moeWidth * moeLayers + (double) a.intermediateSize() * (a.numLayers() - moeLayers))
                    / a.numLayers();
        }

        private String actDetail = "";

        /** Bytes one block saves for backward per token (without the s² scores of eager attention). */
        private double activationPerTokenLayer() {
            double p = actBytes;
            double h = a.hiddenSize();
            double qW = a.queryWidth();
            double kvW = a.kvWidth();
            if (a.mla().isMla()) {
                qW = (double) a.numHeads() * (a.mla().qkNopeHeadDim() + a.mla().qkRopeHeadDim());
                kvW = qW;
            } else if (fw.expandsKvHeads() && !t.compile()) {
                kvW = qW;
            }
            double iEff = effectiveIntermediate();
            boolean compiled = t.compile();
            boolean normTrainable = !adapters || m.extraTrainable().contains(
                    org.finetuneplanner.core.scenario.ExtraTrainable.NORM);

            // A linear keeps its input only for its weight gradient (PyTorch saves mm's input only when the weight
            // requires grad): always in full fine-tuning; never for a frozen nn.Linear; for a LoRA-adapted one its
            // lora_A keeps the input itself unless dropout or an fp32 cast makes a new tensor (counted under
            // LoRA); bitsandbytes' quantised matmuls keep it regardless (MatMul4Bit ctx.tensors = (A, B)).
            boolean allInputs = !adapters || (quantized && fw.quantizedKeepsInputs());
            boolean plainAdapterInput = adapters && !fw.loraDropout()
                    && !(fw.adapterFp32() && p < 4 && !t.masterWeights());
            Set<LoraTarget> targets = adapters ? m.targets() : Set.of();
            boolean keepAttnIn = allInputs || plainAdapterInput && (targets.contains(LoraTarget.Q)
                    || targets.contains(LoraTarget.K) || targets.contains(LoraTarget.V));
            boolean keepMlpIn = allInputs || plainAdapterInput && (targets.contains(LoraTarget.UP)
                    || a.gatedMlp() && targets.contains(LoraTarget.GATE));
            boolean keepOIn = allInputs || plainAdapterInput && targets.contains(LoraTarget.O);
            boolean keepDownIn = allInputs || plainAdapterInput && targets.contains(LoraTarget.DOWN);
            // Under autocast a norm's output is fp32 and every linear reading it casts it to 16 bit itself: the
            // autocast cache holds casts of leaf tensors only (weights; ATen autocast_mode.cpp cached_cast requires
            // arg.is_leaf()), so q, k and v (gate and up) each save their own copy. Without autocast (or compiled,
            // where inductor merges the casts) the linears share the one 16-bit tensor.
            boolean ownCasts = amp && !compiled;
            double attnCopies = ownCasts ? attentionInputReaders(targets) : 1;
            double mlpCopies = ownCasts ? mlpInputReaders(targets) : 1;
            if (a.parallelBlock()) {
                double shared = (keepAttnIn ? attnCopies : 0) + (keepMlpIn ? mlpCopies : 0);
                keepAttnIn = keepAttnIn || keepMlpIn;
                keepMlpIn = false;
                attnCopies = ownCasts ? shared : 1;
            }

            double normInternal = compiled ? p * h : normInputBytes() * h + (normTrainable ? p * h : 0);
            double norms = a.normsPerLayer() * normInternal
                    + p * h * ((keepAttnIn ? attnCopies : 0) + (keepMlpIn ? mlpCopies : 0));
            // q, k, v after RoPE and the attention output (kept by the kernel), the o-projection's input copy
            double attn = p * (qW + 2 * kvW + qW) + 4.0 * a.numHeads() + (keepOIn ? p * qW : 0);
            if (fw.fusedQkv() && !a.mla().isMla()) {
                // v is a view of the fused qkv output, so the whole buffer stays beside the roped q and k
                attn += p * (qW + a.kvWidth());
            }
            if (a.qkNorm()) {
                attn += p * (qW + kvW);
            }
            double mlp;
            if (a.gatedMlp()) {
                // gate and up outputs, the activation (eager only: compile recomputes it), and the product that
                // feeds the down projection
                mlp = (compiled ? 2 : 3) * iEff * p + (keepDownIn ? iEff * p : 0);
            } else {
                // fc1 output (kept by GELU) and GELU output (the fc2 input)
                mlp = iEff * p + (keepDownIn ? iEff * p : 0);
            }
            if (a.moe().isMoe()) {
                mlp += 4.0 * a.moe().experts() + p * h * a.moe().expertsPerToken();
            }
            double dropout = hasHiddenDropout() ? 2 * h : 0;
            double lora = loraActivations(p, h, qW, iEff, compiled);
            double cross = a.crossAttentionLayers() > 0
                    ? (double) a.crossAttentionLayers() / a.numLayers() * (p * (4 * qW + 2 * kvW) + normInternal
                    + p * h) : 0;
            actDetail = "norms " + num(norms / h) + "h + attention " + num(attn / h) + "h + MLP " + num(mlp / h)
                    + "h" + (lora > 0 ? " + LoRA " + num(lora / h) + "h" : "") + (dropout > 0 ? " + dropout 2h" : "")
                    + (allInputs ? "" : " (frozen linears keep no input)");
            double perToken = norms + attn + mlp + dropout + lora + cross;
            if (t.attention() == Attention.EAGER) {
                double softmax = (fw.normUpcast() || amp) && !hasHiddenDropout() ? 4 : p;
                if (amp) {
                    softmax = 4;
                }
                double scores = softmax + (hasHiddenDropout() ? 1 + p : (softmax != p ? p : 0));
                double perTokenScores = (double) a.numHeads() * t.sequenceLength() * scores;
                actDetail += " + scores " + num(perTokenScores / h) + "h (a·s·" + num(scores) + " B)";
                perToken += perTokenScores;
            }
            return perToken;
        }

        /** Separate linears that read the attention input and keep it (each its own autocast cast). */
        private int attentionInputReaders(Set<LoraTarget> targets) {
            if (fw.fusedQkv()) {
                return 1;
            }
            if (a.mla().isMla()) {
                return 2; // q (or q_a) and kv_a projections
            }
            if (!adapters || quantized && fw.quantizedKeepsInputs()) {
                return 3;
            }
            int n = 0;
            for (LoraTarget q : List.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V)) {
                n += targets.contains(q) ? 1 : 0;
            }
            return Math.max(1, n);
        }

        /** Separate linears that read the MLP input and keep it: gate and up, or fc1. */
        private int mlpInputReaders(Set<LoraTarget> targets) {
            if (!a.gatedMlp()) {
                return 1;
            }
            if (!adapters || quantized && fw.quantizedKeepsInputs()) {
                return 2;
            }
            return targets.contains(LoraTarget.UP) && targets.contains(LoraTarget.GATE) ? 2 : 1;
        }

        private boolean hasHiddenDropout() {
            String type = a.modelType();
            return type.equals("bert") || type.endsWith("roberta") || type.equals("gpt2") || type.equals("t5")
                    || type.equals("distilbert");
        }

        private double loraActivations(double p, double h, double qW, double iEff, boolean compiled) {
            if (!adapters) {
                return 0;
            }
            Set<LoraTarget> targets = m.targets();
            double castBytes = fw.adapterFp32() && p < 4 && !t.masterWeights() ? 4 : 0;
            double dropBytes = fw.loraDropout() ? (compiled ? 1 : 1 + p) : 0;
            double perInput = castBytes + dropBytes;
            double sum = 0;
            int modules = 0;
            boolean qkvCounted = false;
            for (LoraTarget target : targets) {
                boolean qkv = target == LoraTarget.Q || target == LoraTarget.K || target == LoraTarget.V;
                if (qkv && fw.fusedQkv()) {
                    // one fused projection: its input passes through the adapter dropout once
                    if (qkvCounted) {
                        modules++;
                        continue;
                    }
                    qkvCounted = true;
                }
                double dIn = switch (target) {
                    case Q, K, V, GATE, UP -> h;
                    case O -> qW;
                    case DOWN -> iEff;
                    case LM_HEAD -> 0;
                };
                if (target == LoraTarget.GATE && !a.gatedMlp()) {
                    continue;
                }
                sum += perInput * dIn;
                modules++;
            }
            double adapterOut = (castBytes > 0 ? 4 : p) * 2.0 * m.rank() * modules;
            return sum + adapterOut;
        }

        private void addActivationTerms(double aPart, Phase phase, double saved, double recompute, double inputs,
                                        Checkpointing ckpt, double perTokenLayer) {
            if (aPart <= 0) {
                return;
            }
            String perLayer = "per token per block: " + actDetail + " = " + num(perTokenLayer) + " B";
            if (ckpt == Checkpointing.NONE) {
                double kept = phase == Phase.BACKWARD_END ? aPart - recompute : Math.min(aPart, saved);
                String blocks = phase == Phase.BACKWARD_END ? "1" : Integer.toString(a.numLayers());
                addTerm(MemoryComponent.ACTIVATIONS, "Saved activations (" + blocks + (blocks.equals("1")
                                ? " block, the first, in its backward)" : " blocks)"), kept,
                        blocks + " × b·s × bytes per token per block", blocks + " × " + num(tokens) + " × "
                                + num(perTokenLayer) + " B; " + perLayer, SRC_ACT);
                if (aPart - kept > 0) {
                    addTerm(MemoryComponent.ACTIVATIONS, "Backward temporaries (activation gradients)", aPart - kept,
                            "2·b·s·max(I, h) × bytes", "2 × " + num(tokens) + " × max(I, h) × " + num(actBytes)
                                    + " B", SRC_CKPT);
                }
                return;
            }
            double kept = phase == Phase.BACKWARD_END ? 0 : saved;
            if (kept > 0) {
                addTerm(MemoryComponent.ACTIVATIONS, ckpt == Checkpointing.FULL ? "Checkpointed block inputs"
                                : "Block inputs in flight (rest offloaded to host)", kept,
                        ckpt == Checkpointing.FULL ? "L × b·s·h × " + num(actBytes) + " B"
                                : "2 × b·s·h × " + num(actBytes) + " B on GPU; L × b·s·h on host",
                        a.numLayers() + " × " + num(tokens) + " × " + a.hiddenSize() + " × " + num(actBytes)
                                + " B = " + gib(inputs) + " in total", SRC_CKPT);
            }
            double rest = aPart - kept;
            if (rest > 0) {
                addTerm(MemoryComponent.ACTIVATIONS, "One block recomputed in backward", rest,
                        "b·s × bytes per token per block + backward temporaries", num(tokens) + " × "
                                + num(perTokenLayer) + " B + 2·b·s·max(I, h)·" + num(actBytes) + " B; " + perLayer,
                        SRC_CKPT);
            }
        }

        // ---- logits ----------------------------------------------------------------------------------------

        private String logitsFormula = "";
        private String logitsInputs = "";

        private double logits() {
            String type = a.modelType();
            if (type.equals("bert") || type.endsWith("roberta") || type.equals("distilbert")) {
                logitsFormula = "encoder fine-tuned with a task head: no b·s·V logits";
                logitsInputs = "0";
                return 0;
            }
            double p = actBytes;
            double kept = fw.logitsUpcastInModel() ? 4 : p;
            double perLogit;
            String why;
            if (fw.fusedLoss()) {
                perLogit = p;
                why = "fused cross-entropy: logits only, gradient written in place";
            } else if (fw.lossInComputeDtype() && !amp && p < 4) {
                perLogit = t.loss() == Loss.CHUNKED ? p : 2 * p;
                why = "cross-entropy on " + num(p) + "-byte logits without upcast (logits + log-softmax)";
            } else if (t.compile()) {
                perLogit = t.loss() == Loss.CHUNKED ? p : kept + 4 + p;
                why = t.loss() == Loss.CHUNKED ? "compiled chunked cross-entropy keeps the 16-bit logits and a "
                        + "log-sum-exp" : "compiled cross-entropy: logits (" + num(kept) + " B) + fp32 gradient (4 B) "
                        + "+ its cast back (" + num(p) + " B)";
            } else if (t.loss() == Loss.CHUNKED) {
                perLogit = p + 4;
                why = "chunked: 16-bit logits + fp32 log-softmax per chunk; the upcast lives one chunk at a time";
            } else {
                double lsm = 4;
                double transients = 8;
                perLogit = kept + lsm + transients - (fw.logitsUpcastInModel() ? 4 : 0);
                why = "logits (" + num(kept) + " B) + fp32 log-softmax (4 B) + fp32 gradient transients (8 B)"
                        + (fw.logitsUpcastInModel() ? ", fp32 logits dropped before backward" : "");
            }
            double elements = (double) tokens * a.vocabSize();
            logitsFormula = "b·s·V × " + num(perLogit) + " B (" + why + ")";
            logitsInputs = num(tokens) + " × " + a.vocabSize() + " × " + num(perLogit) + " B";
            return elements * perLogit;
        }

        // ---- helpers -----------------------------------------------------------------------------------------

        /** GPUs sharing one host: host memory is reported per node. */
        private int gpusOnNode() {
            return Math.max(1, Math.min(gpus, hw.gpusPerNode()));
        }

        private void addTerm(MemoryComponent c, String label, double bytes, String formula, String inputs,
                             String source) {
            terms.add(new MemoryTerm(c, label, round(bytes), formula, inputs, source));
        }

        private static long round(double bytes) {
            return bytes <= 0 ? 0 : Math.round(bytes);
        }
    }

    /** "12.34 GiB" with two decimals, without String.format (it costs microseconds). */
    static String gib(double bytes) {
        long centi = Math.round(bytes / GIB * 100);
        long whole = centi / 100;
        long frac = Math.abs(centi % 100);
        return whole + "." + (frac < 10 ? "0" : "") + frac + " GiB";
    }

    /** A number without a trailing ".0", with thousands separated by commas when whole. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e18) {
            long x = (long) v;
            if (Math.abs(x) < 10_000) {
                return Long.toString(x);
            }
            StringBuilder sb = new StringBuilder(Long.toString(Math.abs(x)));
            for (int i = sb.length() - 3; i > 0; i -= 3) {
                sb.insert(i, ',');
            }
            return (x < 0 ? "-" : "") + sb;
        }
        double r = Math.round(v * 1000) / 1000.0;
        return Double.toString(r);
    }
}
