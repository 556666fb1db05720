package org.finetuneplanner.service.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.finetuneplanner.core.Bytes;
import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.cost.PriceOrigin;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.Phase;
import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.plan.Setting;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportLanguage;
import org.junit.jupiter.api.Test;

/** The text layer is complete: every key in both languages, every id the core speaks has its words. */
class WordsTest {
    private final Words en = Words.forLocale(Locale.ENGLISH);
    private final Words vi = Words.forLocale(Locale.forLanguageTag("vi"));

    @Test
    void everyFamilyHasTheSameKeysInBothLanguages() {
        List<String> problems = new ArrayList<>();
        for (String family : Words.FAMILIES) {
            TreeSet<String> root = new TreeSet<>(Words.read(family + ".properties").keySet());
            TreeSet<String> vietnamese = new TreeSet<>(Words.read(family + "_vi.properties").keySet());
            for (String key : root) {
                if (!vietnamese.contains(key)) {
                    problems.add(family + "_vi lacks " + key);
                }
            }
            for (String key : vietnamese) {
                if (!root.contains(key)) {
                    problems.add(family + " (English) lacks " + key);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noKeyIsDefinedInTwoFamilies() {
        List<String> twice = new ArrayList<>();
        Map<String, String> seen = new java.util.HashMap<>();
        for (String family : Words.FAMILIES) {
            for (String key : Words.read(family + ".properties").keySet()) {
                String before = seen.put(key, family);
                if (before != null) {
                    twice.add(key + " in " + before + " and " + family);
                }
            }
        }
        assertEquals(List.of(), twice);
    }

    @Test
    void everyEnumConstantHasANameInBothLanguages() {
        List<Enum<?>[]> all = List.of(FineTuneMethod.values(), WeightStorage.values(), Precision.values(),
                Optimizer.values(), Checkpointing.values(), Attention.values(), Loss.values(), Framework.values(),
                Sharding.values(), Offload.values(), LoraTarget.values(), ExtraTrainable.values(),
                MemoryComponent.values(), ReportLanguage.values(), PaperSize.values(), FitStatus.values(),
                PriceOrigin.values(), Setting.values());
        List<String> missing = new ArrayList<>();
        for (Enum<?>[] values : all) {
            for (Enum<?> v : values) {
                String key = "enum." + v.getDeclaringClass().getSimpleName() + "." + v.name();
                for (Words w : List.of(en, vi)) {
                    if (!w.has(key)) {
                        missing.add(w.locale() + ": " + key);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyNoteReasonAndConstraintHasItsWordsInBothLanguages() {
        List<String> keys = new ArrayList<>();
        for (NoteId id : NoteId.values()) {
            keys.add("note." + id.name());
        }
        for (Class<?> kind : PlanReason.class.getPermittedSubclasses()) {
            keys.add("reason." + kind.getSimpleName());
        }
        keys.add("reason.NeedsGpus.offload");
        for (CaveatId id : CaveatId.values()) {
            keys.add("caveat." + id.name());
            // The options page of the report marks each caveat with its short word and explains it in the legend.
            keys.add("caveat.short." + id.name());
            keys.add("caveat.legend." + id.name());
        }
        keys.add("caveat.RENTAL_UNIT.own");
        keys.add("caveat.OFFLOAD_HOST_MEMORY.checked");
        keys.add("adjustment");
        for (Constraint c : Constraint.values()) {
            keys.add("violation." + c.name());
        }
        keys.add("violation.REQUIRED.aliases");
        for (Phase p : Phase.values()) {
            keys.add("enum.Phase." + p.name());
        }
        List<String> missing = new ArrayList<>();
        for (Words w : List.of(en, vi)) {
            for (String key : keys) {
                if (!w.has(key)) {
                    missing.add(w.locale() + ": " + key);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void notesAndReasonsAreWordedFromTheirData() {
        // 3.25 GiB + 1 MiB = 3,490,709,504 B = 3.251 GiB: 3.3 GiB to one decimal.
        Note paged = Note.of(NoteId.MEMORY_PAGED_OPTIMIZER, new Bytes(3_489_660_928L + (1L << 20)));
        assertTrue(en.note(paged).startsWith("Paged optimizer: its 3.3\u00a0GiB of state"), en.note(paged));
        assertTrue(vi.note(paged).startsWith("Bộ tối ưu phân trang: 3,3\u00a0GiB trạng thái"), vi.note(paged));
        assertEquals("The peak falls in the backward (end) phase of the step.",
                en.note(Note.of(NoteId.MEMORY_PEAK_PHASE, Phase.BACKWARD_END)));
        assertEquals("Đỉnh bộ nhớ rơi vào giai đoạn cuối lan truyền ngược của bước huấn luyện.",
                vi.note(Note.of(NoteId.MEMORY_PEAK_PHASE, Phase.BACKWARD_END)));
        // 19.4 GiB of 18.8: 2 GPUs with FSDP full shard, optimizer states offloaded.
        PlanReason needs = new PlanReason.NeedsGpus(2, Sharding.FSDP, Offload.OPTIMIZER, (long) (19.4 * (1L << 30)),
                (long) (18.8 * (1L << 30)));
        assertEquals("One GPU would need 19.4\u00a0GiB of 18.8\u00a0GiB; 2 GPUs with FSDP full shard and optimizer "
                + "states offloaded to the CPU fit.", en.reason(needs));
        assertEquals("Một GPU sẽ cần 19,4\u00a0GiB trên 18,8\u00a0GiB; 2 GPU với FSDP sharding toàn phần và trạng "
                + "thái bộ tối ưu chuyển sang CPU thì vừa bộ nhớ.", vi.reason(needs));
        assertEquals("Fits on one GPU. NVIDIA T4 has no FP8: BF16 speed assumed.",
                en.reasons(List.of(new PlanReason.FitsOnOneGpu(), new PlanReason.Fp8Fallback("NVIDIA T4",
                        Precision.BF16))));
    }

    @Test
    void caveatsAdjustmentsAndTheNewReasonsAreWordedFromTheirData() {
        Caveat rental = new Caveat(CaveatId.RENTAL_UNIT, List.of(4, 4, "CoreWeave", "GB200 NVL72"), List.of());
        assertEquals("CoreWeave rents this GPU in instances of 4 (GB200 NVL72): 4 GPUs are rented and paid for.",
                en.caveat(rental));
        assertEquals("CoreWeave cho thuê GPU này theo máy 4 GPU (GB200 NVL72): thuê và trả tiền cho 4 GPU.",
                vi.caveat(rental));
        Caveat own = new Caveat(CaveatId.RENTAL_UNIT, List.of(4, 8, "", ""), List.of());
        assertEquals("This GPU is rented in groups of 4: 8 GPUs are paid for.", en.caveat(own));
        // 27.6 GiB = 29,635,274,342 B (27.6 · 2^30) of 64 GiB.
        Caveat host = new Caveat(CaveatId.OFFLOAD_HOST_MEMORY, List.of(new Bytes(29_635_274_342L),
                new Bytes(64L << 30)), List.of());
        assertEquals("The offload needs 27.6\u00a0GiB of host memory per node, of the 64.0\u00a0GiB the scenario "
                + "gives.", en.caveat(host));
        assertTrue(en.caveat(new Caveat(CaveatId.NO_BF16, List.of("NVIDIA T4"), List.of()))
                .startsWith("NVIDIA T4 has no BF16 tensor cores"));
        assertEquals("micro-batch 8 \u2192 2", en.adjustment(new Adjustment(Setting.MICRO_BATCH_SIZE, 8, 2)));
        // A choice by its short word in the language (adjustment.value.ACTIVATION_CHECKPOINTING.NONE / FULL), not its
        // scenario spelling.
        assertEquals("checkpointing none \u2192 full", en.adjustment(new Adjustment(
                Setting.ACTIVATION_CHECKPOINTING, Checkpointing.NONE, Checkpointing.FULL)));
        assertEquals("checkpointing activation không \u2192 toàn phần", vi.adjustment(new Adjustment(
                Setting.ACTIVATION_CHECKPOINTING, Checkpointing.NONE, Checkpointing.FULL)));
        assertEquals("It would fit on 72 GPUs, more than the limit of 64 (plan.max_gpus).",
                en.reason(new PlanReason.FitsWithMoreGpus(72, 64)));
        assertEquals("Sẽ vừa bộ nhớ với QLoRA trên 2 GPU.", vi.reason(new PlanReason.FitsWithMethod(
                FineTuneMethod.QLORA, 2)));
        assertEquals("plan.keep must be one of micro_batch_size, activation_checkpointing, loss, was x",
                en.violation(Violation.oneOf("plan.keep", "x", List.of("micro_batch_size",
                        "activation_checkpointing", "loss"))));
    }

    @Test
    void textsFollowTheLanguage() {
        assertEquals("Optimizer states", en.label(MemoryComponent.OPTIMIZER));
        assertEquals("Trạng thái bộ tối ưu", vi.label(MemoryComponent.OPTIMIZER));
        assertEquals("no.such.key", vi.text("no.such.key"));
        assertEquals(Locale.ENGLISH, Words.forLocale(Locale.GERMAN).locale());
    }

    @Test
    void shardingAndFragmentationAreDifferentWordsInVietnamese() {
        // The glossary: sharding stays "sharding", fragmentation is "phân mảnh"; never the same word for both.
        for (String key : List.of("inputs.sharding", "results.column.sharding", "options.sharding",
                "summary.sharding", "enum.Sharding.FSDP")) {
            String text = vi.text(key).toLowerCase(Locale.ROOT);
            assertTrue(text.contains("sharding") && !text.contains("phân mảnh"), key + " = " + text);
        }
        assertTrue(vi.text("risk.thinHeadroom").contains("phân mảnh bộ nhớ"));
    }

    /**
     * The options table's price and cost cells are in the price list's currency (9.500 ₫ with a VND list): their
     * headers and tips name no fixed currency (the price column said "USD/GPU·giờ" over 9.500 ₫).
     */
    @Test
    void theOptionsMoneyColumnsNameNoFixedCurrency() {
        for (Words w : List.of(en, vi)) {
            String price = w.text("results.column.price");
            assertTrue(!price.contains("USD") && !price.contains("$"), price);
            String costTip = w.text("results.column.cost.tip");
            assertTrue(!costTip.endsWith("USD."), costTip);
        }
    }
}
