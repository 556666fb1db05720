package org.finetuneplanner.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private final Messages en = Messages.forLocale(Locale.ENGLISH);
    private final Messages vi = Messages.forLocale(Locale.forLanguageTag("vi"));

    @Test
    void everyEnumConstantHasALabelInBothLanguages() {
        List<Enum<?>[]> all = List.of(FineTuneMethod.values(), WeightStorage.values(), Precision.values(),
                Optimizer.values(), Checkpointing.values(), Attention.values(), Loss.values(), Framework.values(),
                Sharding.values(), Offload.values(), LoraTarget.values());
        for (Enum<?>[] values : all) {
            for (Enum<?> v : values) {
                String key = "enum." + v.getDeclaringClass().getSimpleName() + "." + v.name();
                assertTrue(en.has(key), key);
                assertTrue(vi.has(key), key);
            }
        }
        for (MemoryComponent c : MemoryComponent.values()) {
            assertTrue(en.has("enum.MemoryComponent." + c.name()), c.name());
        }
    }

    @Test
    void argumentsAreFilledInAndApostrophesSurvive() {
        assertEquals("r = 16", en.text("inputs.rank.value", 16));
        assertTrue(en.text("inputs.checkpointing.tip").contains("block's input"));
        assertEquals("FP8 cần tensor core FP8; NVIDIA A100 không có.",
                vi.text("precision.fp8.unsupported", "NVIDIA A100"));
    }

    @Test
    void unknownLanguageFallsBackToEnglishAndMissingKeyShowsTheKey() {
        Messages de = Messages.forLocale(Locale.GERMAN);
        assertEquals(Locale.ENGLISH, de.locale());
        assertEquals("Method", de.text("inputs.method"));
        assertEquals("no.such.key", de.text("no.such.key"));
    }
}
