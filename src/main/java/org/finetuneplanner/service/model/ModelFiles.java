package org.finetuneplanner.service.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Sentence;
import org.finetuneplanner.service.text.Words;

/**
 * Models that do not come from the catalog: a Hugging Face {@code config.json} opened by the user, or a bare
 * parameter count. Errors are {@link ModelFileException}s whose message names the file, the key and the problem.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * Reads a {@code config.json} with the hardened JSON reader and builds its architecture.
     *
     * @throws ModelFileException when the file cannot be read, is not a JSON object, or lacks or breaks a key
     */
    public static ModelSpec readConfig(Path file) {
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = SafeJson.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file.getFileName() + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(Sentence.of("read.config.notJson", file.getFileName(), SafeJson.problem(e)),
                    e);
        } catch (IOException e) {
            throw new ModelFileException(file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
        if (!tree.isObject()) {
            throw new ModelFileException(file.getFileName() + " must hold a JSON object {…} of config.json keys");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) SafeJson.toPlain(tree);
        return fromConfig(config, file);
    }

    /**
     * A model from a parsed {@code config.json} map.
     *
     * @param origin the file it came from, used for the name when the config carries none
     * @throws ModelFileException naming the key that is missing or out of range
     */
    public static ModelSpec fromConfig(Map<String, Object> config, Path origin) {
        Architecture a;
        try {
            a = ArchitectureFactory.fromConfig(config);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(Words.english().message(e), e);
        }
        String name = config.get("_name_or_path") instanceof String s && !s.isBlank() && s.length() <= 200
                ? s.strip() : folderName(origin, a);
        return new ModelSpec(name, name, a, ModelSpec.Origin.CONFIG, config, OptionalLong.empty());
    }

    private static String folderName(Path origin, Architecture a) {
        Path parent = origin == null ? null : origin.toAbsolutePath().getParent();
        if (parent != null && parent.getFileName() != null) {
            return parent.getFileName() + "/" + origin.getFileName();
        }
        return (a.modelType().isEmpty() ? "model" : a.modelType()) + " (config.json)";
    }

    /**
     * A model whose architecture is guessed from its total parameter count.
     *
     * @throws ModelFileException when {@code parameters} is outside 1 M … 100 T
     */
    public static ModelSpec fromParameters(long parameters) {
        if (parameters < Limits.MIN_PARAMETERS || parameters > Limits.MAX_PARAMETERS) {
            throw new ModelFileException("model.parameters must be " + Limits.MIN_PARAMETERS + " to "
                    + Limits.MAX_PARAMETERS + ", was " + parameters);
        }
        Architecture a;
        try {
            a = ArchitectureFactory.guessFromParameters(parameters);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(Words.english().message(e), e);
        }
        String id = parametersName(parameters);
        return new ModelSpec(id, id, a, ModelSpec.Origin.PARAMETERS, Map.of(), OptionalLong.of(parameters));
    }

    /**
     * The name of a model known only by its parameter count, for the app's field and a scenario's
     * {@code model.parameters} alike: "7.24B parameters", "7B parameters", "125M parameters" (two decimals at most,
     * trailing zeros dropped).
     */
    public static String parametersName(long parameters) {
        return parameters >= 1_000_000_000L ? twoDecimals(parameters / 1e9) + "B parameters"
                : twoDecimals(parameters / 1e6) + "M parameters";
    }

    private static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }
}
