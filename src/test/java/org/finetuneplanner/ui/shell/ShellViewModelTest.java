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

import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;

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
        planner.inputs().methodProperty().set(FineTuneMethod.LORA);
        planner.inputs().microBatchProperty().set(2);
        planner.inputs().sequenceLengthProperty().set(8192);
        planner.inputs().scenarioNameProperty().set("Llama LoRA 8k");
        Scenario saved = planner.currentScenario().orElseThrow();
        Path file = dir.resolve("plan.json");
        shell.saveScenario(file).join();
        assertEquals("Saved " + file + ".", shell.statusProperty().getValue());

        shell.newScenario();
        assertEquals(FineTuneMethod.QLORA, planner.inputs().methodProperty().get());
        shell.openScenario(file).join();
        assertEquals("Opened plan.json.", shell.statusProperty().getValue());
        assertEquals(saved, planner.currentScenario().orElseThrow());
        assertEquals(8192, planner.inputs().sequenceLengthProperty().get());
    }

    @Test
    void aLayoutSetInTheFormIsSavedAndOpenedBack() throws IOException {
        planner.inputs().gpuCountProperty().set(8);
        planner.inputs().layout().tensorProperty().set(2);
        planner.inputs().layout().pipelineProperty().set(2);
        planner.inputs().layout().virtualStagesProperty().set(2);
        planner.inputs().layout().sequenceParallelProperty().set(true);
        Scenario saved = planner.currentScenario().orElseThrow();
        Path file = dir.resolve("layout.json");
        shell.saveScenario(file).join();
        String json = Files.readString(file);
        assertTrue(json.contains("\"tensor_parallel\" : 2") && json.contains("\"virtual_pipeline_stages\" : 2"), json);

        shell.newScenario();
        assertEquals(1, planner.inputs().layout().tensorProperty().get());
        shell.openScenario(file).join();
        assertEquals(saved, planner.currentScenario().orElseThrow());
        assertEquals(2, planner.inputs().layout().pipelineProperty().get());
        assertTrue(planner.inputs().layout().sequenceParallelProperty().get());
    }

    @Test
    void aDamagedScenarioFileKeepsTheInputsAndSaysWhy() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"finetune-plan/1\", \"model\": {\"preset\": \"no-such-model\"},"
                + " \"hardware\": {\"gpu\": \"l40s-48gb\"}}");
        Scenario before = planner.currentScenario().orElseThrow();
        shell.openScenario(file).join();
        assertTrue(shell.statusProperty().getValue().startsWith("Could not open bad.json: "));
        assertTrue(shell.statusProperty().getValue().contains("model.preset"), shell.statusProperty().getValue());
        assertEquals(before, planner.currentScenario().orElseThrow());
        assertFalse(shell.busyProperty().get());
    }

    @Test
    void savingWithInvalidInputsSavesTheLastValidScenarioAndSaysSo() throws IOException {
        Scenario valid = planner.currentScenario().orElseThrow();
        planner.inputs().tokensTextProperty().set("many");
        Path file = dir.resolve("last.json");
        shell.saveScenario(file).join();
        assertTrue(shell.statusProperty().getValue().startsWith("Saved the last valid scenario"));
        assertEquals(valid, new ScenarioJson(Fixtures.CATALOGS).read(file));
    }

    @Test
    void anUnwritableTargetIsReportedAndNothingIsLost() {
        Path file = dir.resolve("missing-folder").resolve("plan.json");
        shell.saveScenario(file).join();
        assertTrue(shell.statusProperty().getValue().startsWith("Could not save plan.json: "),
                shell.statusProperty().getValue());
        assertTrue(planner.currentScenario().isPresent());
    }

    @Test
    void exportWithoutAnExporterSaysItIsUnavailable() {
        assertFalse(shell.canExport());
        shell.exportPdf(dir.resolve("x.pdf")).join();
        assertEquals("PDF export is not available in this build.", shell.statusProperty().getValue());
    }

    @Test
    void exportHandsTheLastValidScenarioAndLanguageToTheExporter() {
        AtomicReference<String> seen = new AtomicReference<>();
        ShellViewModel withPdf = new ShellViewModel(planner, files,
                Optional.of((s, locale, target) -> seen.set(s.name() + "|" + locale.getLanguage() + "|"
                        + target.getFileName())), UiExecutors.direct());
        withPdf.localeProperty().set(Locale.forLanguageTag("vi"));
        withPdf.exportPdf(dir.resolve("plan.pdf")).join();
        assertEquals(planner.inputs().scenarioNameProperty().get() + "|vi|plan.pdf", seen.get());
        assertTrue(withPdf.statusProperty().getValue().startsWith("Đã lưu"), withPdf.statusProperty().getValue());
    }

    @Test
    void languageFollowsTheLocaleAndTheTitleFollowsTheNameWithTheUnsavedMark() {
        assertEquals("Llama 3.1 8B, QLoRA r16 \u2014 Fine-Tune Planner", shell.titleProperty().getValue());
        planner.inputs().scenarioNameProperty().set("Demo");
        assertEquals("\u2022 Demo \u2014 Fine-Tune Planner", shell.titleProperty().getValue());
        shell.localeProperty().set(Locale.forLanguageTag("vi"));
        assertEquals("vi", planner.messagesProperty().get().locale().getLanguage());
        planner.inputs().scenarioNameProperty().set("");
        assertEquals("\u2022 Ch\u01b0a \u0111\u1eb7t t\u00ean \u2014 Fine-Tune Planner",
                shell.titleProperty().getValue());
    }

    @Test
    void theStatusLineAndTheResultsStateFollowTheLanguage() {
        assertEquals("Ready.", shell.statusProperty().getValue());
        assertEquals("Results up to date", shell.stateProperty().getValue());
        planner.inputs().tokensTextProperty().set("many");
        planner.inputs().epochsTextProperty().set("0");
        assertEquals("Results stale: 2 inputs to fix", shell.stateProperty().getValue());
        assertTrue(shell.stateDetailsProperty().getValue().contains("\u201cmany\u201d"),
                shell.stateDetailsProperty().getValue());
        shell.localeProperty().set(Locale.forLanguageTag("vi"));
        assertEquals("S\u1eb5n s\u00e0ng.", shell.statusProperty().getValue());
        assertEquals("K\u1ebft qu\u1ea3 \u0111\u00e3 c\u0169: c\u1ea7n s\u1eeda 2 \u00f4", shell.stateProperty().getValue());
        shell.localeProperty().set(Locale.ENGLISH);
        assertEquals("Ready.", shell.statusProperty().getValue());
    }

    @Test
    void anExportInProgressShowsItsProgressAndAFollowedTaskOwnsTheBar() {
        SimpleDoubleProperty task = new SimpleDoubleProperty(0);
        SimpleStringProperty said = new SimpleStringProperty("");
        shell.follow(task, said);
        task.set(-1);
        said.set("Writing the report a.pdf\u2026");
        assertEquals(-1, shell.progressProperty().get());
        assertEquals("Writing the report a.pdf\u2026", shell.statusProperty().getValue());
        task.set(1);
        assertEquals(1, shell.progressProperty().get());
    }
}
