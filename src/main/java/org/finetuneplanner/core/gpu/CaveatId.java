package org.finetuneplanner.core.gpu;

import java.util.Optional;

import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * What a buyer must know about running a job on a GPU, as a stable id ({@code no-bf16}). The GPU catalog says which
 * GPU has which fact, with its source ({@link GpuCaveat}); {@link #relevant(Scenario)} says when a fact matters for
 * one setup (a missing NVLink only for several GPUs, a missing BF16 only when the job asks BF16). The text layer
 * words each as {@code caveat.<CONSTANT>}. Two are derived by the planner rather than listed per GPU:
 * {@link #RENTAL_UNIT} (the offer rents whole instances) and {@link #OFFLOAD_HOST_MEMORY} (the setup needs host
 * memory). The facts come from the team's {@code reference/gpu-caveats.md}; facts it marks unconfirmed are never
 * hard rules, at most a caveat.
 */
public enum CaveatId implements Identified {
    /** No BF16 tensor cores (CC &lt; 8.0): BF16 errors or runs emulated; FP16 with loss scaling is what runs. */
    NO_BF16("no-bf16"),
    /** No FP8 tensor cores: FP8 training is unavailable. */
    NO_FP8("no-fp8"),
    /** Ada FP8: per-tensor scaling only in Transformer Engine. */
    FP8_ADA_LIMITED("fp8-ada-limited"),
    /** Consumer Blackwell FP8: no MXFP8; a CUDA 12.8+ stack. */
    FP8_BLACKWELL_CONSUMER("fp8-blackwell-consumer"),
    /** MI300-series FP8: FNUZ encodings and the ROCm Transformer Engine fork. */
    ROCM_FP8("rocm-fp8"),
    /** FlashAttention-2 needs Ampere or newer. */
    NO_FLASH_ATTN_2("no-flash-attn-2"),
    /** FlashAttention on ROCm comes from the CK or Triton backend, built from source. */
    ROCM_FLASH_ATTENTION("rocm-flash-attention"),
    /** bitsandbytes on ROCm: 4-bit blocksize 64 only since 0.49.2, official since 0.50. */
    ROCM_BITSANDBYTES("rocm-bitsandbytes"),
    /** Unsloth's AMD support is new and documented for MI300X only. */
    ROCM_UNSLOTH("rocm-unsloth"),
    /** Blackwell needs CUDA 12.8+ builds of every kernel library. */
    BLACKWELL_STACK("blackwell-stack"),
    /** No NVLink: GPU-to-GPU traffic goes over PCIe. */
    NO_NVLINK("no-nvlink"),
    /** NVLink only between bridged pairs. */
    NVLINK_PAIRS_ONLY("nvlink-pairs-only"),
    /** PCIe peer-to-peer disabled by the stock driver: NCCL stages through host memory. */
    NO_P2P("no-p2p"),
    /** No ECC on the memory. */
    NO_ECC("no-ecc"),
    /** ECC supported but off by default. */
    ECC_OFF_BY_DEFAULT("ecc-off-by-default"),
    /** Volta support is being dropped by PyTorch and CUDA builds. */
    LEGACY_CUDA_ARCH("legacy-cuda-arch"),
    /** The host CPU is arm64 (Grace). */
    ARM64_HOST("arm64-host"),
    /** One card is several devices, each with part of the memory. */
    MULTI_DEVICE_CARD("multi-device-card"),
    /** The GPU is rented in whole instances (or trays): the count is rounded up to what is rented. */
    RENTAL_UNIT("rental-unit"),
    /** The setup offloads to host memory: the host needs that much RAM per node. */
    OFFLOAD_HOST_MEMORY("offload-host-memory"),
    /**
     * The GPU is not in the catalog but described by a seller's price list: its figures are the seller's, and what
     * the list does not give (memory bandwidth) is assumed.
     */
    SELLER_DESCRIBED("seller-described");

    private final String id;

    CaveatId(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The constant for an id ({@code "no-bf16"}), or empty. */
    public static Optional<CaveatId> fromId(String id) {
        return Identified.lookup(values(), id);
    }

    /**
     * Whether a GPU's fact matters for one setup on it (the option's scenario: its precision, method, count).
     * {@link #RENTAL_UNIT} listed for a GPU always matters (it is rented that way); {@link #OFFLOAD_HOST_MEMORY}
     * matters when the setup offloads model states or checkpoints to the host (the planner adds it with the bytes).
     */
    public boolean relevant(Scenario s) {
        int gpus = s.hardware().gpuCount();
        Precision precision = s.training().precision();
        return switch (this) {
            case NO_BF16 -> precision == Precision.BF16;
            case NO_FP8, FP8_ADA_LIMITED, FP8_BLACKWELL_CONSUMER, ROCM_FP8 -> precision == Precision.FP8;
            case NO_FLASH_ATTN_2, ROCM_FLASH_ATTENTION -> s.training().attention() == Attention.FLASH;
            case ROCM_BITSANDBYTES -> usesBitsandbytes(s);
            case ROCM_UNSLOTH -> s.training().framework() == Framework.UNSLOTH;
            case NO_NVLINK, NO_P2P -> gpus > 1;
            case NVLINK_PAIRS_ONLY -> gpus > 2;
            case OFFLOAD_HOST_MEMORY -> s.hardware().offload() != Offload.NONE
                    || s.training().checkpointing() == Checkpointing.OFFLOAD;
            case BLACKWELL_STACK, NO_ECC, ECC_OFF_BY_DEFAULT, LEGACY_CUDA_ARCH, ARM64_HOST, MULTI_DEVICE_CARD,
                    RENTAL_UNIT, SELLER_DESCRIBED -> true;
        };
    }

    /**
     * Whether the job runs bitsandbytes: 4-bit NF4 or 8-bit (LLM.int8) frozen base weights under adapters, or a
     * bitsandbytes optimizer (8-bit or paged AdamW).
     */
    static boolean usesBitsandbytes(Scenario s) {
        WeightStorage base = s.method().baseWeights();
        boolean quantizedBase = s.method().usesAdapters() && (base == WeightStorage.NF4 || base == WeightStorage.INT8);
        Optimizer o = s.training().optimizer();
        return quantizedBase || o == Optimizer.ADAMW_8BIT || o == Optimizer.PAGED_ADAMW_8BIT
                || o == Optimizer.PAGED_ADAMW_32BIT;
    }
}
