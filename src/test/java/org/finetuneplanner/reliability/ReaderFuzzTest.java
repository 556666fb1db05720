package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.catalog.CatalogException;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.model.ModelFileException;
import org.finetuneplanner.service.model.ModelFiles;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.validation.ValidationRunner;

/**
 * Fuzzing of every reader with damaged real files: the spec's example scenario and the 72 scenarios of the public
 * validation cases, every preset's {@code config.json}, and the bundled catalogs. The contract under test: a reader
 * either returns a valid result or throws its documented exception ({@link ScenarioException},
 * {@link CatalogException}; {@code IllegalArgumentException} for {@link ArchitectureFactory}) with one clear line;
 * nothing else escapes (no NullPointerException, ClassCastException, ArithmeticException, OutOfMemoryError …).
 * A scenario that is accepted must also survive being written and read back unchanged.
 *
 * <p>Volume per run: 2,000 byte-mutated scenario texts, 500 byte-mutated scenario files, 2,000 scenarios with a
 * hostile value, 1,500 mutated config.json texts, 1,000 configs with a hostile value, 500 mutated config.json files
 * opened as in the app, 300 damaged validation-case lines, 200 mutated catalogs, and every truncation of the spec
 * example. Seeds are jqwik's, so a failure prints the seed that replays it.
 */
class ReaderFuzzTest {

    private static final ScenarioJson JSON = ScenarioJson.standard();
    private static final byte[] GPUS = Seeds.resource(Catalogs.GPUS_RESOURCE);
    private static final byte[] MODELS = Seeds.resource(Catalogs.MODELS_RESOURCE);

    private static final ValidationRunner VALIDATION = ValidationRunner.standard();
    private static final List<String> CASE_LINES = new String(Seeds.resource("/validation/public-cases.jsonl"),
            StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();

    private static Path folder;

    @BeforeContainer
    static void makeFolder() throws IOException {
        folder = Files.createTempDirectory("fuzz");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(folder);
    }

    @Property(tries = 2000, seed = "20261129")
    void mutatedScenarioTextIsReadOrRejectedInOneLine(@ForAll Random random, @ForAll @IntRange(max = 1000) int pick) {
        String seed = Seeds.scenarios().get(pick % Seeds.scenarios().size());
        String text = new String(Mutator.mutateBytes(seed, random), StandardCharsets.UTF_8);
        readOrRejectClearly(() -> JSON.read(text), text);
    }

    @Property(tries = 500, seed = "20261129")
    void mutatedScenarioFilesAreReadOrRejectedInOneLine(@ForAll Random random,
                                                        @ForAll @IntRange(max = 1000) int pick) throws IOException {
        String seed = Seeds.scenarios().get(pick % Seeds.scenarios().size());
        byte[] bytes = Mutator.mutateBytes(seed, random);
        Path file = folder.resolve("plan.json");
        Files.write(file, bytes);
        readOrRejectClearly(() -> JSON.read(file), new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /**
     * One value anywhere in a real scenario replaced by a hostile one (wrong type, out of range, huge, nested …):
     * read, or rejected with a message that names a key.
     */
    @Property(tries = 2000, seed = "20261129")
    void aHostileValueIsRejectedNamingTheKey(@ForAll Random random, @ForAll @IntRange(max = 1000) int pick) {
        String seed = Seeds.scenarios().get(pick % Seeds.scenarios().size());
        Mutator.Mutation m = Mutator.mutateTree(seed, random);
        try {
            Scenario s = JSON.read(m.text());
            assertEquals(s, JSON.read(JSON.write(s)), "an accepted scenario must round-trip: " + m);
        } catch (ScenarioException e) {
            Messages.assertClear(e.getMessage(), m.toString());
            assertTrue(namesAKey(e), "the message names no key (" + m + "): " + e.getMessage());
        } catch (RuntimeException | Error e) {
            throw new AssertionError("escaped " + e + " for " + m, e);
        }
    }

    /** A strict prefix of a scenario is never a scenario: every one is rejected, each in one line. */
    @net.jqwik.api.Example
    void everyTruncationOfTheSpecExampleIsRejected() {
        String text = Seeds.SPEC_EXAMPLE;
        int complete = text.lastIndexOf('}') + 1;
        for (int length = 0; length < complete; length++) {
            String prefix = text.substring(0, length);
            ScenarioException e = assertThrows(ScenarioException.class, () -> JSON.read(prefix), prefix);
            Messages.assertClear(e.getMessage(), prefix);
        }
        JSON.read(text.substring(0, complete));
    }

    @Property(tries = 1500, seed = "20261129")
    void mutatedConfigJsonIsReadOrRejectedInOneLine(@ForAll Random random, @ForAll @IntRange(max = 1000) int pick) {
        String seed = Seeds.configs().get(pick % Seeds.configs().size());
        String text = new String(Mutator.mutateBytes(seed, random), StandardCharsets.UTF_8);
        readConfigOrRejectClearly(text, text);
    }

    @Property(tries = 1000, seed = "20261129")
    void aHostileConfigValueIsRejectedNamingTheKey(@ForAll Random random, @ForAll @IntRange(max = 1000) int pick) {
        String seed = Seeds.configs().get(pick % Seeds.configs().size());
        Mutator.Mutation m = Mutator.mutateTree(seed, random);
        readConfigOrRejectClearly(m.text(), m.toString());
        String scenario = "{\"model\": {\"config\": " + m.text() + "}, \"hardware\": {\"gpu\": \"h100-sxm-80gb\"}}";
        readOrRejectClearly(() -> JSON.read(scenario), m.toString());
    }

    @Property(tries = 200, seed = "20261129")
    void mutatedCatalogsAreRejectedInOneLine(@ForAll Random random, @ForAll boolean gpus) {
        String seed = new String(gpus ? GPUS : MODELS, StandardCharsets.UTF_8);
        byte[] damaged = Mutator.mutateBytes(seed, random);
        try {
            Catalogs catalogs = Catalogs.read(new ByteArrayInputStream(gpus ? damaged : GPUS), "gpus.json",
                    new ByteArrayInputStream(gpus ? MODELS : damaged), "models.json");
            assertTrue(catalogs.gpus().size() + catalogs.models().size() > 0);
        } catch (CatalogException e) {
            Messages.assertClear(e.getMessage(), "catalog");
            assertTrue(e.getMessage().startsWith(gpus ? "gpus.json" : "models.json"), e.getMessage());
        } catch (RuntimeException | Error e) {
            throw new AssertionError("escaped " + e, e);
        }
    }

    /** The app's "Open config.json…": a damaged file is a ModelFileException in one line, nothing else. */
    @Property(tries = 500, seed = "20261129")
    void mutatedConfigFilesOpenedInTheAppAreRejectedInOneLine(@ForAll Random random,
                                                              @ForAll @IntRange(max = 1000) int pick)
            throws IOException {
        String seed = Seeds.configs().get(pick % Seeds.configs().size());
        byte[] bytes = Mutator.mutateBytes(seed, random);
        Path file = folder.resolve("config.json");
        Files.write(file, bytes);
        try {
            ModelFiles.readConfig(file);
        } catch (ModelFileException e) {
            Messages.assertClear(e.getMessage(), new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (RuntimeException | Error e) {
            throw new AssertionError("escaped " + e, e);
        }
    }

    /**
     * {@code validate CASES.jsonl}: a damaged line fails alone with a one-line reason, the other cases still run,
     * and nothing escapes the runner.
     */
    @Property(tries = 300, seed = "20261129")
    void mutatedValidationCasesFailAlone(@ForAll Random random, @ForAll @IntRange(max = 1000) int pick) {
        List<String> lines = CASE_LINES;
        String seed = lines.get(pick % lines.size());
        String damaged = random.nextBoolean()
                ? new String(Mutator.mutateBytes(seed, random), StandardCharsets.UTF_8)
                : Mutator.mutateTree(seed, random).text().replace("\n", " ");
        String good = lines.get((pick + 1) % lines.size());
        ValidationRunner.Report report;
        try {
            report = VALIDATION.run(List.of(damaged, good));
        } catch (RuntimeException | Error e) {
            throw new AssertionError("escaped " + e + " for " + shorten(damaged), e);
        }
        int expected = damaged.isBlank() ? 1 : 2;
        assertEquals(expected, report.cases().size());
        ValidationRunner.CaseResult last = report.cases().get(report.cases().size() - 1);
        assertTrue(last.ran(), "the good case after a damaged one did not run: " + last.error());
        for (ValidationRunner.CaseResult c : report.cases()) {
            if (!c.ran()) {
                Messages.assertClear(c.error(), shorten(damaged));
            }
        }
    }

    private static void readConfigOrRejectClearly(String text, String what) {
        try {
            JsonNode tree = SafeJson.readTree(text);
            if (!tree.isObject()) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) SafeJson.toPlain(tree);
            ArchitectureFactory.fromConfig(map);
        } catch (JsonProcessingException e) {
            Messages.assertClear(SafeJson.describe(e), what);
        } catch (IllegalArgumentException e) {
            Messages.assertClear(e.getMessage(), what);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("escaped " + e + " for " + shorten(what), e);
        }
    }

    private static void readOrRejectClearly(ThrowingRead read, String what) {
        try {
            Scenario s = read.read();
            assertEquals(s, JSON.read(JSON.write(s)), "an accepted scenario must round-trip");
        } catch (ScenarioException e) {
            Messages.assertClear(e.getMessage(), shorten(what));
        } catch (UncheckedIOException e) {
            fail("escaped " + e, e);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("escaped " + e + " for " + shorten(what), e);
        }
    }

    /** A key is named: the exception carries one, or the message starts with a dotted key or names a config key. */
    private static boolean namesAKey(ScenarioException e) {
        return !e.key().isEmpty() || e.getMessage().matches("^[a-z_]+(\\.[a-z_]+)+.*")
                || e.getMessage().matches("^[a-z_]+ .*");
    }

    private static String shorten(String text) {
        return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
    }

    @FunctionalInterface
    private interface ThrowingRead {
        Scenario read();
    }
}
