package org.finetuneplanner.core.memory;

import static org.finetuneplanner.core.memory.MemoryContext.bytesOf;
import static org.finetuneplanner.core.memory.MemoryEstimator.MIN_8BIT_SIZE;

import java.util.List;

import org.finetuneplanner.core.Bytes;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * The model states on one GPU, as ZeRO (Rajbhandari et al. 2020) names them — weights and autocast copies,
 * gradients, optimizer states — and the buffers that move them (DDP and ZeRO buckets, FSDP gathers, the update's
 * temporaries), with the terms that explain each. One instance per estimate.
 */
final class ModelStates {
    private final MemoryContext c;
    private final Architecture a;
    private final MethodSpec m;
    private final TrainingSpec t;
    private final HardwareSpec hw;
    private final FrameworkProfile fw;
    private final ParameterCounts pc;
    private final boolean explain;
    private final List<Note> notes;
    private final int gpus;
    private final Sharding sharding;
    private final int paramShard;
    private final int gradShard;
    private final int optShard;
    private final boolean amp;
    private final boolean adapters;
    private final boolean quantized;
    private final ActivationModel act;

    ModelStates(MemoryContext c) {
        this.c = c;
        this.a = c.a;
        this.m = c.m;
        this.t = c.t;
        this.hw = c.hw;
        this.fw = c.fw;
        this.pc = c.pc;
        this.explain = c.explain;
        this.notes = c.notes;
        this.gpus = c.gpus;
        this.sharding = c.sharding;
        this.paramShard = c.paramShard;
        this.gradShard = c.gradShard;
        this.optShard = c.optShard;
        this.amp = c.amp;
        this.adapters = c.adapters;
        this.quantized = c.quantized;
        this.act = c.act;
    }

    private void add(MemoryComponent component, Term.Builder term) {
        c.add(component, term);
    }

    /** A weights term's model-parallel split, when there is one: the counts it shows are one rank's. */
    private Term.Builder split(Term.Builder term) {
        boolean split = c.tp > 1 || c.par.pipeline() > 1 || c.par.expert() > 1;
        return term.in(Input.TP, c.tp, split).in(Input.PP, c.par.pipeline(), split)
                .in(Input.EP, c.par.expert(), split && c.par.expert() > 1);
    }

    // ---- weights -----------------------------------------------------------------------------------

    double weights() {
        boolean offloaded = hw.offload() == Offload.OPTIMIZER_AND_PARAMS;
        double w = weightsOnDevice(explain && !offloaded);
        if (offloaded) {
            c.hostBytes += w * c.gpusOnNode();
            if (explain) {
                add(MemoryComponent.WEIGHTS, Term.of(TermId.PARAMS_OFFLOADED, 0).in(Input.OFFLOADED, w)
                        .from(SourceId.PARAMS_OFFLOAD));
            }
            return 0;
        }
        return w;
    }

    /** The weights on the GPU; their terms are recorded only when {@code record}. */
    private double weightsOnDevice(boolean record) {
        if (!adapters) {
            double bytes = c.trainableBytes();
            double w = pc.base() * bytes / paramShard;
            if (record) {
                add(MemoryComponent.WEIGHTS, split(Term.of(TermId.MODEL_WEIGHTS, w).in(Input.N, pc.base())
                        .in(Input.BYTES, bytes).in(Input.SHARDS, paramShard))
                        .from(layoutSources(t.masterWeights() ? (fw.separateMaster() ? fw.source()
                                : SourceId.TORCH_AUTOCAST) : SourceId.PARAMETER_COUNTER)));
            }
            return w + unshardedCopy(record);
        }
        WeightStorage ws = c.baseStorage();
        double linearBytes = c.baseBytes();
        double otherBytes = bytesOf(t.precision());
        if (ws == WeightStorage.FP32) {
            otherBytes = 4;
        }
        boolean upcast = quantized && fw.kbitUpcast() && t.precision() != Precision.FP32;
        if (upcast) {
            otherBytes = 4;
        }
        double linear = pc.linear() * linearBytes / paramShard;
        double rest = (pc.embedding() + pc.other()) * otherBytes / paramShard;
        double adapterBytes = c.trainableBytes();
        double ad = pc.trainable() * adapterBytes / paramShard;
        if (record) {
            List<SourceId> linearSources = ws == WeightStorage.NF4
                    ? List.of(SourceId.QLORA_2023, SourceId.NF4_DOUBLE_QUANT)
                    : quantized ? List.of(SourceId.QLORA_2023) : List.of(SourceId.PARAMETER_COUNTER);
            add(MemoryComponent.WEIGHTS, split(Term.of(quantized ? TermId.FROZEN_LINEAR_QUANTIZED
                    : TermId.FROZEN_LINEAR, linear).about(ws).in(Input.N_LINEAR, pc.linear())
                    .in(Input.BYTES, linearBytes).in(Input.BITS, linearBytes * 8).in(Input.SHARDS, paramShard))
                    .from(layoutSources(linearSources)));
            SourceId restSource = upcast ? SourceId.PEFT_KBIT_UPCAST : SourceId.PARAMETER_COUNTER;
            add(MemoryComponent.WEIGHTS, split(Term.of(otherBytes == 4 && quantized ? TermId.EMBED_HEAD_NORMS_FP32
                    : TermId.EMBED_HEAD_NORMS, rest).in(Input.N_EMBED, pc.embedding()).in(Input.N_OTHER, pc.other())
                    .in(Input.BYTES, otherBytes).in(Input.SHARDS, paramShard))
                    .from(layoutSources(quantized ? List.of(SourceId.QLORA_2023, restSource) : List.of(restSource))));
            add(MemoryComponent.WEIGHTS, split(Term.of(TermId.ADAPTERS, ad).in(Input.N_TRAINABLE, pc.trainable())
                    .in(Input.BYTES, adapterBytes).in(Input.SHARDS, paramShard))
                    .from(layoutSources(adapterBytes == 4 && !t.masterWeights() ? SourceId.PEFT_FP32_ADAPTERS
                            : SourceId.PARAMETER_COUNTER)));
        }
        double w = linear + rest + ad + unshardedCopy(record);
        if (quantized) {
            // one linear is dequantised to 16 bit at a time, in forward and again in backward
            double dq = largestLinear() * 2;
            if (record) {
                add(MemoryComponent.WEIGHTS, Term.of(TermId.DEQUANTIZED_COPY, dq)
                        .in(Input.LARGEST_LINEAR, largestLinear()).from(SourceId.QLORA_2023));
            }
            w += dq;
        }
        return w;
    }

    private double largestLinear() {
        long h = a.hiddenSize();
        long mlpWidth = a.moe().isMoe() && a.moe().denseLayers() == 0 ? a.moe().expertIntermediate()
                : a.intermediateSize();
        // the biggest single matrix: an MLP projection or the fused q/k/v projection (its TP shard)
        return MemoryContext.over(Math.max((double) h * mlpWidth, (double) h * (a.queryWidth() + 2 * a.kvWidth())),
                c.tp);
    }

    /** The sources of a weights term, with the model-parallel split's when the model is split. */
    private List<SourceId> layoutSources(SourceId own) {
        return layoutSources(List.of(own));
    }

    private List<SourceId> layoutSources(List<SourceId> own) {
        if (c.tp == 1 && c.par.pipeline() == 1 && c.par.expert() == 1) {
            return own;
        }
        List<SourceId> all = new java.util.ArrayList<>(own);
        all.add(SourceId.MEGATRON_MEMORY);
        return all;
    }

    /** Matmul parameters autocast copies to 16 bit (for the explanation). */
    private double ampMatmul;

    /** Autocast's 16-bit copies of fp32 weights used by matmuls, alive from forward through backward. */
    double ampCopies() {
        if (!amp || fw.separateMaster()) {
            return 0;
        }
        boolean fp32Base = !adapters || c.baseStorage() == WeightStorage.FP32;
        double n = fp32Base ? pc.linear() + (a.tiedEmbeddings() ? 0 : pc.embedding() / 2.0) : 0;
        if (adapters) {
            n += pc.trainable();
        }
        ampMatmul = n;
        return n * 2 / paramShard;
    }

    /** Frameworks that materialise the whole model on every rank keep that copy beside the FSDP shards. */
    private double unshardedCopy(boolean record) {
        if (!fw.fsdpFullStateLoad() || paramShard == 1) {
            return 0;
        }
        double bytes = adapters ? (quantized ? c.baseBytes() : bytesOf(t.precision())) : c.trainableBytes();
        double full = pc.base() * bytes;
        if (record) {
            add(MemoryComponent.WEIGHTS, Term.of(TermId.UNSHARDED_MODEL, full).in(Input.N, pc.base())
                    .in(Input.BYTES, bytes).from(fw.source()));
        }
        notes.add(Note.of(NoteId.MEMORY_FSDP_FULL_MODEL));
        return full;
    }

    // ---- gradients and optimizer --------------------------------------------------------------------

    /** Bytes per gradient element and, with the optimizer in backward, the largest parameter (explanation). */
    private double gradBytes;
    private double gradLargest;

    private List<SourceId> gradSources() {
        if (t.optimizerInBackward()) {
            return List.of(SourceId.TORCHTUNE_OPTIMIZER_IN_BACKWARD);
        }
        SourceId own = t.masterWeights() && fw.separateMaster() ? fw.source() : SourceId.AUTOGRAD_GRADIENTS;
        if (c.tp > 1 || c.par.pipeline() > 1) {
            return gradShard > 1 ? List.of(own, SourceId.MEGATRON_MEMORY, SourceId.ZERO_2020)
                    : List.of(own, SourceId.MEGATRON_MEMORY);
        }
        return gradShard > 1 ? List.of(own, SourceId.ZERO_2020) : List.of(own);
    }

    double gradients() {
        long trainable = pc.trainable();
        double bytes = t.masterWeights() && fw.separateMaster()
                ? (fw.mainGradsFp32() ? 4 : bytesOf(t.precision()) + 4) : c.trainableBytes();
        if (t.optimizerInBackward()) {
            double largest = adapters ? Math.max(1, trainable / Math.max(1, c.stageLayers))
                    : MemoryContext.over((double) a.vocabSize() * a.hiddenSize(), c.tp);
            gradBytes = bytes;
            gradLargest = largest;
            return largest * bytes;
        }
        Offload off = hw.offload();
        if (off != Offload.NONE && fw.separateMaster()) {
            // ZeRO-Offload: gradients stream to host; the 16-bit bucket stays
            c.hostBytes += trainable * 4.0 / gradShard * c.gpusOnNode();
            bytes = bytesOf(t.precision());
        }
        if (off == Offload.OPTIMIZER_AND_PARAMS && !fw.separateMaster()) {
            // FSDP CPUOffload(offload_params=True): sharded gradients live on the host
            c.hostBytes += trainable * bytes / gradShard * c.gpusOnNode();
            return 0;
        }
        gradBytes = bytes;
        return trainable * bytes / gradShard;
    }

    double optimizerStates() {
        long trainable = pc.trainable();
        Optimizer o = t.optimizer();
        // bitsandbytes' 32-bit optimizers keep fp32 states whatever the parameters' dtype (Optimizer2State
        // .init_state: optim_bits == 32 → get_state_buffer(p, dtype=torch.float32)); torch's AdamW keeps the
        // parameter's dtype
        double stateBytes = t.masterWeights() || o == Optimizer.PAGED_ADAMW_32BIT ? 4 : c.trainableBytes();
        double perParam = switch (o) {
            case ADAMW, PAGED_ADAMW_32BIT -> 2 * stateBytes;
            case ADAMW_8BIT, PAGED_ADAMW_8BIT -> 2 * (1 + 4.0 / 2048);
            case SGD -> 0;
            case SGD_MOMENTUM, LION -> stateBytes;
            case ADAFACTOR -> 4.0 * 2 / a.hiddenSize() + 4.0 / Math.max(1, act.effectiveIntermediate());
        };
        double states = trainable * perParam;
        double master = t.masterWeights() && fw.separateMaster() ? trainable * 4.0 : 0;
        boolean paged = o == Optimizer.PAGED_ADAMW_32BIT || o == Optimizer.PAGED_ADAMW_8BIT;
        double gpu = (states + master) / optShard;
        if (hw.offload() != Offload.NONE) {
            c.hostBytes += (states + master) / optShard * c.gpusOnNode();
            if (explain) {
                add(MemoryComponent.OPTIMIZER, Term.of(offloadedStates(o), 0).about(o)
                        .in(Input.N_TRAINABLE, trainable).in(Input.STATE_BYTES, stateBytes)
                        .from(SourceId.OPTIMIZER_OFFLOAD));
            }
            return 0;
        }
        if (paged) {
            c.hostBytes += gpu * c.gpusOnNode();
            if (explain) {
                add(MemoryComponent.OPTIMIZER, Term.of(o == Optimizer.PAGED_ADAMW_8BIT ? TermId.OPTIMIZER_PAGED_8BIT
                        : TermId.OPTIMIZER_PAGED_TWO_MOMENTS, 0).about(o).in(Input.N_TRAINABLE, trainable)
                        .in(Input.PER_PARAMETER, perParam).in(Input.STATE_BYTES, stateBytes)
                        .in(Input.STATES, states).from(SourceId.BNB_PAGED_OPTIMIZER));
            }
            notes.add(Note.of(NoteId.MEMORY_PAGED_OPTIMIZER, Bytes.of(gpu)));
            return 0;
        }
        if (explain && states > 0) {
            add(MemoryComponent.OPTIMIZER, Term.of(residentStates(o), states / optShard).about(o)
                    .in(Input.N_TRAINABLE, trainable).in(Input.PER_PARAMETER, perParam)
                    .in(Input.STATE_BYTES, stateBytes).in(Input.SHARDS, optShard)
                    .from(optShard > 1 ? List.of(SourceId.OPTIMIZER_STATES, SourceId.ZERO_2020)
                            : List.of(SourceId.OPTIMIZER_STATES)));
        }
        if (explain && master > 0) {
            add(MemoryComponent.OPTIMIZER, Term.of(TermId.MASTER_WEIGHTS, master / optShard)
                    .in(Input.N_TRAINABLE, trainable).in(Input.SHARDS, optShard).from(fw.source()));
        }
        if (o == Optimizer.ADAMW_8BIT && pc.other() > 0) {
            notes.add(Note.of(NoteId.MEMORY_8BIT_SMALL_TENSORS, MIN_8BIT_SIZE));
        }
        return gpu;
    }

    private static TermId residentStates(Optimizer o) {
        return switch (o) {
            case ADAMW, PAGED_ADAMW_32BIT -> TermId.OPTIMIZER_STATES_TWO_MOMENTS;
            case ADAMW_8BIT, PAGED_ADAMW_8BIT -> TermId.OPTIMIZER_STATES_8BIT;
            case SGD, SGD_MOMENTUM, LION -> TermId.OPTIMIZER_STATES_ONE_MOMENT;
            case ADAFACTOR -> TermId.OPTIMIZER_STATES_FACTORED;
        };
    }

    private static TermId offloadedStates(Optimizer o) {
        return switch (o) {
            case ADAMW, PAGED_ADAMW_32BIT -> TermId.OPTIMIZER_OFFLOADED_TWO_MOMENTS;
            case ADAMW_8BIT, PAGED_ADAMW_8BIT -> TermId.OPTIMIZER_OFFLOADED_8BIT;
            case SGD -> TermId.OPTIMIZER_OFFLOADED_NO_STATE;
            case SGD_MOMENTUM, LION -> TermId.OPTIMIZER_OFFLOADED_ONE_MOMENT;
            case ADAFACTOR -> TermId.OPTIMIZER_OFFLOADED_FACTORED;
        };
    }

    /** The update's temporaries, as explained: multi-tensor or per tensor, and its numbers. */
    private boolean stepForeach;
    private double stepStateBytes;
    private double stepFactor;
    private double stepLargest;

    double optimizerTemporaries() {
        Optimizer o = t.optimizer();
        boolean paged = o == Optimizer.PAGED_ADAMW_32BIT || o == Optimizer.PAGED_ADAMW_8BIT;
        if (hw.offload() != Offload.NONE || paged || o == Optimizer.SGD || t.optimizerInBackward()) {
            return 0;
        }
        double stateBytes = o == Optimizer.ADAMW_8BIT ? 4 : (t.masterWeights() ? 4 : c.trainableBytes());
        double largest = adapters ? (double) pc.trainable() / Math.max(1, c.stageLayers)
                : MemoryContext.over((double) a.vocabSize() * a.hiddenSize(), c.tp);
        stepStateBytes = stateBytes;
        if (fw.foreachOptimizer() && (o == Optimizer.ADAMW || o == Optimizer.LION
                || o == Optimizer.SGD_MOMENTUM)) {
            stepForeach = true;
            return pc.trainable() * stateBytes / optShard;
        }
        double factor = o == Optimizer.ADAFACTOR ? 2 : 1;
        stepFactor = factor;
        stepLargest = largest;
        return factor * largest * stateBytes;
    }

    // ---- buffers -------------------------------------------------------------------------------------

    double persistentBuffers() {
        double b = 0;
        if (sharding == Sharding.DDP && !fw.separateMaster()) {
            double bucket = pc.trainable() * c.trainableBytes();
            if (explain) {
                add(MemoryComponent.BUFFERS, Term.of(TermId.DDP_BUCKETS, bucket).in(Input.N_TRAINABLE, pc.trainable())
                        .in(Input.BYTES, c.trainableBytes()).from(SourceId.DDP_BUCKETS));
            }
            b += bucket;
        }
        if (fw.commBucketElements() > 0 && gpus > 1 && paramShard == 1) {
            double elems = Math.min(fw.commBucketElements(), pc.trainable());
            double bucket = 2 * elems * bytesOf(t.precision());
            if (explain) {
                add(MemoryComponent.BUFFERS, Term.of(TermId.ZERO_BUCKETS, bucket).in(Input.ELEMENTS, elems)
                        .in(Input.BYTES, bytesOf(t.precision())).from(SourceId.DEEPSPEED_BUCKETS));
            }
            b += bucket;
        }
        return b;
    }

    /** The gather buffers, as explained: whether parameters are gathered, and the numbers. */
    private boolean gatherGathers;
    private double gatherBlock;
    private double gatherWeightBytes;
    private double gatherRoot;
    private double gatherBlockTrainable;
    private double gatherGradBytes;

    double gatherBuffers() {
        boolean streamed = hw.offload() == Offload.OPTIMIZER_AND_PARAMS;
        if (paramShard == 1 && gradShard == 1 && !streamed) {
            return 0;
        }
        double block = (double) ParameterCounter.blockParameters(a) / c.tp;
        // Mixed precision under FSDP is FSDP's MixedPrecision: fp32 shards, all-gathered and holding their
        // unsharded gradients in param_dtype, the compute precision (PyTorch FSDP MixedPrecision docs: "the
        // dtype for model parameters during forward and backward"; accelerate and Lightning set it from
        // bf16/fp16 mixed precision). Only the fp32 shards and the optimizer keep 4 bytes.
        double unshardedBytes = t.masterWeights() && c.halfPrecision() ? bytesOf(t.precision()) : c.trainableBytes();
        double wBytes = adapters ? (quantized ? c.baseBytes() : bytesOf(t.precision()))
                : unshardedBytes;
        double gBytes = adapters ? c.trainableBytes() : unshardedBytes;
        double trainableShare = adapters ? (double) pc.adapter() / Math.max(1, pc.base()) : 1;
        double gatherW = 0;
        double root = 0;
        boolean gathers = paramShard > 1 || streamed;
        if (gathers) {
            gatherW = 2.0 * block * wBytes;
            if (fw.separateMaster()) {
                gatherW = 4.0 * block * wBytes / 2;
            } else if (fw.shardsEmbeddings()) {
                root = (double) a.vocabSize() * a.hiddenSize() / c.tp * bytesOf(t.precision());
            } else {
                root = pc.embedding() * bytesOf(t.precision());
            }
        }
        double reduce = 2.0 * block * trainableShare * gBytes;
        gatherGathers = gathers;
        gatherBlock = block;
        gatherWeightBytes = wBytes;
        gatherRoot = root;
        gatherBlockTrainable = block * trainableShare;
        gatherGradBytes = gBytes;
        return gatherW + root + reduce;
    }


    // ---- the terms whose presence depends on the phase of the peak -----------------------------------------

    /** Autocast's copies live from forward through backward. */
    void explainAutocast(double ampCopies, Phase phase) {
        if (ampCopies > 0 && phase != Phase.OPTIMIZER_STEP) {
            // The copies are freed with the backward: the optimizer step holds none.
            add(MemoryComponent.WEIGHTS, Term.of(TermId.AUTOCAST_COPIES, ampCopies).in(Input.N_MATMUL, ampMatmul)
                    .in(Input.SHARDS, paramShard).from(SourceId.TORCH_AUTOCAST));
        }
    }

    void explainGradients(double gPart, Phase phase) {
        if (gPart > 0) {
            TermId id = t.optimizerInBackward() ? TermId.GRADIENTS_IN_BACKWARD
                    : phase == Phase.LOSS || phase == Phase.BACKWARD_START ? TermId.GRADIENTS_ACCUMULATED
                    : TermId.GRADIENTS;
            add(MemoryComponent.GRADIENTS, Term.of(id, gPart).in(Input.N_TRAINABLE, pc.trainable())
                    .in(Input.BYTES, gradBytes).in(Input.SHARDS, gradShard)
                    .in(Input.LARGEST_PARAMETER, gradLargest, t.optimizerInBackward())
                    .from(gradSources()));
        }
    }

    void explainStepTemporaries(double stepBuffers, Phase phase) {
        if (phase == Phase.OPTIMIZER_STEP && stepBuffers > 0) {
            add(MemoryComponent.BUFFERS, Term.of(stepForeach ? TermId.STEP_TEMPORARIES_FOREACH
                    : TermId.STEP_TEMPORARIES_PER_TENSOR, stepBuffers).in(Input.N_TRAINABLE, pc.trainable())
                    .in(Input.STATE_BYTES, stepStateBytes).in(Input.SHARDS, optShard, stepForeach)
                    .in(Input.FACTOR, stepFactor, !stepForeach).in(Input.LARGEST_TENSOR, stepLargest, !stepForeach)
                    .from(SourceId.OPTIMIZER_STATES));
        }
    }

    void explainGather(double gather, double bPart, Phase phase) {
        if (bPart > 0 && gather > 0 && phase != Phase.OPTIMIZER_STEP) {
            add(MemoryComponent.BUFFERS, Term.of(gatherGathers ? TermId.GATHER_BUFFERS : TermId.REDUCE_BUFFERS,
                    gather).in(Input.BLOCK, gatherBlock, gatherGathers)
                    .in(Input.WEIGHT_BYTES, gatherWeightBytes, gatherGathers).in(Input.ROOT, gatherRoot, gatherGathers)
                    .in(Input.BLOCK_TRAINABLE, gatherBlockTrainable)
                    .in(Input.GRAD_BYTES, gatherGradBytes).from(SourceId.FSDP_BUFFERS));
        }
    }
}
