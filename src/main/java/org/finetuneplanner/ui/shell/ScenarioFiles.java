package org.finetuneplanner.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import org.finetuneplanner.core.scenario.Scenario;

/** Reading and writing scenario files (finetune-plan/1); wired in {@code App}. Both block: call off the FX thread. */
public interface ScenarioFiles {
    /** @throws RuntimeException whose message names the key, the value and what is allowed */
    Scenario read(Path file);

    /** Writes atomically: the previous file stays intact on failure. */
    void write(Scenario scenario, Path file);

    /** Whether {@code file} is there to be read (a recent file may have been moved or deleted since). */
    default boolean exists(Path file) {
        return Files.exists(file);
    }
}
