package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.finetuneplanner.App;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File → Export options as CSV… and Copy summary, from the results on screen (issue 13 item 7). */
class ResultsExportsTest {
    @TempDir
    Path dir;

    private final PlannerViewModel planner = Fixtures.planner();
    private final ShellViewModel shell = new ShellViewModel(planner, App.scenarioFiles(
            new ScenarioJson(Fixtures.CATALOGS)), Optional.empty(), UiExecutors.direct());

    @Test
    void theCsvFileHoldsTheHeaderAndARowPerGpuOption() throws IOException {
        Path file = dir.resolve("options.csv");
        shell.exportOptionsCsv(file).join();
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        List<String> lines = List.of(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertTrue(lines.get(0).startsWith("GPU,GPU id,"), lines.get(0));
        // The header, then one line per catalog GPU (no field of the default plan holds a line break).
        assertEquals(Fixtures.CATALOGS.gpus().size() + 1, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains(",l40s-48gb,")));
    }

    @Test
    void theSummaryGoesToTheClipboardWithTheRecommendationAndSaysSo() {
        AtomicReference<String> clipboard = new AtomicReference<>("");
        shell.copySummary(clipboard::set);
        String recommendation = planner.results().recommendationProperty().getValue();
        assertTrue(clipboard.get().contains(recommendation), clipboard.get());
        assertEquals("The summary is on the clipboard.", shell.statusProperty().getValue());
    }

    @Test
    void whileTheInputsAreInvalidTheLastValidResultsAreWhatIsCopied() {
        planner.inputs().tokensTextProperty().set("many");
        AtomicReference<String> clipboard = new AtomicReference<>("");
        shell.copySummary(clipboard::set);
        assertTrue(clipboard.get().contains(planner.results().recommendationProperty().getValue()));
    }
}
