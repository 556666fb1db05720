package org.finetuneplanner.service.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Reads the bundled quick starts ({@link QuickStart}) through {@link ScenarioJson}, as any scenario file is read.
 * Thread-safe; reading one is a class-path read of a few hundred bytes.
 */
public final class QuickStarts {
    private final ScenarioJson json;

    /** Quick starts whose presets and GPUs resolve through {@code json}'s catalogs. */
    public QuickStarts(ScenarioJson json) {
        this.json = json;
    }

    /**
     * The file's text, as bundled (UTF-8).
     *
     * @throws UncheckedIOException when the resource is missing from this build
     */
    public static String text(QuickStart quickStart) {
        try (InputStream in = QuickStarts.class.getResourceAsStream(quickStart.resource())) {
            if (in == null) {
                throw new IOException(quickStart.resource() + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * The quick start's scenario, with the English name its file gives.
     *
     * @throws org.finetuneplanner.service.persistence.ScenarioException when the file does not resolve (a preset or
     *                                                                   GPU this build's catalogs lack)
     */
    public Scenario read(QuickStart quickStart) {
        return json.read(text(quickStart));
    }
}
