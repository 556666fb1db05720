package org.finetuneplanner.core.gpu;

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
        if (!(peerGBsUnidirectional > 0) || !(hostGBsUnidirectional > 0)) {
            throw new IllegalArgumentException("interconnect bandwidths must be > 0");
        }
    }
}
