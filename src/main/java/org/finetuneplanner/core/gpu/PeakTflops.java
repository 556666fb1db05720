package org.finetuneplanner.core.gpu;

import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Precision;

/**
 * Dense (no 2:4 sparsity) peak tensor throughput of one GPU, in TFLOPS. 0 means not supported or not published.
 */
public record PeakTflops(double fp32, double tf32, double bf16, double fp16, double fp8) {

    public PeakTflops {
        for (double v : new double[] {fp32, tf32, bf16, fp16, fp8}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw Violation.atLeast("tflops", 0, v).exception();
            }
        }
    }

    /**
     * The dense peak for matmuls at {@code precision}, 0 if the GPU has none. FP32 training runs its matmuls
     * on TF32 tensor cores where the GPU has them (PyTorch's default for cuDNN convolutions; for matmuls since
     * {@code torch.set_float32_matmul_precision("high")}), so this returns TF32 when it is known.
     */
    public double dense(Precision precision) {
        return switch (precision) {
            case FP32 -> tf32 > 0 ? tf32 : fp32;
            case FP16 -> fp16;
            case BF16 -> bf16 > 0 ? bf16 : 0;
            case FP8 -> fp8;
        };
    }
}
