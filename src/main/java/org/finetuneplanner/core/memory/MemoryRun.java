package org.finetuneplanner.core.memory;

import static org.finetuneplanner.core.memory.MemoryContext.round;
import static org.finetuneplanner.core.memory.MemoryEstimator.ALLOCATOR_FLOOR_GIB;
import static org.finetuneplanner.core.memory.MemoryEstimator.CUDA_CONTEXT_GIB;
import static org.finetuneplanner.core.memory.MemoryEstimator.FRAGMENTATION_STATIC;
import static org.finetuneplanner.core.memory.MemoryEstimator.FRAGMENTATION_TRANSIENT;
import static org.finetuneplanner.core.memory.MemoryEstimator.GIB;
import static org.finetuneplanner.core.memory.MemoryEstimator.NCCL_GIB;

import java.util.List;
import java.util.OptionalLong;

import org.finetuneplanner.core.Bytes;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;

/**
 * One memory estimate: the model states, the activations and logits of each phase of the step, the peak, the
 * caching allocator and the context. Computes the totals; when asked to {@code explain}, it also records every
 * contribution as a {@link MemoryTerm} (only then: the planner's search and a slider tick build none). Lives for a
 * single call of {@link MemoryEstimator}.
 */
final class MemoryRun {
    private final MemoryContext c;
    private final ModelStates model;
    private final Architecture a;
    private final TrainingSpec t;
    private final HardwareSpec hw;
    private final FrameworkProfile fw;
    private final boolean explain;
    private final List<Note> notes;
    private final int gpus;
    private final double actBytes;
    private final long tokens;
    private final boolean adapters;
    private final ActivationModel act;

    MemoryRun(Scenario s, boolean explain) {
        this.c = new MemoryContext(s, explain);
        this.model = new ModelStates(c);
        this.a = c.a;
        this.t = c.t;
        this.hw = c.hw;
        this.fw = c.fw;
        this.explain = explain;
        this.notes = c.notes;
        this.gpus = c.gpus;
        this.actBytes = c.actBytes;
        this.tokens = c.tokens;
        this.adapters = c.adapters;
        this.act = c.act;
    }

    /** The explained terms, grouped by memory part in the order the parts are drawn (after {@link #estimate}). */
    List<MemoryTerm> terms() {
        return c.terms();
    }

    private void add(MemoryComponent component, Term.Builder term) {
        c.add(component, term);
    }

    MemoryEstimate estimate() {
        // ---- long-lived parts -------------------------------------------------------------------------
        double weights = model.weights();
        double ampCopies = model.ampCopies();
        double states = model.optimizerStates();
        double grads = model.gradients();
        double gradsDuringForward = t.gradientAccumulationSteps() > 1 && !t.optimizerInBackward() ? grads : 0;
        double persistentBuffers = model.persistentBuffers();
        double stepBuffers = model.optimizerTemporaries();

        // ---- activations ---------------------------------------------------------------------------
        Checkpointing ckpt = t.checkpointing();
        if (ckpt == Checkpointing.FULL && fw.offloadCheckpoints()) {
            ckpt = Checkpointing.OFFLOAD;
        }
        boolean selective = ckpt == Checkpointing.SELECTIVE;
        double perTokenLayer = selective ? act.perTokenLayerSelective() : act.perTokenLayer();
        double layerWorking = perTokenLayer * tokens;
        // Tensors as wide as the model are split over TP only with sequence parallelism.
        double hLocal = MemoryContext.over(a.hiddenSize(), c.tsp);
        double finalNorm = tokens * hLocal * (act.normInputBytes() + actBytes);
        double blockInput = tokens * hLocal * actBytes;
        // The activation gradients a block's backward works with, checkpointed or not.
        double backwardTransient = 2.0 * tokens * Math.max(MemoryContext.over(act.effectiveIntermediate(), c.tp),
                hLocal) * actBytes;
        // Ring attention holds a received K/V chunk while it computes on the current one (TE
        // AttnFuncWithCPAndKVP2P); expert parallelism the dispatched and combined tokens of one MoE layer.
        ring = c.cp > 1 ? 2.0 * tokens * a.kvWidth() / c.tp * actBytes : 0;
        dispatch = c.par.expert() > 1 && a.moe().isMoe()
                ? 2.0 * tokens * a.moe().expertsPerToken() * hLocal * actBytes : 0;
        // What one block's backward holds at the end of the backward pass (the first block): its saved tensors
        // and the activation-gradient temporaries, whether they were kept from forward or recomputed.
        double lastBlockBackward = layerWorking + backwardTransient + ring + dispatch
                + (selective ? act.coreBytes() * tokens : 0);
        double recompute = ckpt == Checkpointing.NONE || selective
                // selective recompute remakes one block's attention core at a time
                ? backwardTransient + ring + dispatch + (selective ? act.coreBytes() * tokens : 0)
                // The recomputed block's input is one of the checkpointed (or brought-back) inputs and also the
                // first tensor its working set saves: counted once.
                : layerWorking + backwardTransient - blockInput + ring + dispatch;
        // Pipeline parallelism (1F1B): the first stage holds the micro-batches in flight (min(GA, PP), × (1 +
        // (PP−1)/(PP·VP)) when interleaved: Narayanan et al. 2021 §2.2, Megatron theoretical_memory_usage.py) and
        // the embedding; the last one holds one micro-batch, the final norm, the head and the logits.
        int pp = c.par.pipeline();
        double logits = lossBytes();
        inFlight = 1;
        boolean lastStage = true;
        if (pp > 1) {
            int ga = t.gradientAccumulationSteps();
            double first = Math.min(ga, pp) * (c.par.virtualStages() > 1 && ga >= pp
                    ? 1 + (pp - 1.0) / ((double) pp * c.par.virtualStages()) : 1);
            if (savedActivations(ckpt, first, layerWorking, blockInput, 0)
                    > savedActivations(ckpt, 1, layerWorking, blockInput, finalNorm) + logits) {
                inFlight = first;
                lastStage = false;
                logits = 0;
            }
        }
        double saved = savedActivations(ckpt, inFlight, layerWorking, blockInput, lastStage ? finalNorm : 0);
        double inputs = inFlight * c.stageLayers * blockInput;
        if (ckpt == Checkpointing.OFFLOAD) {
            c.hostBytes += inputs * c.gpusOnNode();
        }
        double gather = model.gatherBuffers();

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
        double oPart = states;

        // ---- caching allocator, context ----------------------------------------------------------------
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
        double context = CUDA_CONTEXT_GIB * GIB + (gpus > 1 ? NCCL_GIB * GIB : 0);

        if (explain) {
            model.explainAutocast(ampCopies, phase);
            explainActivations(aPart, phase, saved, recompute, inputs, ckpt);
            explainLogits(lPart);
            model.explainGradients(gPart, phase);
            model.explainStepTemporaries(stepBuffers, phase);
            model.explainGather(gather, bPart, phase);
            boolean gradsChurn = gPart == grads && !adapters;
            add(MemoryComponent.ALLOCATOR, Term.of(TermId.ALLOCATOR, allocator)
                    .in(Input.FRAGMENTATION_TRANSIENT, transientShare())
                    .in(Input.FRAGMENTATION_STATIC, FRAGMENTATION_STATIC).in(Input.FLOOR_GIB, ALLOCATOR_FLOOR_GIB)
                    .in(Input.CHURN, aPart + lPart + bPart + (gradsChurn ? gPart : 0))
                    .in(Input.STATIC, wPart + oPart + (gradsChurn ? 0 : gPart))
                    .in(Input.OTHER_PHASE, otherPhase, otherPhase > 0).from(fw.expandableSegments()
                            ? List.of(SourceId.CACHING_ALLOCATOR, fw.source()) : List.of(SourceId.CACHING_ALLOCATOR)));
            add(MemoryComponent.CUDA_CONTEXT, Term.of(TermId.CUDA_CONTEXT, CUDA_CONTEXT_GIB * GIB)
                    .in(Input.CONTEXT_GIB, CUDA_CONTEXT_GIB).from(SourceId.CUDA_CONTEXT));
            if (gpus > 1) {
                add(MemoryComponent.CUDA_CONTEXT, Term.of(TermId.NCCL, NCCL_GIB * GIB)
                        .in(Input.CONTEXT_GIB, NCCL_GIB).from(SourceId.CUDA_CONTEXT));
            }
        }

        MemoryBreakdown breakdown = new MemoryBreakdown(round(wPart), round(gPart), round(oPart), round(aPart),
                round(lPart), round(bPart), round(allocator), round(context));
        // Every phase's own parts and reserve, so a reader can see the others (the peak's is the breakdown).
        double persistent = persistentBuffers + gather;
        List<PhaseMemory> phases = List.of(
                phase(Phase.LOSS, phase, breakdown, weights + ampCopies, gradsDuringForward, states, saved, logits,
                        persistent, grads, context),
                phase(Phase.BACKWARD_START, phase, breakdown, weights + ampCopies, gradsDuringForward, states,
                        saved + recompute, 0, persistent, grads, context),
                phase(Phase.BACKWARD_END, phase, breakdown, weights + ampCopies, grads, states, lastBlockBackward, 0,
                        persistent, grads, context),
                phase(Phase.OPTIMIZER_STEP, phase, breakdown, weights, grads, states, 0, 0,
                        persistentBuffers + stepBuffers, grads, context));
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
        OptionalLong host = hw.hostMemoryGib().isPresent()
                ? OptionalLong.of(Math.round(hw.hostMemoryGib().getAsDouble() * GIB)) : OptionalLong.empty();
        return new MemoryEstimate(breakdown, round(c.hostBytes), capacity, notes, phases, host);
    }

    /** One phase's memory: its live parts, its own allocator reserve, the context; the peak's is the breakdown. */
    private PhaseMemory phase(Phase which, Phase peak, MemoryBreakdown peakParts, double w, double g, double o,
                              double a, double l, double b, double grads, double context) {
        if (which == peak) {
            return new PhaseMemory(which, peakParts, true);
        }
        return new PhaseMemory(which, new MemoryBreakdown(round(w), round(g), round(o), round(a), round(l), round(b),
                round(fragmentation(w, g, grads, o, a + l + b)), round(context)), false);
    }

    /** The pipeline micro-batches whose activations the most loaded stage holds (explanation). */
    private double inFlight;
    /** Ring-attention K/V chunks and expert-parallel dispatch buffers of the block being processed. */
    private double ring;
    private double dispatch;

    /**
     * The activations saved through the forward for {@code inFlight} micro-batches of the stage's blocks: every
     * saved tensor (or all but the attention core's), each block's input under full checkpointing, or two inputs
     * in flight when they are offloaded (never more than the model has blocks: a one-block model keeps one).
     */
    private double savedActivations(Checkpointing ckpt, double inFlight, double layerWorking, double blockInput,
                                    double finalNorm) {
        return finalNorm + switch (ckpt) {
            case NONE, SELECTIVE -> inFlight * c.stageLayers * layerWorking;
            case FULL -> inFlight * c.stageLayers * blockInput;
            case OFFLOAD -> Math.min(2, c.stageLayers) * blockInput;
        };
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
        return transientShare() * churn + FRAGMENTATION_STATIC * staticPart + ALLOCATOR_FLOOR_GIB * GIB;
    }

    /** The share of churning memory left as fragments: none when segments expand in place. */
    private double transientShare() {
        return fw.expandableSegments() ? 0 : FRAGMENTATION_TRANSIENT;
    }

    // ---- activations ---------------------------------------------------------------------------------

    private void explainActivations(double aPart, Phase phase, double saved, double recompute, double inputs,
                                    Checkpointing ckpt) {
        if (aPart <= 0) {
            return;
        }
        double buffers = phase == Phase.LOSS ? 0 : explainBuffers();
        boolean keepsBlocks = ckpt == Checkpointing.NONE || ckpt == Checkpointing.SELECTIVE;
        if (keepsBlocks) {
            boolean first = phase == Phase.BACKWARD_END;
            double kept = first ? aPart - recompute : Math.min(aPart, saved);
            TermId id = first ? TermId.ACTIVATIONS_FIRST_BLOCK : ckpt == Checkpointing.SELECTIVE
                    ? TermId.ACTIVATIONS_SELECTIVE : inFlight != 1 || c.par.pipeline() > 1
                    ? TermId.ACTIVATIONS_IN_FLIGHT : TermId.ACTIVATIONS_SAVED;
            add(MemoryComponent.ACTIVATIONS, layout(act.describe(Term.of(id, kept).in(Input.LAYERS, c.stageLayers)
                    .in(Input.TOKENS, tokens).in(Input.CORE_BYTES, act.coreBytes(), id == TermId.ACTIVATIONS_SELECTIVE)
                    .in(Input.IN_FLIGHT, inFlight, c.par.pipeline() > 1 && !first)))
                    .from(activationSources(ckpt)));
            if (aPart - kept - buffers > 0) {
                add(MemoryComponent.ACTIVATIONS, Term.of(TermId.BACKWARD_TEMPORARIES, aPart - kept - buffers)
                        .in(Input.TOKENS, tokens).in(Input.ACT_BYTES, actBytes).from(SourceId.CHECKPOINTING));
            }
            return;
        }
        double kept = phase == Phase.BACKWARD_END ? 0 : saved;
        if (kept > 0) {
            add(MemoryComponent.ACTIVATIONS, layout(Term.of(ckpt == Checkpointing.FULL ? TermId.CHECKPOINTED_INPUTS
                    : TermId.OFFLOADED_INPUTS, kept).in(Input.LAYERS, c.stageLayers).in(Input.TOKENS, tokens)
                    .in(Input.HIDDEN, a.hiddenSize()).in(Input.ACT_BYTES, actBytes).in(Input.INPUTS_TOTAL, inputs)
                    .in(Input.IN_FLIGHT, inFlight, c.par.pipeline() > 1))
                    .from(activationSources(Checkpointing.FULL)));
        }
        double rest = aPart - kept - buffers;
        if (rest > 0) {
            add(MemoryComponent.ACTIVATIONS, act.describe(Term.of(TermId.RECOMPUTED_BLOCK, rest)
                    .in(Input.TOKENS, tokens).in(Input.ACT_BYTES, actBytes)).from(SourceId.CHECKPOINTING));
        }
    }

    /** The context- and expert-parallel buffers of the block being processed; their bytes. */
    private double explainBuffers() {
        if (ring > 0) {
            add(MemoryComponent.ACTIVATIONS, Term.of(TermId.RING_BUFFERS, ring).in(Input.TOKENS, tokens)
                    .in(Input.KV_WIDTH, a.kvWidth()).in(Input.TP, c.tp).in(Input.CP, c.cp)
                    .in(Input.ACT_BYTES, actBytes).from(SourceId.RING_ATTENTION));
        }
        if (dispatch > 0) {
            add(MemoryComponent.ACTIVATIONS, Term.of(TermId.DISPATCH_BUFFERS, dispatch).in(Input.TOKENS, tokens)
                    .in(Input.TOP_K, a.moe().expertsPerToken()).in(Input.HIDDEN, a.hiddenSize())
                    .in(Input.EP, c.par.expert()).in(Input.ACT_BYTES, actBytes).from(SourceId.EXPERT_PARALLEL));
        }
        return ring + dispatch;
    }

    /** An activation term's model-parallel split, when there is one. */
    private Term.Builder layout(Term.Builder term) {
        return term.in(Input.TP, c.tp, c.tp > 1).in(Input.CP, c.cp, c.cp > 1)
                .in(Input.PP, c.par.pipeline(), c.par.pipeline() > 1);
    }

    private List<SourceId> activationSources(Checkpointing ckpt) {
        List<SourceId> sources = new java.util.ArrayList<>(4);
        sources.add(ckpt == Checkpointing.FULL ? SourceId.CHECKPOINTING : SourceId.KORTHIKANTI_2022);
        if (ckpt == Checkpointing.SELECTIVE) {
            sources.add(SourceId.SELECTIVE_RECOMPUTE);
        }
        if (c.tsp > 1) {
            sources.add(SourceId.SEQUENCE_PARALLEL);
        } else if (c.tp > 1) {
            sources.add(SourceId.TENSOR_PARALLEL);
        }
        if (c.par.pipeline() > 1) {
            sources.add(SourceId.PIPELINE_PARALLEL);
        }
        if (c.cp > 1) {
            sources.add(SourceId.RING_ATTENTION);
        }
        return sources;
    }

    // ---- logits ----------------------------------------------------------------------------------------

    private void explainLogits(double lPart) {
        if (lPart <= 0) {
            return;
        }
        if (logitsId == TermId.LOGITS_FUSED_LINEAR) {
            add(MemoryComponent.LOGITS, Term.of(logitsId, lPart).in(Input.TOKENS, tokens)
                    .in(Input.VOCAB, a.vocabSize()).in(Input.HIDDEN, a.hiddenSize()).in(Input.CHUNK_ROWS, chunkRows)
                    .in(Input.ACT_BYTES, actBytes).in(Input.TP, c.tp, c.tp > 1).in(Input.HEAD_TRAINED, 1, headTrained)
                    .from(SourceId.FUSED_LINEAR_CROSS_ENTROPY));
            return;
        }
        add(MemoryComponent.LOGITS, Term.of(logitsId, lPart).in(Input.TOKENS, tokens)
                .in(Input.VOCAB, a.vocabSize()).in(Input.BYTES, logitBytes).in(Input.ACT_BYTES, actBytes)
                .in(Input.KEPT_BYTES, logitsKept)
                .in(Input.LOGITS_DROPPED, 1, fw.logitsUpcastInModel() && logitsId == TermId.LOGITS_STANDARD)
                .in(Input.TP, c.tp, c.tp > 1)
                .from(logitsId == TermId.LOGITS_VOCAB_PARALLEL ? SourceId.VOCAB_PARALLEL_CROSS_ENTROPY
                        : SourceId.LOGITS));
    }


    /** The cross-entropy's formula and its bytes per logit (explanation). */
    private TermId logitsId = TermId.LOGITS_STANDARD;
    private double logitBytes;
    private double logitsKept;
    private double chunkRows;
    private boolean headTrained;

    /**
     * The loss's bytes on one GPU (the last pipeline stage's): the logits over the TP shard of the vocabulary and
     * what the cross-entropy keeps, per implementation.
     */
    double lossBytes() {
        String type = a.modelType();
        if (type.equals("bert") || type.endsWith("roberta") || type.equals("distilbert")) {
            // an encoder fine-tuned with a task head has no b·s·V logits
            return 0;
        }
        double p = actBytes;
        double vocab = MemoryContext.over(a.vocabSize(), c.tp);
        if (t.loss() == Loss.FUSED) {
            return fusedLinearLoss(p, vocab);
        }
        double kept = fw.logitsUpcastInModel() ? 4 : p;
        double perLogit;
        if (fw.vocabParallelLoss()) {
            // VocabParallelCrossEntropy: the 16-bit logits, their fp32 copy turned into the softmax in place and
            // kept for backward, whose gradient is written into it
            perLogit = p + 4;
            logitsId = TermId.LOGITS_VOCAB_PARALLEL;
        } else if (fw.fusedLoss()) {
            perLogit = p;
            logitsId = TermId.LOGITS_FUSED;
        } else if (fw.lossInComputeDtype()) {
            // LitGPT's chunked_cross_entropy takes the logits as the model returns them (fp32 from Fabric's
            // precision plugin, whose convert_output casts outputs to the default dtype) and keeps a log-softmax
            // of the same width per 128-row chunk: 4 + 4 B per logit, the 16-bit head output already freed
            perLogit = t.loss() == Loss.CHUNKED ? kept : 2 * kept;
            logitsId = TermId.LOGITS_NO_UPCAST;
        } else if (t.compile()) {
            perLogit = t.loss() == Loss.CHUNKED ? p : kept + 4 + p;
            logitsId = t.loss() == Loss.CHUNKED ? TermId.LOGITS_COMPILED_CHUNKED : TermId.LOGITS_COMPILED;
        } else if (t.loss() == Loss.CHUNKED) {
            perLogit = p + 4;
            logitsId = TermId.LOGITS_CHUNKED;
        } else {
            double lsm = 4;
            double transients = 8;
            perLogit = kept + lsm + transients - (fw.logitsUpcastInModel() ? 4 : 0);
            logitsId = TermId.LOGITS_STANDARD;
        }
        logitBytes = perLogit;
        logitsKept = kept;
        double elements = (double) tokens * vocab;
        return elements * perLogit;
    }

    /**
     * Fused linear cross-entropy (Liger {@code fused_linear_cross_entropy.py}): the tokens go through the head in
     * chunks of {@code next_pow2(⌈b·s / ⌈V/h⌉⌉)} rows, so one chunk's logits (≈ b·s·h values) live at a time, with
     * their gradient written in place; the gradient of the hidden states ({@code b·s·h}) and an fp32 loss per token
     * are kept until backward, and the head's weight gradient when the head is trained. Apple's Cut Cross-Entropy
     * keeps less (no logits at all), so this is the upper one of the two.
     */
    private double fusedLinearLoss(double p, double vocab) {
        double bt = tokens;
        double incFactor = Math.ceil(vocab / a.hiddenSize());
        double chunk = Math.min(bt, nextPowerOfTwo(Math.ceil(bt / incFactor)));
        headTrained = !adapters || c.m.extraTrainable().contains(ExtraTrainable.LM_HEAD)
                || c.m.targets().contains(LoraTarget.LM_HEAD);
        chunkRows = chunk;
        logitsId = TermId.LOGITS_FUSED_LINEAR;
        return chunk * vocab * p + bt * a.hiddenSize() * p + 4 * bt
                + (headTrained ? vocab * a.hiddenSize() * p : 0);
    }

    /** Triton's {@code next_power_of_2}: the smallest power of two ≥ x. */
    static double nextPowerOfTwo(double x) {
        long n = (long) Math.ceil(x);
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }

}
