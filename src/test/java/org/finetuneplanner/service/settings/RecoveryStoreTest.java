package org.finetuneplanner.service.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.finetuneplanner.service.io.SafeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The working copy's files: a session that ends cleanly leaves nothing, one that does not leaves its last good
 * autosave (also when it was killed in the middle of writing one), another running instance keeps its own, and an
 * autosave is never written into a file a link points to.
 */
class RecoveryStoreTest {
    private static final String SCENARIO = "{\"format\": \"finetune-plan/1\", \"name\": \"A\","
            + " \"model\": {\"preset\": \"llama-3.1-8b\"}, \"hardware\": {\"gpu\": \"l40s-48gb\"}}";
    private static final Instant T = Instant.parse("2025-03-01T09:30:00Z");

    @TempDir
    Path dir;

    private Path user() {
        return dir.resolve("plans").resolve("mine.json");
    }

    @Test
    void aCleanEndLeavesNothingToRecover() throws IOException {
        RecoveryStore first = new RecoveryStore(dir);
        assertEquals(Optional.empty(), first.begin());
        first.save(SCENARIO, Optional.empty(), T);
        first.end();
        assertFalse(Files.exists(dir.resolve(RecoveryStore.AUTOSAVE)));
        assertFalse(Files.exists(dir.resolve(RecoveryStore.SESSION)));
        assertEquals(Optional.empty(), new RecoveryStore(dir).begin());
    }

    @Test
    void aSessionThatDidNotEndLeavesItsAutosaveWithItsFileAndTime() throws IOException {
        RecoveryStore crashed = new RecoveryStore(dir);
        crashed.begin();
        crashed.save(SCENARIO, Optional.of(user()), T);
        // No end(): the process was killed.
        RecoveryStore.Left left = new RecoveryStore(dir).begin().orElseThrow();
        assertEquals(Optional.of(user()), left.source());
        assertEquals(Optional.of(T), left.savedAt());
        assertEquals("A", SafeJson.readTree(left.scenarioJson()).get("name").textValue());
        assertEquals(dir.resolve(RecoveryStore.LEFT), left.file());
        assertFalse(Files.exists(dir.resolve(RecoveryStore.AUTOSAVE)), "set apart from this session's autosaves");
    }

    @Test
    void aKillInTheMiddleOfAnAutosaveLeavesTheLastGoodCopy() throws IOException {
        RecoveryStore crashed = new RecoveryStore(dir);
        crashed.begin();
        crashed.save(SCENARIO, Optional.empty(), T);
        String good = Files.readString(dir.resolve(RecoveryStore.AUTOSAVE));
        // What a write killed before its move leaves: a temporary file beside the target, cut in the middle.
        Files.writeString(dir.resolve(".autosave.json.ftp-tmp-0123456789abcdef"), good.substring(0, good.length() / 2));
        RecoveryStore.Left left = new RecoveryStore(dir).begin().orElseThrow();
        assertEquals(good, left.scenarioJson());
    }

    @Test
    void aMarkOfAProcessThatIsGoneMeansTheSessionCrashed() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        Instant started = gone.toHandle().info().startInstant().orElse(T);
        gone.waitFor();
        writeMark(gone.pid(), started);
        Files.writeString(dir.resolve(RecoveryStore.AUTOSAVE), SCENARIO);
        assertTrue(new RecoveryStore(dir).begin().isPresent());
    }

    @Test
    void anotherRunningInstanceKeepsItsWorkingCopy() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            writeMark(other.pid(), other.toHandle().info().startInstant().orElseThrow());
            Files.writeString(dir.resolve(RecoveryStore.AUTOSAVE), SCENARIO);
            RecoveryStore second = new RecoveryStore(dir);
            assertEquals(Optional.empty(), second.begin());
            assertFalse(second.owner());
            second.save("{\"name\": \"B\"}", Optional.empty(), T);
            second.end();
            assertEquals(SCENARIO, Files.readString(dir.resolve(RecoveryStore.AUTOSAVE)), "the other's, untouched");
            assertTrue(Files.exists(dir.resolve(RecoveryStore.SESSION)));
        } finally {
            other.destroy();
        }
    }

    private void writeMark(long pid, Instant started) throws IOException {
        Files.writeString(dir.resolve(RecoveryStore.SESSION), "{\"format\": \"finetune-session/1\", \"pid\": "
                + pid + ", \"started\": \"" + started + "\"}");
    }

    @Test
    void anAutosaveIsNeverWrittenThroughALinkIntoTheUsersFile() throws IOException {
        Files.createDirectories(user().getParent());
        Files.writeString(user(), "the user's own");
        Files.createSymbolicLink(dir.resolve(RecoveryStore.AUTOSAVE), user());
        RecoveryStore store = new RecoveryStore(dir);
        store.begin();
        assertThrows(IOException.class, () -> store.save(SCENARIO, Optional.empty(), T));
        assertEquals("the user's own", Files.readString(user()));
    }

    @Test
    void theAutosaveOpenedAsTheUsersFileIsNotAutosavedOverItself() throws IOException {
        RecoveryStore store = new RecoveryStore(dir);
        store.begin();
        store.save(SCENARIO, Optional.empty(), T);
        String before = Files.readString(dir.resolve(RecoveryStore.AUTOSAVE));
        store.save("{\"name\": \"B\"}", Optional.of(dir.resolve(RecoveryStore.AUTOSAVE)), T.plusSeconds(5));
        assertEquals(before, Files.readString(dir.resolve(RecoveryStore.AUTOSAVE)));
    }

    @Test
    void keptForLaterItIsAScenarioFileWithATimeStamp() throws IOException {
        RecoveryStore crashed = new RecoveryStore(dir);
        crashed.begin();
        crashed.save(SCENARIO, Optional.empty(), T);
        RecoveryStore again = new RecoveryStore(dir);
        Path kept = again.keep(again.begin().orElseThrow()).orElseThrow();
        assertTrue(kept.getFileName().toString().matches("autosave-kept-\\d{8}-\\d{6}\\.json"), kept.toString());
        assertEquals("A", SafeJson.readTree(Files.readString(kept)).get("name").textValue());
        assertFalse(Files.exists(dir.resolve(RecoveryStore.LEFT)));
    }
}
