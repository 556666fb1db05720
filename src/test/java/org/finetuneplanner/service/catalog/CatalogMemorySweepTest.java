package org.finetuneplanner.service.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

/**
 * Every bundled model under a sweep of methods, optimizers, precisions, checkpointing, losses, frameworks and
 * sharding: no exception, no negative or non-finite part, terms adding up to their part, and the whole process
 * at least as large as the live tensors.
 */
class CatalogMemorySweepTest {

    @Test
    void everyModelAndSettingGivesAConsistentAnswer() {
        Catalogs catalogs = Catalogs.load();
        var gpu = catalogs.gpu("h100-sxm-80gb").orElseThrow();
        MemoryEstimator estimator = new MemoryEstimator();
        List<MethodSpec> methods = List.of(MethodSpec.full(WeightStorage.BF16),
                MethodSpec.lora(16, WeightStorage.BF16), MethodSpec.qlora(64), MethodSpec.lora(8, WeightStorage.INT8),
                MethodSpec.lora(8, WeightStorage.INT4));
        List<String> problems = new ArrayList<>();
        int runs = 0;
        for (CatalogModel model : catalogs.models()) {
            ModelSpec spec = model.toModelSpec();
            int i = 0;
            for (MethodSpec m : methods) {
                for (Optimizer o : Optimizer.values()) {
                    i++;
                    Framework f = Framework.values()[i % Framework.values().length];
                    Precision p = Precision.values()[i % Precision.values().length];
                    Sharding sh = Sharding.values()[i % Sharding.values().length];
                    Offload off = Offload.values()[(i / 3) % Offload.values().length];
                    TrainingSpec t = TrainingSpec.defaults(i % 2 == 0).withOptimizer(o).withPrecision(p)
                            .withFramework(f).withMicroBatchSize(1 + i % 4).withSequenceLength(512 << (i % 4))
                            .withGradientAccumulationSteps(1 + i % 3).withOptimizerInBackward(i % 5 == 0)
                            .withCheckpointing(Checkpointing.values()[i % 3]).withAttention(Attention.values()[i % 2])
                            .withLoss(Loss.values()[i % 2]).withCompile(i % 3 == 0);
                    Scenario s = new Scenario(model.id(), spec, m, t,
                            HardwareSpec.of(gpu, 1 + (i % 4) * 3, sh, off), DataSpec.unknown(), CostSpec.defaults());
                    MemoryEstimate e = estimator.estimate(s);
                    runs++;
                    MemoryBreakdown b = e.perGpu();
                    List<MemoryTerm> terms = estimator.explain(s);
                    for (MemoryComponent c : MemoryComponent.values()) {
                        long sum = terms.stream().filter(x -> x.component() == c).mapToLong(MemoryTerm::bytes).sum();
                        if (Math.abs(sum - b.bytes(c)) > 64) {
                            problems.add(model.id() + " " + i + " " + c + ": terms " + sum + " part " + b.bytes(c));
                        }
                    }
                    if (b.totalBytes() < b.peakAllocatedBytes() || e.hostBytes() < 0) {
                        problems.add(model.id() + " " + i + ": total below allocated or negative host");
                    }
                }
            }
        }
        assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())));
        assertTrue(runs >= 69 * 40, "runs " + runs);
    }
}
