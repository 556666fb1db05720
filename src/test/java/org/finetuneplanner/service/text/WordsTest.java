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
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.Phase;
import org.finetuneplanner.core.plan.PlanReason;
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
                MemoryComponent.values(), ReportLanguage.values(), PaperSize.values());
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
}
