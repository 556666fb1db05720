package org.finetuneplanner.core.gpu;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * How a GPU talks to its peers and its host.
 *
 * @param type                       description, e.g. "NVLink 4 (18 links) + NVSwitch"
 * @param peerGBsUnidirectional      GPU-to-GPU bandwidth per direction inside a node, GB/s (10^9 B/s)
 * @param hostGBsUnidirectional      PCIe bandwidth to host memory per direction, GB/s
 */
public record Interconnect(String type, double peerGBsUnidirectional, double hostGBsUnidirectional) {

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
    }
}
