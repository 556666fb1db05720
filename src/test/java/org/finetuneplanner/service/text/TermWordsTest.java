package org.finetuneplanner.service.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.core.time.TimeTerm;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.Test;

/** Terms are data in the core and formulas with numbers in the text layer, in both languages. */
class TermWordsTest {
    private final Words en = Words.forLocale(Locale.ENGLISH);
    private final Words vi = Words.forLocale(Locale.forLanguageTag("vi"));

    @Test
    void aTermReadsAsItsFormulaWithTheNumbersPutIn() {
        // QLoRA's frozen linears: 6,979,321,856 × (4 + 8/64 + 32/16384)/8 B = 6,979,321,856 × 0.515869… B.
        Term t = Term.of(TermId.FROZEN_LINEAR_QUANTIZED, 3.6e9).about(WeightStorage.NF4)
                .in(Input.N_LINEAR, 6_979_321_856L).in(Input.BYTES, (4 + 8.0 / 64 + 32.0 / 16384) / 8)
                .in(Input.BITS, 4 + 8.0 / 64 + 32.0 / 16384).in(Input.SHARDS, 1).from(SourceId.QLORA_2023).build();
        assertEquals("Frozen linear weights (NF4 (4-bit))", en.title(t));
        assertEquals("N_linear × 4.127 bit / 8", en.formula(t));
        assertEquals("6,979,321,856 × 0.516 B / 1", en.numbers(t));
        assertEquals("6.979.321.856 × 0,516 B / 1", vi.numbers(t));
        assertEquals("Trọng số tuyến tính đóng băng (NF4 (4-bit))", vi.title(t));
        assertTrue(en.sources(t).startsWith("QLoRA, Dettmers et al. 2023 (arXiv 2305.14314) §2"), en.sources(t));
        assertTrue(vi.sources(t).contains("lượng tử hoá kép"), vi.sources(t));
        // An optional part shows only with its numbers: the allocator's reserve of another phase.
        Term alloc = Term.of(TermId.ALLOCATOR, 1).in(Input.FRAGMENTATION_TRANSIENT, 0.25)
                .in(Input.FRAGMENTATION_STATIC, 0.04).in(Input.FLOOR_GIB, 0.25).in(Input.CHURN, 1L << 31)
                .in(Input.STATIC, 1L << 32).build();
        assertEquals("0.25·2.00\u00a0GiB + 0.04·4.00\u00a0GiB + 0.25 GiB", en.numbers(alloc));
        assertEquals("0.25·transient + 0.04·static + 0.25 GiB", en.formula(alloc));
    }

    /** Scenarios that between them take every formula variant of memory and time. */
    private static List<Scenario> sweep() {
        ScenarioJson reader = ScenarioJson.standard();
        List<Scenario> out = new ArrayList<>();
        String[] presets = {"llama-3.1-8b", "mixtral-8x7b", "gpt2-124m", "qwen3-8b"};
        String[][] setups = {
            {"full", "adamw", "none", "standard", "false", "generic", "none", "none", "1"},
            {"full", "adamw", "full", "chunked", "true", "deepspeed", "zero2", "optimizer", "8"},
            {"full", "sgd", "offload", "standard", "false", "generic", "fsdp", "optimizer_and_params", "8"},
            {"full", "adafactor", "full", "standard", "false", "hf", "ddp", "none", "2"},
            {"full", "adafactor", "full", "standard", "false", "hf", "fsdp", "optimizer", "2"},
            {"full", "lion", "none", "chunked", "true", "torchtune", "fsdp_grad_op", "none", "4"},
            {"full", "sgd_momentum", "full", "standard", "false", "litgpt", "fsdp", "none", "2"},
            {"lora", "adamw_8bit", "full", "standard", "false", "hf", "none", "none", "1"},
            {"lora", "adamw_8bit", "full", "chunked", "false", "axolotl", "zero3", "optimizer", "8"},
            {"lora", "paged_adamw_32bit", "none", "standard", "false", "litgpt", "none", "none", "1"},
            {"qlora", "paged_adamw_8bit", "full", "standard", "false", "unsloth", "none", "none", "1"},
            {"qlora", "sgd_momentum", "full", "chunked", "false", "hf", "ddp", "optimizer", "2"},
            {"qlora", "lion", "full", "standard", "false", "hf", "zero1", "optimizer", "4"},
            {"lora", "adamw", "none", "chunked", "true", "generic", "none", "none", "1"},
            {"full", "adamw", "full", "standard", "false", "deepspeed", "zero1", "none", "4"},
            {"full", "adamw", "full", "standard", "true", "generic", "none", "none", "1"},
            {"full", "adafactor", "full", "standard", "false", "hf", "none", "none", "1"},
            {"full", "adamw", "none", "chunked", "false", "generic", "none", "none", "1"},
        };
        for (String preset : presets) {
            for (int i = 0; i < setups.length; i++) {
                String[] x = setups[i];
                String precision = i % 5 == 3 ? "fp32" : i % 7 == 2 ? "fp8" : "bf16";
                out.add(reader.read("{\"model\": {\"preset\": \"" + preset + "\"}, \"method\": {\"type\": \""
                        + x[0] + "\", \"rank\": 16" + (x[0].equals("lora") && i % 2 == 0
                        ? ", \"base_weights\": \"int8\"" : "") + "}, \"training\": {\"precision\": \"" + precision
                        + "\", \"optimizer\": \"" + x[1] + "\", \"activation_checkpointing\": \"" + x[2]
                        + "\", \"loss\": \"" + x[3] + "\", \"compile\": " + x[4] + ", \"framework\": \"" + x[5]
                        + "\", \"micro_batch_size\": " + (1 + i % 3) + ", \"gradient_accumulation_steps\": "
                        + (1 + i % 2) + ", \"optimizer_in_backward\": " + (i == 5) + ", \"attention\": \""
                        + (i % 4 == 1 ? "eager" : "flash") + "\"}, \"hardware\": {\"gpu\": \""
                        + (i % 3 == 0 ? "h100-sxm-80gb" : i % 3 == 1 ? "mi300x-192gb" : "rtx-4090-24gb")
                        + "\", \"gpu_count\": " + x[8] + ", \"sharding\": \"" + x[6] + "\", \"offload\": \"" + x[7]
                        + "\"}, \"data\": {\"tokens\": 1000000}}"));
            }
        }
        // Model-parallel layouts, fused and vocabulary-parallel losses, selective recompute: Megatron with TP, PP
        // (interleaved) and CP; a mixture of experts over EP; a fused linear cross-entropy.
        out.add(reader.read("""
                {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "full"},
                 "training": {"framework": "megatron", "gradient_accumulation_steps": 8, "sequence_length": 4096},
                 "hardware": {"gpu": "h100-sxm-80gb", "gpu_count": 16, "tensor_parallel": 2, "pipeline_parallel": 2,
                  "virtual_pipeline_stages": 2, "context_parallel": 2}}"""));
        out.add(reader.read("""
                {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "lora"},
                 "training": {"framework": "megatron", "sequence_length": 8192},
                 "hardware": {"gpu": "l40s-48gb", "gpu_count": 4, "tensor_parallel": 4}}"""));
        out.add(reader.read("""
                {"model": {"preset": "mixtral-8x7b"}, "method": {"type": "lora"},
                 "training": {"activation_checkpointing": "full", "sequence_length": 256},
                 "hardware": {"gpu": "h100-sxm-80gb", "gpu_count": 8, "expert_parallel": 4, "sharding": "fsdp"}}"""));
        out.add(reader.read("""
                {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "qlora"},
                 "training": {"loss": "fused", "activation_checkpointing": "selective", "attention": "eager"},
                 "hardware": {"gpu": "a100-sxm-80gb"}}"""));
        out.add(reader.read("""
                {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "lora", "extra_trainable": ["lm_head"]},
                 "training": {"loss": "fused", "sequence_length": 128, "optimizer": "sgd"},
                 "hardware": {"gpu": "h200-sxm-141gb"}}"""));
        // Full fine-tuning with the optimizer in backward and short sequences: the peak is the end of the backward,
        // with the first block's saved tensors and the largest parameter's gradient.
        out.add(reader.read("""
                {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "full"},
                 "training": {"sequence_length": 128, "optimizer_in_backward": true},
                 "hardware": {"gpu": "h100-sxm-80gb"}}"""));
        return out;
    }

    @Test
    void everyTermOfEveryScenarioReadsCompletelyInBothLanguages() {
        Estimator estimator = Estimator.standard();
        Set<TermId> seen = EnumSet.noneOf(TermId.class);
        List<String> problems = new ArrayList<>();
        for (Scenario s : sweep()) {
            Explanation why = estimator.explain(s);
            List<Term> terms = new ArrayList<>();
            why.memory().stream().map(MemoryTerm::term).forEach(terms::add);
            why.time().stream().map(TimeTerm::term).forEach(terms::add);
            terms.add(why.utilisation());
            for (Term t : terms) {
                seen.add(t.id());
                for (Words w : List.of(en, vi)) {
                    for (String text : List.of(w.title(t), w.formula(t), w.numbers(t))) {
                        if (text.contains("?") || text.contains("{") || text.contains("[")
                                || text.startsWith("term.")) {
                            problems.add(w.locale() + " " + t.id() + ": " + text + " " + t.inputs());
                        }
                    }
                    if (w.sources(t).isEmpty() && t.id() != TermId.UTILISATION_SCENARIO) {
                        problems.add(w.locale() + " " + t.id() + " has no source");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        // A variant only the sweep's scenarios can reach: each must be reached once, or its words are untested.
        Set<TermId> unseen = EnumSet.complementOf(EnumSet.copyOf(seen));
        unseen.remove(TermId.UTILISATION_SCENARIO); // only with cost.mfu, checked below
        assertEquals(Set.of(), unseen);
    }

    @Test
    void theUtilisationGivenInTheScenarioSaysSo() {
        Term t = Term.of(TermId.UTILISATION_SCENARIO, 0.45).in(Input.UTILISATION, 0.45).build();
        assertEquals("set in the scenario (cost.mfu); covers element-wise kernels too", en.formula(t));
        assertFalse(vi.formula(t).contains("set in"));
    }

    @Test
    void everyTermAndSourceHasItsWordsInBothLanguages() {
        List<String> missing = new ArrayList<>();
        for (Words w : List.of(en, vi)) {
            for (TermId id : TermId.values()) {
                for (String part : List.of("title", "formula", "numbers")) {
                    if (!w.has("term." + id + "." + part)) {
                        missing.add(w.locale() + " term." + id + "." + part);
                    }
                }
            }
            for (SourceId id : SourceId.values()) {
                if (!w.has("source." + id)) {
                    missing.add(w.locale() + " source." + id);
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
