package org.finetuneplanner.service.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class QuickStartsTest {
    private static final Catalogs CATALOGS = Catalogs.load();
    private static final ScenarioJson JSON = new ScenarioJson(CATALOGS);
    private static final QuickStarts QUICK_STARTS = new QuickStarts(JSON);

    @TempDir
    Path dir;

    /** Read, written to a file, read again: the same scenario, and the written file writes back to the same text. */
    @ParameterizedTest
    @EnumSource(QuickStart.class)
    void everyQuickStartRoundTripsThroughAScenarioFileUnchanged(QuickStart q) throws Exception {
        Scenario bundled = QUICK_STARTS.read(q);
        Path file = dir.resolve(q.id() + ".json");
        JSON.writeFile(bundled, file);
        Scenario reread = JSON.read(file);
        assertEquals(bundled, reread);
        assertEquals(Files.readString(file), JSON.write(reread), "writing again gives the same file");
        // The bundled text itself names the same scenario as the file written from it.
        assertEquals(bundled, JSON.read(QuickStarts.text(q)));
    }

    static Stream<Arguments> questions() {
        return Stream.of(
                Arguments.of(QuickStart.LLAMA_8B_QLORA_RTX4090, "llama-3.1-8b", FineTuneMethod.QLORA,
                        "rtx-4090-24gb", 1, Sharding.NONE),
                Arguments.of(QuickStart.LLAMA_8B_LORA_L40S, "llama-3.1-8b", FineTuneMethod.LORA, "l40s-48gb", 1,
                        Sharding.NONE),
                Arguments.of(QuickStart.LLAMA_70B_LORA_H100, "llama-3.1-70b", FineTuneMethod.LORA, "h100-sxm-80gb", 4,
                        Sharding.FSDP),
                Arguments.of(QuickStart.LLAMA_70B_FULL_H100, "llama-3.1-70b", FineTuneMethod.FULL, "h100-sxm-80gb",
                        32, Sharding.FSDP),
                Arguments.of(QuickStart.MIXTRAL_8X7B_LORA_H100, "mixtral-8x7b", FineTuneMethod.LORA, "h100-sxm-80gb",
                        2, Sharding.FSDP),
                Arguments.of(QuickStart.QWEN_7B_VIETNAMESE_LORA_A100, "qwen2.5-7b", FineTuneMethod.LORA,
                        "a100-sxm-80gb", 1, Sharding.NONE));
    }

    /** Each quick start answers the question it is named for, and the answer fits on its own GPUs with 4k context. */
    @ParameterizedTest
    @MethodSource("questions")
    void eachQuickStartIsTheJobItIsNamedForAndFits(QuickStart q, String model, FineTuneMethod method, String gpu,
                                                   int count, Sharding sharding) {
        Scenario s = QUICK_STARTS.read(q);
        assertEquals(model, s.model().id());
        assertEquals(method, s.method().type());
        assertEquals(gpu, s.hardware().gpu().id());
        assertEquals(count, s.hardware().gpuCount());
        assertEquals(sharding, s.hardware().sharding());
        assertEquals(4096, s.training().sequenceLength());
        assertTrue(s.data().tokens().isPresent(), "tokens known, so the meeting sees time and cost");
        Estimate e = Estimator.standard().estimate(s);
        assertTrue(e.fits(), q + " fits on " + count + " x " + gpu);
    }

    @ParameterizedTest
    @EnumSource(QuickStart.class)
    void everyQuickStartIsNamedInEnglishAndVietnamese(QuickStart q) {
        String base = "org.finetuneplanner.service.text.app";
        ResourceBundle en = ResourceBundle.getBundle(base, Locale.ROOT);
        ResourceBundle vi = ResourceBundle.getBundle(base, Locale.forLanguageTag("vi"));
        for (String key : Set.of("quickstart." + q.id(), "quickstart." + q.id() + ".about")) {
            assertFalse(en.getString(key).isBlank(), key);
            assertFalse(vi.getString(key).isBlank(), key);
        }
        String about = "quickstart." + q.id() + ".about";
        assertFalse(en.getString(about).equals(vi.getString(about)), "the Vietnamese sentence is translated");
    }

    @Test
    void idsAreDistinctAndEachFileIsBundled() {
        Set<String> ids = Stream.of(QuickStart.values()).map(QuickStart::id).collect(Collectors.toSet());
        assertEquals(QuickStart.values().length, ids.size());
        for (QuickStart q : QuickStart.values()) {
            assertTrue(QuickStarts.text(q).contains("\"format\": \"finetune-plan/1\""), q.resource());
        }
    }
}
