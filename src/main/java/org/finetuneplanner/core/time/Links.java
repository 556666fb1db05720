package org.finetuneplanner.core.time;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.HardwareSpec;

/**
 * The bandwidth a GPU's collectives reach, by the links a group of GPUs spans: NVLink/xGMI or PCIe inside a node
 * (or inside a rack-scale NVLink domain), the network between nodes. Ring algorithms run at their slowest link.
 */
final class Links {

    /** Share of the per-direction link bandwidth NCCL reaches over NVLink / xGMI (Bekman: 396 of 450 GB/s). */
    static final double NVLINK_EFFICIENCY = 0.85;
    /** Share reached over PCIe peer links (shared root complex, no NVSwitch). */
    static final double PCIE_EFFICIENCY = 0.5;
    /** Share of the host link a pinned-memory copy reaches. */
    static final double HOST_EFFICIENCY = 0.8;
    /** Inter-node bandwidth per GPU for NVLink-class nodes: one 400 Gb/s NIC per GPU (HGX/DGX design), GB/s. */
    static final double INTER_NODE_GBS_PER_GPU_NVLINK = 50;
    /** Inter-node bandwidth of a PCIe-class node: one 100 Gb/s NIC per node, GB/s. */
    static final double INTER_NODE_GBS_PER_NODE_PCIE = 12.5;

    private Links() {
    }

    /** Whether the GPU's peers are reached over a link faster than its host link (NVLink, xGMI). */
    static boolean fastPeers(GpuSpec gpu) {
        return gpu.interconnect().peerGBsUnidirectional() > gpu.interconnect().hostGBsUnidirectional() * 1.01;
    }

    /**
     * Bus bandwidth in GB/s of one GPU's collectives among a group of {@code span} consecutive ranks: the peer links
     * when the group stays inside the GPUs that share them (the node, or a rack-scale NVLink domain), else the
     * slower of those and the network.
     */
    static double bandwidth(HardwareSpec hw, long span) {
        GpuSpec gpu = hw.gpu();
        double peer = gpu.interconnect().peerGBsUnidirectional();
        double host = gpu.interconnect().hostGBsUnidirectional();
        boolean pcieOnly = !fastPeers(gpu);
        double intra;
        if (!pcieOnly) {
            intra = peer * NVLINK_EFFICIENCY;
        } else if (gpu.name().contains("GeForce")) {
            // GeForce drivers disable peer-to-peer: NCCL stages through host memory, crossing PCIe twice.
            intra = host * PCIE_EFFICIENCY / 2;
        } else {
            intra = peer * PCIE_EFFICIENCY;
        }
        int domain = gpu.interconnect().fastDomain(Math.min(hw.gpusPerNode(), hw.gpuCount()));
        if (span <= domain || hw.nodes() <= 1) {
            return intra;
        }
        double inter = pcieOnly ? INTER_NODE_GBS_PER_NODE_PCIE / hw.gpusPerNode()
                : INTER_NODE_GBS_PER_GPU_NVLINK * NVLINK_EFFICIENCY;
        return Math.min(intra, inter);
    }

    /** Bytes per second a pinned-memory copy between the GPU and its host reaches. */
    static double hostLink(GpuSpec gpu) {
        return gpu.interconnect().hostGBsUnidirectional() * 1e9 * HOST_EFFICIENCY;
    }
}
