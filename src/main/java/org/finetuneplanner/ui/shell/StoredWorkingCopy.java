package org.finetuneplanner.ui.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.settings.RecoveryStore;

/**
 * The {@link WorkingCopy} of the app: {@link RecoveryStore}'s files in the settings folder, scenarios read and
 * written through {@link ScenarioJson}. Blocks on the disk: call on the IO thread.
 */
public final class StoredWorkingCopy implements WorkingCopy {
    /** The key of a scenario's GPU, which a reader refuses when it does not know the id. */
    private static final String GPU_KEY = "hardware.gpu";

    private final RecoveryStore store;
    private final Supplier<ScenarioJson> json;
    private RecoveryStore.Left left;

    public StoredWorkingCopy(RecoveryStore store, ScenarioJson json) {
        this(store, () -> json);
    }

    /**
     * @param json the reader in force when a scenario is read or written: the app's knows the own GPUs of the price
     *             list in force
     */
    public StoredWorkingCopy(RecoveryStore store, Supplier<ScenarioJson> json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public Optional<Left> begin() {
        Optional<RecoveryStore.Left> found;
        try {
            found = store.begin();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        left = found.get();
        try {
            Scenario s = json.get().read(left.scenarioJson());
            return Optional.of(new Left(Optional.of(s), Optional.empty(), left.source(), left.savedAt()));
        } catch (RuntimeException e) {
            return Optional.of(new Left(Optional.empty(), Optional.of(e), left.source(), left.savedAt(),
                    unknownGpu(e, left.scenarioJson())));
        }
    }

    /**
     * The GPU id a scenario's text names when {@code error}, its reader's, refuses that id (no catalog or price list
     * in force knows it); empty for any other error.
     */
    public static Optional<String> unknownGpu(Throwable error, String text) {
        if (!(error instanceof PlannerException p) || !GPU_KEY.equals(p.key())) {
            return Optional.empty();
        }
        return SafeJson.peekMember(text, "hardware").map(h -> h.get("gpu"))
                .filter(g -> g.isTextual() && !g.asText().isBlank()).map(g -> g.asText());
    }

    @Override
    public Optional<Path> leftFile() {
        return left == null ? Optional.empty() : Optional.of(left.file());
    }

    @Override
    public void save(Scenario scenario, Optional<Path> source) {
        try {
            store.save(json.get().write(scenario), source, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void discardLeft() {
        if (left != null) {
            try {
                store.discard(left);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            left = null;
        }
    }

    @Override
    public Optional<Path> keepLeft() {
        if (left == null) {
            return Optional.empty();
        }
        Optional<Path> kept = store.keep(left);
        left = null;
        return kept;
    }

    @Override
    public void end() {
        try {
            store.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
