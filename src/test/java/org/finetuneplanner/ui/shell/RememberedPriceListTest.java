package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.App;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.settings.RecoveryStore;
import org.finetuneplanner.service.settings.SettingsStore;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.prices.PriceListViewModel;

/**
 * The price list in force across restarts, as {@code App} composes it: remembered in the settings when it is put in
 * force, put back at the next start before anything reads a scenario, so that a scenario on the seller's own GPU
 * (vina-l20-48gb of the example list) is recovered after a crash; a list gone at start said once, the catalog's
 * prices used, and a crashed session's autosave on its GPU kept for a later try.
 */
class RememberedPriceListTest {
    private static final Path EXAMPLE = Path.of("docs/examples/price-list-vnd.json");
    private static final String OWN_GPU = "vina-l20-48gb";

    @TempDir
    Path dir;

    private final List<String> recoveryAsked = new ArrayList<>();
    /** Autosaves wait here until the test lets the delay pass. */
    private final List<Runnable> delayed = new ArrayList<>();
    private final Prompts prompts = new Prompts() {
        @Override
        public Unsaved unsavedChanges(String scenarioName) {
            return Unsaved.CANCEL;
        }

        @Override
        public Recovery recover(String scenarioName, Optional<Instant> savedAt, Optional<Path> source) {
            recoveryAsked.add(scenarioName);
            return Recovery.RESTORE;
        }
    };

    /** One run of the app: its planner, price lists and shell, composed as App.start does. */
    private final class Session {
        final PlannerViewModel planner = Fixtures.planner();
        final PriceListViewModel prices = new PriceListViewModel(planner, App.priceListFiles(Fixtures.CATALOGS),
                UiExecutors.direct(), () -> LocalDate.of(2026, 12, 5));
        final ShellViewModel shell;

        Session() {
            App.rememberPriceLists(prices, store(), store().load().value());
            shell = new ShellViewModel(planner, App.scenarioFiles(Fixtures.CATALOGS, planner.priceListProperty()),
                    Optional.empty(), Optional.empty(), UiExecutors.direct(), new FixedDialogs(), prompts);
        }

        void startSession() {
            shell.document().startSession(new StoredWorkingCopy(new RecoveryStore(store().folder()),
                    App.scenarioJson(Fixtures.CATALOGS, planner.priceListProperty())), delayed::add).join();
        }

        String said() {
            return prices.saidProperty().get().words(planner.messagesProperty().get());
        }
    }

    private SettingsStore store() {
        return new SettingsStore(dir.resolve("app"));
    }

    private Path list() throws IOException {
        Path file = dir.resolve("vinagpu.json");
        if (Files.notExists(file)) {
            Files.copy(EXAMPLE, file);
        }
        return file;
    }

    private void letTheDelayPass() {
        List<Runnable> due = new ArrayList<>(delayed);
        delayed.clear();
        due.forEach(Runnable::run);
    }

    /** Session one puts the list in force, works on its own GPU, is autosaved, and is killed (no clean end). */
    private Scenario crashOnTheListsOwnGpu() throws IOException {
        Session one = new Session();
        one.prices.open(list()).join();
        one.startSession();
        one.planner.inputs().gpuProperty().set(one.planner.inputs().gpus().stream()
                .filter(g -> g.id().equals(OWN_GPU)).findFirst().orElseThrow());
        one.planner.inputs().scenarioNameProperty().set("L20 work");
        letTheDelayPass();
        return one.planner.currentScenario().orElseThrow();
    }

    @Test
    void theListInForceIsRememberedAtOnceAndPutBackAtTheNextStart() throws IOException {
        Session one = new Session();
        one.prices.open(list()).join();
        assertEquals(list().toString(), store().load().value().priceList(), "remembered before any quit");

        Session two = new Session();
        assertEquals("VinaGPU Cloud", two.planner.priceListProperty().get().orElseThrow().seller().name());
        assertEquals(Optional.of(list()), two.prices.fileProperty().get());
        assertNull(two.prices.saidProperty().get(), "nothing to say when it is back");
        assertTrue(two.planner.inputs().gpus().stream().anyMatch(g -> g.id().equals(OWN_GPU)));

        two.prices.clear();
        assertEquals("", store().load().value().priceList());
        assertEquals(Optional.empty(), new Session().planner.priceListProperty().get());
    }

    @Test
    void aListGoneAtStartIsSaidOnceAndTheCatalogsPricesAreUsed() throws IOException {
        Session one = new Session();
        one.prices.open(list()).join();
        one.shell.planner().inputs().microBatchProperty().set(4);
        Files.delete(list());

        Session two = new Session();
        assertEquals(Optional.empty(), two.planner.priceListProperty().get());
        assertEquals(Optional.empty(), two.prices.fileProperty().get());
        assertEquals("The price list in force last time, " + list() + ", is no longer there; the catalog prices are"
                + " used.", two.said());
        assertTrue(two.planner.results().shown().isPresent(), "the catalog's plan is shown");
        // Said once: the next start has nothing to put back and nothing to say.
        assertEquals("", store().load().value().priceList());
        assertNull(new Session().prices.saidProperty().get());
    }

    @Test
    void aListThatBecameInvalidIsSaidWithTheKeyAtFault() throws IOException {
        new Session().prices.open(list()).join();
        Files.writeString(list(), Files.readString(list()).replace("\"VND\"", "\"VNX\""));

        Session two = new Session();
        assertEquals(Optional.empty(), two.planner.priceListProperty().get());
        assertTrue(two.said().startsWith("The price list in force last time, " + list() + ", could not be put back: "),
                two.said());
        assertTrue(two.said().contains("currency"), two.said());
        assertTrue(two.said().endsWith(" The catalog prices are used."), two.said());
        assertEquals(1, two.said().lines().count());
        assertEquals("", store().load().value().priceList());
    }

    @Test
    void aScenarioOnTheListsOwnGpuIsRecoveredAfterACrash() throws IOException {
        Scenario crashed = crashOnTheListsOwnGpu();
        assertEquals(OWN_GPU, crashed.hardware().gpu().id());

        Session two = new Session();
        two.startSession();
        assertEquals(List.of("L20 work"), recoveryAsked);
        assertEquals(crashed, two.planner.currentScenario().orElseThrow());
        assertEquals("Restored the autosaved scenario \u201cL20 work\u201d; save it to keep it.",
                two.shell.statusProperty().getValue());
        assertTrue(Files.notExists(store().folder().resolve("autosave-recovered.json")));
    }

    @Test
    void withTheListGoneTheAutosaveOnItsGpuIsNamedAndKeptForTheNextStart() throws IOException {
        Scenario crashed = crashOnTheListsOwnGpu();
        Files.delete(list());

        Session two = new Session();
        two.startSession();
        Path left = store().folder().resolve("autosave-recovered.json");
        assertEquals(List.of(), recoveryAsked, "nothing to restore yet");
        assertEquals("The autosaved scenario runs on vina-l20-48gb, a GPU of a price list that is not in force: put"
                + " that list in force (File \u2192 Price list\u2026) and it is offered again at the next start; it is"
                + " kept as " + left + ".", two.shell.statusProperty().getValue());
        assertTrue(Files.exists(left), "never deleted");

        // The user puts the list in force again and quits cleanly; the next start offers the autosave back.
        two.prices.open(list()).join();
        two.shell.document().endSession().join();
        Session three = new Session();
        three.startSession();
        assertEquals(List.of("L20 work"), recoveryAsked);
        assertEquals(crashed, three.planner.currentScenario().orElseThrow());
        assertTrue(Files.notExists(left));
    }

    /** The last scenario and the autosave name the GPU a reader refused; any other refusal names none. */
    @Test
    void theGpuOfAScenarioNoReaderKnowsIsNamedAndOnlyThat() {
        String onOwnGpu = """
                {"format": "finetune-plan/1", "name": "L20", "model": {"preset": "llama-3.1-8b"},
                 "hardware": {"gpu": "vina-l20-48gb"}}""";
        ScenarioJson catalogOnly = new ScenarioJson(Fixtures.CATALOGS);
        RuntimeException unknown = assertThrows(RuntimeException.class, () -> catalogOnly.read(onOwnGpu));
        assertEquals(Optional.of(OWN_GPU), StoredWorkingCopy.unknownGpu(unknown, onOwnGpu));
        String badBatch = onOwnGpu.replace("\"vina-l20-48gb\"}", "\"h100-sxm-80gb\"}, \"training\": "
                + "{\"micro_batch_size\": -1}");
        RuntimeException other = assertThrows(RuntimeException.class, () -> catalogOnly.read(badBatch));
        assertEquals(Optional.empty(), StoredWorkingCopy.unknownGpu(other, badBatch));
    }
}
