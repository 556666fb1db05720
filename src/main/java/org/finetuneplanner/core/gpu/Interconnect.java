package org.finetuneplanner.core.gpu;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * How a GPU talks to its peers and its host.
 *
 * @param type                       description, e.g. "NVLink 4 (18 links) + NVSwitch"
 * @param peerGBsUnidirectional      GPU-to-GPU bandwidth per direction inside a node, GB/s (10^9 B/s)
 * @param hostGBsUnidirectional      PCIe bandwidth to host memory per direction, GB/s
 * @param domainGpus                 GPUs that share one NVLink switch domain when it spans several nodes (GB200
 *                                   NVL72: 72), 0 when the domain is the node
 */
public record Interconnect(String type, double peerGBsUnidirectional, double hostGBsUnidirectional,
                           int domainGpus) {

    public Interconnect {
        type = type == null ? "" : type;
        if (!(peerGBsUnidirectional > 0)) {
            throw new Violation("interconnect.gbps_per_gpu_unidirectional", Constraint.GREATER_THAN, 0, null,
                    peerGBsUnidirectional).exception();
        }
        if (!(hostGBsUnidirectional > 0)) {
            throw new Violation("interconnect.host_gbps_unidirectional", Constraint.GREATER_THAN, 0, null,
                    hostGBsUnidirectional).exception();
        }
        if (domainGpus < 0) {
            throw Violation.atLeast("interconnect.nvlink_domain_gpus", 0, domainGpus).exception();
        }
    }

    /** A GPU whose fast links end at its node. */
    public Interconnect(String type, double peerGBsUnidirectional, double hostGBsUnidirectional) {
        this(type, peerGBsUnidirectional, hostGBsUnidirectional, 0);
    }

    /** GPUs that reach each other over the peer links: the switch domain, else the node's {@code gpusPerNode}. */
    public int fastDomain(int gpusPerNode) {
        return Math.max(domainGpus, gpusPerNode);
    }
}
