package org.finetuneplanner.service.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    // Llama-3-8B's config.json (meta-llama/Meta-Llama-3-8B), the keys the architecture needs.
    private static final String LLAMA3_8B = """
            {"_name_or_path": "meta-llama/Meta-Llama-3-8B", "model_type": "llama", "hidden_size": 4096,
             "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
             "intermediate_size": 14336, "vocab_size": 128256, "tie_word_embeddings": false,
             "max_position_embeddings": 8192}
            """;

    @Test
    void configJsonBecomesAConfigModelNamedByItsPath() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, LLAMA3_8B);
        ModelSpec m = ModelFiles.readConfig(file);
        assertEquals(ModelSpec.Origin.CONFIG, m.origin());
        assertEquals("meta-llama/Meta-Llama-3-8B", m.displayName());
        assertEquals(4096, m.architecture().hiddenSize());
        assertEquals(8, m.architecture().numKvHeads());
        assertEquals(128256, m.architecture().vocabSize());
    }

    @Test
    void missingKeyIsNamed() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, LLAMA3_8B.replace("\"hidden_size\": 4096,", ""));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.readConfig(file));
        assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
    }

    @Test
    void textThatIsNotJsonNamesTheFile() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "hidden_size = 4096");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.readConfig(file));
        assertTrue(e.getMessage().startsWith("config.json is not valid JSON"), e.getMessage());
    }

    @Test
    void jsonArrayIsRefused() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "[1, 2]");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.readConfig(file));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
    }

    @Test
    void missingFileIsSaidPlainly() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFiles.readConfig(dir.resolve("nope.json")));
        assertEquals("nope.json: no such file", e.getMessage());
    }

    @Test
    void parameterCountGivesAGuessedModel() {
        ModelSpec m = ModelFiles.fromParameters(7_000_000_000L);
        assertEquals(ModelSpec.Origin.PARAMETERS, m.origin());
        assertEquals("7B parameters", m.displayName());
        assertEquals(7_000_000_000L, m.parameters().getAsLong());
        assertTrue(m.architecture().guessed());
    }

    /**
     * One name for a model known by its count, in the app's field and in a scenario's model.parameters: the app
     * said "7.2B" where a file said "7.24B" for the same 7,240,000,000.
     */
    @Test
    void aCountIsNamedAlikeInTheAppAndInAScenario() {
        assertEquals("7.24B parameters", ModelFiles.fromParameters(7_240_000_000L).displayName());
        assertEquals("7.24B parameters", ScenarioJson.standard().read("{\"model\": {\"parameters\": 7240000000},"
                + " \"hardware\": {\"gpu\": \"a100-sxm-80gb\"}}").model().displayName());
        assertEquals("125M parameters", ModelFiles.parametersName(125_000_000L));
        assertEquals("1.5B parameters", ModelFiles.parametersName(1_500_000_000L));
    }

    @Test
    void countsOutsideTheRangeAreRefusedWithTheRange() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.fromParameters(999));
        assertEquals("model.parameters must be 1000000 to 100000000000000, was 999", e.getMessage());
    }
}
