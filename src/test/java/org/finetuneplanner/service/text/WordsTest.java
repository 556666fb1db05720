package org.finetuneplanner.service.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.finetuneplanner.core.memory.MemoryComponent;
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
