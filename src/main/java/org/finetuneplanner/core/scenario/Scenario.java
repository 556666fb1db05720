package org.finetuneplanner.core.scenario;

import java.util.Objects;

import org.finetuneplanner.core.model.ModelSpec;

/**
 * One planned fine-tuning job, resolved: the model's architecture and the GPU's specs are in it, so the
 * estimators need nothing else. Each part checks its own values; the scenario checks the products they enter
 * ({@link ProductLimits}: the LoRA rank, the parameters trained, the micro-batch's tensors), so every estimate of an accepted
 * scenario is finite and within range. Immutable; the {@code with…} methods give changed copies.
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
            throw v.exception();
        });
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
