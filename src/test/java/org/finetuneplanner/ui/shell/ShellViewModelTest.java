package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.finetuneplanner.App;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {
    @TempDir
    Path dir;

    private final PlannerViewModel planner = Fixtures.planner();
    private final ScenarioFiles files = App.scenarioFiles(new ScenarioJson(Fixtures.CATALOGS));
    private final ShellViewModel shell = new ShellViewModel(planner, files, Optional.empty(), UiExecutors.direct());

    @Test
    void saveThenOpenRestoresEveryInput() {
        planner.methodProperty().set(FineTuneMethod.LORA);
        planner.microBatchProperty().set(2);
        planner.sequenceLengthProperty().set(8192);
        planner.scenarioNameProperty().set("Llama LoRA 8k");
        Scenario saved = planner.currentScenario().orElseThrow();
        Path file = dir.resolve("plan.json");
        shell.saveScenario(file).join();
        assertEquals("Saved " + file + ".", shell.statusProperty().get());

        shell.newScenario();
        assertEquals(FineTuneMethod.QLORA, planner.methodProperty().get());
        shell.openScenario(file).join();
        assertEquals("Opened plan.json.", shell.statusProperty().get());
        assertEquals(saved, planner.currentScenario().orElseThrow());
        assertEquals(8192, planner.sequenceLengthProperty().get());
    }

    @Test
    void aDamagedScenarioFileKeepsTheInputsAndSaysWhy() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"finetune-plan/1\", \"model\": {\"preset\": \"no-such-model\"},"
                + " \"hardware\": {\"gpu\": \"l40s-48gb\"}}");
        Scenario before = planner.currentScenario().orElseThrow();
        shell.openScenario(file).join();
        assertTrue(shell.statusProperty().get().startsWith("Could not open bad.json: "));
        assertTrue(shell.statusProperty().get().contains("model.preset"), shell.statusProperty().get());
        assertEquals(before, planner.currentScenario().orElseThrow());
        assertFalse(shell.busyProperty().get());
    }

    @Test
    void savingWithInvalidInputsSavesTheLastValidScenarioAndSaysSo() throws IOException {
        Scenario valid = planner.currentScenario().orElseThrow();
        planner.tokensTextProperty().set("many");
        Path file = dir.resolve("last.json");
        shell.saveScenario(file).join();
        assertTrue(shell.statusProperty().get().startsWith("Saved the last valid scenario"));
        assertEquals(valid, new ScenarioJson(Fixtures.CATALOGS).read(file));
    }

    @Test
    void anUnwritableTargetIsReportedAndNothingIsLost() {
        Path file = dir.resolve("missing-folder").resolve("plan.json");
        shell.saveScenario(file).join();
        assertTrue(shell.statusProperty().get().startsWith("Could not save plan.json: "),
                shell.statusProperty().get());
        assertTrue(planner.currentScenario().isPresent());
    }

    @Test
    void exportWithoutAnExporterSaysItIsUnavailable() {
        assertFalse(shell.canExport());
        shell.exportPdf(dir.resolve("x.pdf")).join();
        assertEquals("PDF export is not available in this build.", shell.statusProperty().get());
    }

    @Test
    void exportHandsTheLastValidScenarioAndLanguageToTheExporter() {
        AtomicReference<String> seen = new AtomicReference<>();
        ShellViewModel withPdf = new ShellViewModel(planner, files,
                Optional.of((s, locale, target) -> seen.set(s.name() + "|" + locale.getLanguage() + "|"
                        + target.getFileName())), UiExecutors.direct());
        withPdf.localeProperty().set(Locale.forLanguageTag("vi"));
        withPdf.exportPdf(dir.resolve("plan.pdf")).join();
        assertEquals(planner.scenarioNameProperty().get() + "|vi|plan.pdf", seen.get());
        assertTrue(withPdf.statusProperty().get().startsWith("Đã lưu"), withPdf.statusProperty().get());
    }

    @Test
    void languageFollowsTheLocaleAndTheTitleFollowsTheName() {
        planner.scenarioNameProperty().set("Demo");
        assertEquals("Fine-Tune Planner \u2014 Demo", shell.titleProperty().getValue());
        shell.localeProperty().set(Locale.forLanguageTag("vi"));
        assertEquals("vi", planner.messagesProperty().get().locale().getLanguage());
        planner.scenarioNameProperty().set("");
        assertEquals("Fine-Tune Planner", shell.titleProperty().getValue());
    }
}
