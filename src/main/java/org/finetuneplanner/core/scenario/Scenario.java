package org.finetuneplanner.core.scenario;

import java.util.Objects;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;

/**
 * One planned fine-tuning job, resolved: the model's architecture and the GPU's specs are in it, so the
 * estimators need nothing else. Each part checks its own values; the scenario checks the products they enter
 * ({@link ProductLimits}: the LoRA rank, the parameters trained, the micro-batch's tensors), so every estimate of an
 * accepted scenario is finite and within range, and that a model-parallel layout fits the model and the sequence
 * (Megatron-core's own checks): tensor parallelism divides the query and key/value heads, pipeline stages are no
 * more than the layers and interleaved chunks divide each stage's layers, context parallelism divides the sequence,
 * expert parallelism divides the experts and the data × context-parallel GPUs the experts are spread over.
 * Immutable; the {@code with…} methods give changed copies.
 */
public record Scenario(String name, ModelSpec model, MethodSpec method, TrainingSpec training,
                       HardwareSpec hardware, DataSpec data, CostSpec cost) {

    public Scenario {
        name = name == null ? "" : name;
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(cost, "cost");
        ProductLimits.check(model, method, training).ifPresent(v -> {
            throw new ProductLimits.Exceeded(v);
        });
        checkLayout(model.architecture(), training, hardware);
    }

    private static void checkLayout(Architecture a, TrainingSpec t, HardwareSpec hw) {
        Parallelism p = hw.parallel();
        if (!p.isSplit()) {
            return;
        }
        divides("hardware.tensor_parallel", p.tensor(), a.numHeads(), "num_attention_heads");
        divides("hardware.tensor_parallel", p.tensor(), a.numKvHeads(), "num_key_value_heads");
        if (p.pipeline() > a.numLayers()) {
            throw new Violation("hardware.pipeline_parallel", Constraint.UP_TO_KEY, 1, a.numLayers(), p.pipeline(),
                    "num_hidden_layers").exception();
        }
        if (p.virtualStages() > 1) {
            divides("hardware.virtual_pipeline_stages", p.virtualStages(), a.numLayers() / p.pipeline(),
                    "num_hidden_layers / hardware.pipeline_parallel");
        }
        divides("hardware.context_parallel", p.context(), t.sequenceLength(), "training.sequence_length");
        if (p.expert() > 1) {
            divides("hardware.expert_parallel", p.expert(), a.moe().experts(), "num_local_experts");
            // Megatron-core spreads the experts over the data- and context-parallel ranks of a stage.
            divides("hardware.expert_parallel", p.expert(), hw.dataParallel() * p.context(),
                    "hardware.gpu_count / (hardware.tensor_parallel × hardware.pipeline_parallel)");
        }
    }

    private static void divides(String key, int degree, int of, String related) {
        if (degree > 1 && (of == 0 || of % degree != 0)) {
            throw new Violation(key, Constraint.DIVIDES_KEY, 1, of, degree, related).exception();
        }
    }

    public Scenario withName(String value) {
        return new Scenario(value, model, method, training, hardware, data, cost);
    }

    public Scenario withModel(ModelSpec value) {
        return new Scenario(name, value, method, training, hardware, data, cost);
    }

    public Scenario withMethod(MethodSpec value) {
        return new Scenario(name, model, value, training, hardware, data, cost);
    }

    public Scenario withTraining(TrainingSpec value) {
        return new Scenario(name, model, method, value, hardware, data, cost);
    }

    public Scenario withHardware(HardwareSpec value) {
        return new Scenario(name, model, method, training, value, data, cost);
    }

    public Scenario withData(DataSpec value) {
        return new Scenario(name, model, method, training, hardware, value, cost);
    }

    public Scenario withCost(CostSpec value) {
        return new Scenario(name, model, method, training, hardware, data, value);
    }
}
