package org.finetuneplanner.core.scenario;

import java.util.Objects;
import java.util.OptionalDouble;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.gpu.GpuSpec;

/**
 * The GPUs a job runs on.
 *
 * @param gpu               the card
 * @param gpuCount          GPUs in the job (≥ 1)
 * @param gpuMemoryGib      a memory budget below the card's usable memory, or empty for the catalog's
 * @param gpusPerNode       GPUs per node (≥ 1); the spec's default is min(gpuCount, 8)
 * @param sharding          data parallelism and sharding of model states
 * @param offload           CPU offload of model states
 * @param hostMemoryGib     CPU memory per node ({@code hardware.host_memory_gib}), or empty when unknown; an offload
 *                          that needs more does not fit
 * @param parallel          how one model replica is split (TP, PP, CP, EP); {@code gpuCount} is a multiple of
 *                          TP·PP·CP and the rest is data parallelism
 */
public record HardwareSpec(GpuSpec gpu, int gpuCount, OptionalDouble gpuMemoryGib, int gpusPerNode,
                           Sharding sharding, Offload offload, OptionalDouble hostMemoryGib, Parallelism parallel) {

    public HardwareSpec {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(gpuMemoryGib, "gpuMemoryGib");
        Objects.requireNonNull(sharding, "sharding");
        Objects.requireNonNull(offload, "offload");
        Objects.requireNonNull(hostMemoryGib, "hostMemoryGib");
        Objects.requireNonNull(parallel, "parallel");
        Checks.range("hardware.gpu_count", gpuCount, 1, Limits.MAX_GPUS);
        Checks.range("hardware.gpus_per_node", gpusPerNode, 1, Limits.MAX_GPUS_PER_NODE);
        if (gpuMemoryGib.isPresent() && !(gpuMemoryGib.getAsDouble() > 0
                && gpuMemoryGib.getAsDouble() <= Limits.MAX_GPU_MEMORY_GIB)) {
            throw new Violation("hardware.gpu_memory_gib", Constraint.ABOVE_AND_AT_MOST, 0,
                    Limits.MAX_GPU_MEMORY_GIB, gpuMemoryGib.getAsDouble()).exception();
        }
        if (hostMemoryGib.isPresent() && !(hostMemoryGib.getAsDouble() > 0
                && hostMemoryGib.getAsDouble() <= Limits.MAX_HOST_MEMORY_GIB)) {
            throw new Violation("hardware.host_memory_gib", Constraint.ABOVE_AND_AT_MOST, 0,
                    Limits.MAX_HOST_MEMORY_GIB, hostMemoryGib.getAsDouble()).exception();
        }
        if (parallel.tensor() > gpusPerNode) {
            // Tensor parallelism all-reduces twice per layer and pass: it stays inside a node's fast links.
            throw new Violation("hardware.tensor_parallel", Constraint.UP_TO_KEY, 1, gpusPerNode, parallel.tensor(),
                    "hardware.gpus_per_node").exception();
        }
        if (gpuCount % parallel.modelParallel() != 0) {
            throw new Violation("hardware.gpu_count", Constraint.MULTIPLE_OF, null, parallel.modelParallel(),
                    gpuCount, "hardware.tensor_parallel × hardware.pipeline_parallel × hardware.context_parallel")
                    .exception();
        }
    }

    /** Hardware without model parallelism (every GPU holds a whole replica). */
    public HardwareSpec(GpuSpec gpu, int gpuCount, OptionalDouble gpuMemoryGib, int gpusPerNode, Sharding sharding,
                        Offload offload, OptionalDouble hostMemoryGib) {
        this(gpu, gpuCount, gpuMemoryGib, gpusPerNode, sharding, offload, hostMemoryGib, Parallelism.NONE);
    }

    /** Hardware without model parallelism whose host memory is unknown. */
    public HardwareSpec(GpuSpec gpu, int gpuCount, OptionalDouble gpuMemoryGib, int gpusPerNode, Sharding sharding,
                        Offload offload) {
        this(gpu, gpuCount, gpuMemoryGib, gpusPerNode, sharding, offload, OptionalDouble.empty(), Parallelism.NONE);
    }

    /** One card, no sharding. */
    public static HardwareSpec single(GpuSpec gpu) {
        return new HardwareSpec(gpu, 1, OptionalDouble.empty(), 1, Sharding.NONE, Offload.NONE);
    }

    /** {@code count} cards with the default node size min(count, 8). */
    public static HardwareSpec of(GpuSpec gpu, int count, Sharding sharding, Offload offload) {
        return new HardwareSpec(gpu, count, OptionalDouble.empty(), Math.min(count, 8), sharding, offload);
    }

    /** The memory budget of one GPU in GiB: the override if given, else the catalog's usable memory. */
    public double capacityGib() {
        return gpuMemoryGib.orElse(gpu.usableMemoryGib());
    }

    /** Data-parallel degree: the GPUs over which model replicas are repeated, gpuCount / (TP·PP·CP). */
    public int dataParallel() {
        long modelParallel = parallel.modelParallel();
        // no integer division in the common case: the estimators ask for this on every call
        return modelParallel == 1 ? gpuCount : (int) (gpuCount / modelParallel);
    }

    /** Number of nodes: ⌈gpuCount / gpusPerNode⌉. */
    public int nodes() {
        return (gpuCount + gpusPerNode - 1) / gpusPerNode;
    }

    public HardwareSpec withGpu(GpuSpec value) {
        return new HardwareSpec(value, gpuCount, gpuMemoryGib, gpusPerNode, sharding, offload, hostMemoryGib,
                parallel);
    }

    /** The same hardware with {@code count} GPUs and the default node size. */
    public HardwareSpec withGpuCount(int count) {
        return new HardwareSpec(gpu, count, gpuMemoryGib, Math.min(count, 8), sharding, offload, hostMemoryGib,
                parallel);
    }

    public HardwareSpec withSharding(Sharding value) {
        return new HardwareSpec(gpu, gpuCount, gpuMemoryGib, gpusPerNode, value, offload, hostMemoryGib, parallel);
    }

    public HardwareSpec withOffload(Offload value) {
        return new HardwareSpec(gpu, gpuCount, gpuMemoryGib, gpusPerNode, sharding, value, hostMemoryGib, parallel);
    }

    public HardwareSpec withHostMemoryGib(OptionalDouble value) {
        return new HardwareSpec(gpu, gpuCount, gpuMemoryGib, gpusPerNode, sharding, offload, value, parallel);
    }

    public HardwareSpec withParallel(Parallelism value) {
        return new HardwareSpec(gpu, gpuCount, gpuMemoryGib, gpusPerNode, sharding, offload, hostMemoryGib, value);
    }
}
