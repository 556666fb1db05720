package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.ui.common.Messages;
import org.junit.jupiter.api.Test;

/** The short names the closed choice boxes show: the first words of the full names, in both languages. */
class ShortLabelsTest {
    private static final List<Class<? extends Enum<?>>> BOXES = List.of(Checkpointing.class, Attention.class,
            Loss.class, Framework.class, Sharding.class, Offload.class, Optimizer.class, WeightStorage.class);

    @Test
    void aShortNameIsTheStartOfTheFullNameSoTheListAndTheBoxAgree() {
        for (String language : List.of("en", "vi")) {
            Messages m = Messages.forLocale(Locale.forLanguageTag(language));
            for (Class<? extends Enum<?>> type : BOXES) {
                for (Enum<?> value : type.getEnumConstants()) {
                    String full = m.label(value);
                    String shown = InputsTexts.shortLabel(m, value);
                    assertTrue(!shown.isEmpty() && full.startsWith(shown), language + ": " + shown + " / " + full);
                }
            }
        }
    }

    @Test
    void theLongNamesCutInAHalfRowHaveShortOnes() {
        // Seen cut at 1280×720 ("Megatron / N…", "Standard (fp…", "Flash / mem…"): these three have short names.
        Messages en = Messages.forLocale(Locale.ENGLISH);
        assertEquals("Megatron", InputsTexts.shortLabel(en, Framework.MEGATRON));
        assertEquals("Standard", InputsTexts.shortLabel(en, Loss.STANDARD));
        assertEquals("Flash", InputsTexts.shortLabel(en, Attention.FLASH));
        // A name without a short one is shown whole.
        assertEquals("Chunked", InputsTexts.shortLabel(en, Loss.CHUNKED));
    }
}
