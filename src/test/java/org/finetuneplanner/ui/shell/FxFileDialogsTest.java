package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Saved files get their kind's extension when the name typed has none (GTK's file chooser adds none). */
class FxFileDialogsTest {
    @Test
    void aNameWithoutTheExtensionGetsIt() {
        assertEquals("plan.pdf", FxFileDialogs.withExtension("plan", ".pdf", ".pdf"));
        assertEquals("Llama 3.1 8B, QLoRA r16.json",
                FxFileDialogs.withExtension("Llama 3.1 8B, QLoRA r16", ".json", ".json"));
        // "v0.1" is no extension of the kind: the kind's is added.
        assertEquals("mistral v0.1.json", FxFileDialogs.withExtension("mistral v0.1", ".json", ".json"));
    }

    @Test
    void aNameWithAKnownExtensionStaysInAnyCase() {
        assertEquals("Plan.PDF", FxFileDialogs.withExtension("Plan.PDF", ".pdf", ".pdf"));
        assertEquals("bar.svg", FxFileDialogs.withExtension("bar.svg", ".png", ".png", ".svg"));
        Path chosen = Path.of("reports", "plan.pdf");
        assertEquals(chosen, FxFileDialogs.withExtension(chosen, ".pdf", ".pdf"));
        assertEquals(Path.of("reports", "plan.pdf"), FxFileDialogs.withExtension(Path.of("reports", "plan"), ".pdf",
                ".pdf"));
        assertNull(FxFileDialogs.withExtension((Path) null, ".pdf", ".pdf"));
    }
}
