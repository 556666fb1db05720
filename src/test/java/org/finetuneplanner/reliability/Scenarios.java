package org.finetuneplanner.reliability;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.ProductLimits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.service.catalog.CatalogModel;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Random valid scenarios: every preset of the bundled model catalog (or an architecture guessed from a bare
 * parameter count), every GPU of the GPU catalog, and random method, training, hardware, data and cost within the
 * ranges the scenario format accepts. "Valid" follows {@link ScenarioJson}'s rules: full fine-tuning never has
 * quantised base weights.
 */
final class Scenarios {

    private static final Catalogs CATALOGS = Catalogs.load();
    private static final List<ModelSpec> PRESETS = CATALOGS.models().stream().map(CatalogModel::toModelSpec).toList();

    private Scenarios() {
    }

    /** A generated scenario that reports itself as its compact scenario file (the records print whole catalogs). */
    record Case(Scenario scenario) {
        @Override
        public String toString() {
            return org.finetuneplanner.service.io.SafeJson.compact(ScenarioJson.standard().toTree(scenario, null));
        }
    }

    /**
     * Any valid scenario: the parts at random, the rank held to the layers it adapts and the products within the
     * limits ({@link ProductLimits}), as a scenario file must have them.
     */
    static Arbitrary<Scenario> any() {
        return Combinators.combine(names(), models(), methods(), trainings(), hardware(), data(), costs())
                .as(Parts::new).map(Parts::withRankThatFits).filter(Parts::admitted)
                .map(p -> valid(new Scenario(p.name, p.model, p.method, p.training, p.hardware, p.data, p.cost)));
    }

    /** A scenario's parts before the scenario checks their products. */
    private record Parts(String name, ModelSpec model, MethodSpec method, TrainingSpec training, HardwareSpec hardware,
                         DataSpec data, CostSpec cost) {

        Parts withRankThatFits() {
            long most = ProductLimits.smallestAdapted(model.architecture(), method.targets()).size();
            return method.rank() <= most ? this : new Parts(name, model, method.withRank((int) most), training,
                    hardware, data, cost);
        }

        boolean admitted() {
            return Scenarios.admitted(model, method, training);
        }
    }

    /** Whether a scenario of these parts is within every product limit. */
    static boolean admitted(ModelSpec model, MethodSpec method, TrainingSpec training) {
        return ProductLimits.check(model, method, training).isEmpty();
    }

    /** Whether {@code s} with {@code training} instead of its own is within every product limit. */
    static boolean admitted(Scenario s, TrainingSpec training) {
        return admitted(s.model(), s.method(), training);
    }

    /** Scenarios with LoRA or QLoRA. */
    static Arbitrary<Scenario> adapters() {
        return any().filter(s -> s.method().usesAdapters());
    }

    static Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12));
    }

    static Arbitrary<ModelSpec> models() {
        Arbitrary<ModelSpec> presets = Arbitraries.of(PRESETS);
        // Opened configs and bare parameter counts are made the way a scenario file makes them.
        Arbitrary<ModelSpec> guessed = Arbitraries.longs().between(1_000_000L, 2_000_000_000_000L)
                .map(n -> modelOf("{\"parameters\": " + n + "}"));
        Arbitrary<ModelSpec> configs = Arbitraries.of(CATALOGS.models()).map(m -> modelOf("{\"config\": "
                + org.finetuneplanner.service.io.SafeJson.compact(
                        org.finetuneplanner.service.io.SafeJson.toTree(m.config())) + "}"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, presets), net.jqwik.api.Tuple.of(1, guessed),
                net.jqwik.api.Tuple.of(1, configs));
    }

    private static ModelSpec modelOf(String model) {
        return ScenarioJson.standard().read("{\"model\": " + model + ", \"hardware\": {\"gpu\": \"t4-16gb\"}}")
                .model();
    }

    static Arbitrary<MethodSpec> methods() {
        Arbitrary<Set<LoraTarget>> targets = Arbitraries.of(LoraTarget.class).set().ofMinSize(1)
                .map(set -> (Set<LoraTarget>) EnumSet.copyOf(set));
        Arbitrary<Set<ExtraTrainable>> extra = Arbitraries.of(ExtraTrainable.class).set().ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(FineTuneMethod.class), Arbitraries.integers().between(1, 512),
                        Arbitraries.integers().between(1, 1024), targets, extra, Arbitraries.of(WeightStorage.class))
                .as(MethodSpec::new);
    }

    static Arbitrary<TrainingSpec> trainings() {
        Arbitrary<Integer> sequence = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(512, 1024, 2048, 4096, 8192)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 131_072)));
        var first = Combinators.combine(Arbitraries.of(Precision.class), Arbitraries.of(true, false),
                Arbitraries.of(Optimizer.class), Arbitraries.of(true, false), Arbitraries.integers().between(1, 64),
                sequence, Arbitraries.integers().between(1, 64)).as(TrainingHead::new);
        var second = Combinators.combine(Arbitraries.of(Checkpointing.class), Arbitraries.of(Attention.class),
                Arbitraries.of(Loss.class), Arbitraries.of(true, false), Arbitraries.of(Framework.class))
                .as(TrainingTail::new);
        return Combinators.combine(first, second).as((h, t) -> new TrainingSpec(h.precision, h.master, h.optimizer,
                h.inBackward, h.microBatch, h.sequence, h.accumulation, t.checkpointing, t.attention, t.loss,
                t.compile, t.framework));
    }

    private record TrainingHead(Precision precision, boolean master, Optimizer optimizer, boolean inBackward,
                                int microBatch, int sequence, int accumulation) {
    }

    private record TrainingTail(Checkpointing checkpointing, Attention attention, Loss loss, boolean compile,
                                Framework framework) {
    }

    static Arbitrary<GpuSpec> gpus() {
        return Arbitraries.of(CATALOGS.gpus());
    }

    static Arbitrary<HardwareSpec> hardware() {
        Arbitrary<Integer> counts = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(2, 4, 8, 16, 64)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 512)));
        Arbitrary<OptionalDouble> budget = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(OptionalDouble.empty())),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(1, 40).map(OptionalDouble::of)));
        Arbitrary<OptionalDouble> host = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(OptionalDouble.empty())),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(8, 4096).ofScale(1).map(OptionalDouble::of)));
        return Combinators.combine(gpus(), counts, budget, Arbitraries.integers().between(1, 16),
                        Arbitraries.of(Sharding.class), Arbitraries.of(Offload.class), host)
                .as((gpu, count, memory, perNode, sharding, offload, hostGib) -> new HardwareSpec(gpu, count,
                        memory.isPresent() && memory.getAsDouble() > gpu.memoryGb() ? OptionalDouble.empty() : memory,
                        perNode, sharding, offload, hostGib));
    }

    static Arbitrary<DataSpec> data() {
        Arbitrary<DataSpec> known = Combinators.combine(Arbitraries.longs().between(1, 1_000_000_000_000L),
                Arbitraries.doubles().between(0.1, 10).ofScale(2)).as(DataSpec::of);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, known),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(DataSpec.unknown())));
    }

    static Arbitrary<CostSpec> costs() {
        Arbitrary<CostSpec> given = Combinators.combine(Arbitraries.doubles().between(0, 50).ofScale(2),
                Arbitraries.doubles().between(0.05, 1).ofScale(3)).as((price, mfu) -> new CostSpec(
                OptionalDouble.of(price), Optional.empty(), OptionalDouble.of(mfu)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(CostSpec.defaults())),
                net.jqwik.api.Tuple.of(1, given));
    }

    /** ScenarioJson's rule: full fine-tuning trains the weights themselves, so they are never quantised. */
    static Scenario valid(Scenario s) {
        MethodSpec m = s.method();
        WeightStorage base = m.baseWeights();
        boolean quantized = base == WeightStorage.NF4 || base == WeightStorage.INT8 || base == WeightStorage.INT4;
        if (m.type() == FineTuneMethod.FULL && quantized) {
            return s.withMethod(m.withBaseWeights(WeightStorage.forCompute(s.training().precision())));
        }
        return s;
    }
}
