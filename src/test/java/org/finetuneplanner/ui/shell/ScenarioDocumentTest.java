package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.finetuneplanner.App;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.settings.RecoveryStore;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario as a document, without a stage: the unsaved mark (and undo back to the saved inputs clearing it),
 * Save and Save As, recent files, the question before changes are lost (answered through the {@link Prompts} seam),
 * files that cannot be opened, and the working copy: autosave and recovery after a session that did not end cleanly.
 */
class ScenarioDocumentTest {
    @TempDir
    Path dir;

    private final PlannerViewModel planner = Fixtures.planner();
    private final ScenarioJson json = new ScenarioJson(Fixtures.CATALOGS);
    private final ScenarioFiles files = App.scenarioFiles(json);
    /** The answers to "save the changes first?", in order, and the names it was asked about. */
    private final Deque<Prompts.Unsaved> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private Prompts.Recovery recovery = Prompts.Recovery.RESTORE;
    private final List<String> recoveryAsked = new ArrayList<>();
    /** Autosaves wait here until the test lets the delay pass. */
    private final List<Runnable> delayed = new ArrayList<>();

    /** What the file chooser answers (null: cancelled), and how often it was shown. */
    private final FixedDialogs dialogs = new FixedDialogs();

    private final Prompts prompts = new Prompts() {
        @Override
        public Unsaved unsavedChanges(String scenarioName) {
            asked.add(scenarioName);
            return answers.remove();
        }

        @Override
        public Recovery recover(String scenarioName, Optional<Instant> savedAt, Optional<Path> source) {
            recoveryAsked.add(scenarioName + " | " + source.map(p -> p.getFileName().toString()).orElse("-"));
            return recovery;
        }
    };

    private final ShellViewModel shell = shell(planner);
    private final ScenarioDocument doc = shell.document();

    private ShellViewModel shell(PlannerViewModel p) {
        return new ShellViewModel(p, files, Optional.empty(), Optional.empty(), UiExecutors.direct(), dialogs, prompts);
    }

    private Scenario now() {
        return planner.currentScenario().orElseThrow();
    }

    private String status() {
        return shell.statusProperty().getValue();
    }

    private void letTheDelayPass() {
        List<Runnable> due = new ArrayList<>(delayed);
        delayed.clear();
        due.forEach(Runnable::run);
    }

    private StoredWorkingCopy workingCopy() {
        return new StoredWorkingCopy(new RecoveryStore(dir.resolve("app")), json);
    }

    // ---- unsaved changes and the title -------------------------------------------------------------------------

    @Test
    void aChangeMarksTheTitleAndSavingClearsTheMark() {
        assertFalse(doc.isDirty());
        assertEquals("Llama 3.1 8B, QLoRA r16 \u2014 Fine-Tune Planner", shell.titleProperty().getValue());
        planner.inputs().microBatchProperty().set(8);
        assertTrue(doc.isDirty());
        assertEquals("\u2022 Llama 3.1 8B, QLoRA r16 \u2014 Fine-Tune Planner", shell.titleProperty().getValue());
        Path file = dir.resolve("plan.json");
        assertTrue(doc.saveTo(file).join());
        assertFalse(doc.isDirty());
        assertEquals(Optional.of(file), doc.fileProperty().get());
        assertEquals(8, json.read(file).training().microBatchSize());
        assertEquals("Llama 3.1 8B, QLoRA r16 \u2014 Fine-Tune Planner", shell.titleProperty().getValue());
    }

    @Test
    void undoBackToTheSavedInputsIsCleanAgain() {
        doc.saveTo(dir.resolve("plan.json")).join();
        planner.inputs().tokensTextProperty().set("40M");
        planner.inputs().microBatchProperty().set(8);
        assertTrue(doc.isDirty());
        shell.undo();
        assertTrue(doc.isDirty(), "the tokens are still changed");
        shell.undo();
        assertFalse(doc.isDirty());
        shell.redo();
        assertTrue(doc.isDirty());
    }

    @Test
    void typingAfterASaveIsAStepOfItsOwnSoUndoReachesTheSavedText() {
        planner.inputs().tokensTextProperty().set("40M");
        doc.saveTo(dir.resolve("plan.json")).join();
        planner.inputs().tokensTextProperty().set("40M0");
        assertTrue(doc.isDirty());
        shell.undo();
        assertEquals("40M", planner.inputs().tokensTextProperty().get());
        assertFalse(doc.isDirty());
    }

    @Test
    void saveWithoutAFileAsksWhereAndACancelledChoiceSavesNothing() throws IOException {
        planner.inputs().microBatchProperty().set(8);
        dialogs.scenarioFile = null;
        assertFalse(doc.save().join());
        assertTrue(doc.isDirty());
        assertEquals(Optional.empty(), doc.fileProperty().get());
        dialogs.scenarioFile = dir.resolve("mine.json");
        assertTrue(doc.save().join());
        assertEquals(2, dialogs.shown);
        planner.inputs().microBatchProperty().set(16);
        assertTrue(doc.save().join());
        assertEquals(2, dialogs.shown, "a document with a file saves there without asking");
        assertEquals(16, json.read(dialogs.scenarioFile).training().microBatchSize());
        assertEquals("Saved " + dialogs.scenarioFile + ".", status());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(dialogs.scenarioFile), listing.toList());
        }
    }

    @Test
    void saveAsSuggestsAFileNameFromTheScenarioName() {
        planner.inputs().scenarioNameProperty().set("Llama 3.1 8B, QLoRA r16 / ACME: v2");
        assertEquals("Llama-3.1-8B-QLoRA-r16-ACME-v2.json", doc.suggestedName(".json"));
    }

    // ---- recent files ------------------------------------------------------------------------------------------

    @Test
    void recentFilesAreNewestFirstEachOnceAndAtMostEight() {
        List<Path> saved = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Path f = dir.resolve("plan-" + i + ".json");
            doc.saveTo(f).join();
            saved.add(f);
        }
        List<Path> recent = doc.recentFiles().files();
        assertEquals(8, recent.size());
        assertEquals(saved.get(9), recent.get(0));
        assertEquals(saved.get(2), recent.get(7));
        doc.openRecent(saved.get(4)).join();
        assertEquals(saved.get(4), doc.recentFiles().files().get(0));
        assertEquals(8, doc.recentFiles().files().stream().distinct().count());
    }

    @Test
    void aRecentFileThatIsGoneIsTakenOffTheListWithAMessage() throws IOException {
        Path gone = dir.resolve("gone.json");
        doc.saveTo(gone).join();
        Files.delete(gone);
        planner.inputs().microBatchProperty().set(8);
        answers.add(Prompts.Unsaved.DISCARD);
        assertFalse(doc.openRecent(gone).join());
        assertEquals(List.of(), doc.recentFiles().files());
        assertEquals("gone.json is no longer in " + dir + "; it was taken off the recent files.", status());
        assertEquals(8, planner.inputs().microBatchProperty().get(), "the work stays");
    }

    // ---- asking before changes are lost -------------------------------------------------------------------------

    @Test
    void nothingIsAskedWhenNothingChanged() {
        assertTrue(doc.newScenario().join());
        assertTrue(doc.quit().join());
        assertEquals(List.of(), asked);
    }

    @Test
    void cancelInThePromptKeepsTheChanges() {
        planner.inputs().microBatchProperty().set(8);
        answers.add(Prompts.Unsaved.CANCEL);
        assertFalse(doc.newScenario().join());
        assertEquals(List.of("Llama 3.1 8B, QLoRA r16"), asked);
        assertEquals(8, planner.inputs().microBatchProperty().get());
        answers.add(Prompts.Unsaved.CANCEL);
        dialogs.scenarioFile = dir.resolve("other.json");
        assertFalse(doc.open().join());
        assertEquals(0, dialogs.shown, "no file chooser after Cancel");
        answers.add(Prompts.Unsaved.CANCEL);
        assertFalse(doc.quit().join());
    }

    @Test
    void dontSaveReplacesTheChangesAndUndoStillBringsThemBack() {
        planner.inputs().microBatchProperty().set(8);
        answers.add(Prompts.Unsaved.DISCARD);
        assertTrue(doc.newScenario().join());
        assertEquals(4, planner.inputs().microBatchProperty().get());
        assertFalse(doc.isDirty());
        shell.undo();
        assertEquals(8, planner.inputs().microBatchProperty().get());
    }

    @Test
    void saveInThePromptSavesFirstThenOpens() {
        Path mine = dir.resolve("mine.json");
        doc.saveTo(mine).join();
        planner.inputs().methodProperty().set(FineTuneMethod.LORA);
        Scenario changed = now();
        Path other = dir.resolve("other.json");
        files.write(planner.defaultScenario().withName("Other"), other);
        answers.add(Prompts.Unsaved.SAVE);
        dialogs.scenarioFile = other;
        assertTrue(doc.open().join());
        assertEquals(changed, json.read(mine));
        assertEquals("Other", planner.inputs().scenarioNameProperty().get());
        assertEquals(Optional.of(other), doc.fileProperty().get());
        assertFalse(doc.isDirty());
    }

    @Test
    void quitWithDontSaveRemembersTheScenarioAsItWasSaved() {
        Path mine = dir.resolve("mine.json");
        doc.saveTo(mine).join();
        Scenario saved = now();
        planner.inputs().microBatchProperty().set(8);
        assertEquals(8, doc.remembered().orElseThrow().training().microBatchSize());
        answers.add(Prompts.Unsaved.DISCARD);
        assertTrue(doc.quit().join());
        assertEquals(Optional.of(saved), doc.remembered());
    }

    @Test
    void quitWithSaveWritesTheFileAndACancelledChooserKeepsTheAppOpen() {
        planner.inputs().microBatchProperty().set(8);
        answers.add(Prompts.Unsaved.SAVE);
        dialogs.scenarioFile = null;
        assertFalse(doc.quit().join(), "no file chosen: nothing saved, the app stays");
        answers.add(Prompts.Unsaved.SAVE);
        dialogs.scenarioFile = dir.resolve("quit.json");
        assertTrue(doc.quit().join());
        assertEquals(8, json.read(dialogs.scenarioFile).training().microBatchSize());
    }

    // ---- files that cannot be opened ----------------------------------------------------------------------------

    private void assertRefusedAndNothingLost(Path file, String expected) {
        Path mine = dir.resolve("mine.json");
        doc.saveTo(mine).join();
        planner.inputs().microBatchProperty().set(8);
        Scenario work = now();
        assertFalse(doc.read(file).join());
        assertTrue(status().startsWith(expected), status());
        assertFalse(status().contains("\n"), "one line: " + status());
        assertEquals(work, now());
        assertTrue(doc.isDirty());
        assertEquals(Optional.of(mine), doc.fileProperty().get());
        assertEquals(List.of(mine), doc.recentFiles().files());
    }

    @Test
    void aScenarioOfANewerFormatSaysSoAndKeepsTheWork() throws IOException {
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, "{\"format\": \"finetune-plan/2\", \"model\": {\"preset\": \"llama-3.1-8b\"},"
                + " \"hardware\": {\"gpu\": \"l40s-48gb\"}}");
        assertRefusedAndNothingLost(v2, "Could not open v2.json: it is not a scenario this version can read "
                + "(format = \"finetune-plan/2\": expected \"finetune-plan/1\")");
    }

    @Test
    void aDamagedFileSaysWhereAndKeepsTheWork() throws IOException {
        Path damaged = dir.resolve("damaged.json");
        Files.writeString(damaged, "{\"format\": \"finetune-plan/1\", \"model\": {");
        assertRefusedAndNothingLost(damaged, "Could not open damaged.json: not valid JSON at line 1");
    }

    /**
     * Journey 1 in Vietnamese: a damaged file said "not valid JSON at line …" in English inside the Vietnamese
     * status line. The reader's refusal is data now, worded in the screen's language. The file is cut after
     * line 4's "4,": the parser stops at the end of line 4, column 38 (after the 37 characters of that line).
     */
    @Test
    void aDamagedFileIsRefusedInTheScreensLanguageNamingTheLine() throws IOException {
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        Path damaged = dir.resolve("damaged.json");
        Files.writeString(damaged, "{\n  \"format\": \"finetune-plan/1\",\n"
                + "  \"model\": {\"preset\": \"llama-3.1-8b\"},\n  \"training\": {\"micro_batch_size\": 4,");
        assertRefusedAndNothingLost(damaged, "Không mở được damaged.json: JSON không hợp lệ ở dòng 4, cột 38: "
                + "tệp dừng giữa chừng");
        assertTrue(status().endsWith("chừng"), "nothing more, nothing in English: " + status());
    }

    /** A value of the wrong kind is named by its key, its value and its line, in the screen's language. */
    @Test
    void aRefusedValueIsNamedInTheScreensLanguage() throws IOException {
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, "{\n  \"format\": \"finetune-plan/1\",\n"
                + "  \"model\": {\"preset\": \"llama-3.1-8b\"},\n  \"hardware\": {\"gpu\": \"l40s-48gb\"},\n"
                + "  \"training\": {\"micro_batch_size\": \"four\"}\n}\n");
        // Line 5: two spaces, "training" (10), ": {" (3), "micro_batch_size" (18), ": " (2): "four" opens column 36.
        assertRefusedAndNothingLost(wrong, "Không mở được wrong.json: training.micro_batch_size = \"four\": cần một "
                + "số nguyên từ");
        assertTrue(status().endsWith("(dòng 5, cột 36)"), status());
    }

    /** A file whose inputs are the default's (Llama 3.1 8B, QLoRA r16), named {@code name}, opened. */
    private void openNamed(String name) throws IOException {
        Path file = dir.resolve("named.json");
        Files.writeString(file, json.write(now().withName(name)));
        planner.inputs().modelProperty().set(planner.inputs().presets().stream()
                .filter(m -> m.id().equals("llama-3.1-70b")).findFirst().orElseThrow());
        assertTrue(doc.read(file).join());
        assertEquals(name, planner.inputs().scenarioNameProperty().get());
    }

    /**
     * A file the app wrote with a new scenario's name: nobody chose that name, so it follows the model and method
     * as it did before the file was saved (it read "Llama 3.1 8B, QLoRA r16" after LoRA was picked, before).
     */
    @Test
    void anOpenedFilesAutomaticNameFollowsTheModelAndMethod() throws IOException {
        openNamed("Llama 3.1 8B, QLoRA r16");
        planner.inputs().methodProperty().set(FineTuneMethod.LORA);
        assertEquals("Llama 3.1 8B, LoRA r16", planner.inputs().scenarioNameProperty().get());
        planner.inputs().loraRankProperty().set(64);
        assertEquals("Llama 3.1 8B, LoRA r64", planner.inputs().scenarioNameProperty().get());
    }

    /** A name the file's author chose stays, also one built like the automatic names with more in it. */
    @Test
    void anOpenedFilesChosenNameStays() throws IOException {
        for (String chosen : List.of("Contracts for ACME", "Llama 3.1 8B, QLoRA r16, 1x L40S")) {
            openNamed(chosen);
            planner.inputs().methodProperty().set(FineTuneMethod.LORA);
            assertEquals(chosen, planner.inputs().scenarioNameProperty().get());
        }
    }

    @Test
    void aTwoGigabyteFileIsRefusedWithoutReadingIt() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(2L << 30);
        }
        assertRefusedAndNothingLost(huge, "Could not open huge.json: too large: more than 16 MiB");
    }

    @Test
    void aFileThatIsNotAScenarioNamesTheMissingKey() throws IOException {
        Path prices = dir.resolve("prices.json");
        Files.writeString(prices, "{\"format\": \"finetune-prices/1\", \"offers\": []}");
        assertRefusedAndNothingLost(prices, "Could not open prices.json: it is not a scenario this version can read");
    }

    // ---- autosave and recovery ----------------------------------------------------------------------------------

    @Test
    void autosaveWritesOnceTheInputsRestAndNeverTheUsersFile() throws IOException {
        Path mine = dir.resolve("mine.json");
        doc.saveTo(mine).join();
        String usersBytes = Files.readString(mine);
        doc.startSession(workingCopy(), delayed::add).join();
        Path autosave = dir.resolve("app").resolve("autosave.json");
        planner.inputs().microBatchProperty().set(8);
        planner.inputs().microBatchProperty().set(16);
        assertFalse(Files.exists(autosave), "nothing before the delay");
        letTheDelayPass();
        Scenario written = json.read(autosave);
        assertEquals(now(), written);
        assertTrue(Files.readString(autosave).contains("\"source\" : \"" + mine + "\""), Files.readString(autosave));
        assertEquals(usersBytes, Files.readString(mine), "the user's file is never autosaved into");
        // Changed and changed back before the delay: the scenario is the one written, so nothing is written.
        Files.delete(autosave);
        planner.inputs().microBatchProperty().set(8);
        planner.inputs().microBatchProperty().set(16);
        letTheDelayPass();
        assertFalse(Files.exists(autosave), "no change, no write");
    }

    /** Session one changes the inputs, is autosaved and ends without a clean shutdown; session two starts. */
    private ShellViewModel crashThenStartAgain() {
        doc.startSession(workingCopy(), delayed::add).join();
        Path mine = dir.resolve("mine.json");
        doc.saveTo(mine).join();
        planner.inputs().scenarioNameProperty().set("Crashed work");
        planner.inputs().sequenceLengthProperty().set(8192);
        planner.inputs().tokensTextProperty().set("80M");
        letTheDelayPass();
        // No endSession(): the process was killed. The next start shows the last scenario of a clean exit.
        return shell(Fixtures.planner());
    }

    @Test
    void afterACrashRecoveryIsOfferedAndRestoresExactly() {
        ShellViewModel again = crashThenStartAgain();
        Scenario crashed = now();
        again.document().startSession(workingCopy(), delayed::add).join();
        assertEquals(List.of("Crashed work | mine.json"), recoveryAsked);
        assertEquals(crashed, again.planner().currentScenario().orElseThrow());
        assertEquals(Optional.of(dir.resolve("mine.json")), again.document().fileProperty().get());
        assertTrue(again.document().isDirty(), "restored, not saved");
        assertEquals("Restored the autosaved scenario \u201cCrashed work\u201d; save it to keep it.",
                again.statusProperty().getValue());
        assertFalse(Files.exists(dir.resolve("app").resolve("autosave-recovered.json")));
        again.undo();
        assertEquals(again.planner().defaultScenario(), again.planner().currentScenario().orElseThrow());
    }

    @Test
    void discardRemovesTheAutosaveAndKeepsTheStart() {
        ShellViewModel again = crashThenStartAgain();
        recovery = Prompts.Recovery.DISCARD;
        Scenario start = again.planner().currentScenario().orElseThrow();
        again.document().startSession(workingCopy(), delayed::add).join();
        assertEquals(1, recoveryAsked.size());
        assertEquals(start, again.planner().currentScenario().orElseThrow());
        assertFalse(Files.exists(dir.resolve("app").resolve("autosave-recovered.json")));
        assertFalse(Files.exists(dir.resolve("app").resolve("autosave.json")));
        assertEquals("The autosaved scenario was discarded.", again.statusProperty().getValue());
    }

    @Test
    void laterKeepsTheAutosaveAsAScenarioFileToOpen() throws IOException {
        ShellViewModel again = crashThenStartAgain();
        Scenario crashed = now();
        recovery = Prompts.Recovery.LATER;
        again.document().startSession(workingCopy(), delayed::add).join();
        List<Path> kept;
        try (var listing = Files.list(dir.resolve("app"))) {
            kept = listing.filter(p -> p.getFileName().toString().startsWith("autosave-kept-")).toList();
        }
        assertEquals(1, kept.size());
        assertEquals(crashed, json.read(kept.get(0)));
        assertTrue(again.statusProperty().getValue().startsWith("The autosaved scenario was kept as " + kept.get(0)),
                again.statusProperty().getValue());
    }

    @Test
    void aCleanEndOffersNothingBack() {
        doc.startSession(workingCopy(), delayed::add).join();
        planner.inputs().microBatchProperty().set(8);
        letTheDelayPass();
        doc.endSession().join();
        ShellViewModel again = shell(Fixtures.planner());
        again.document().startSession(workingCopy(), delayed::add).join();
        assertEquals(List.of(), recoveryAsked);
        assertFalse(Files.exists(dir.resolve("app").resolve("autosave.json")));
    }
}
