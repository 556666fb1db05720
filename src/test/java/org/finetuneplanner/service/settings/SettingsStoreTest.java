package org.finetuneplanner.service.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.service.io.SafeJson;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaultsWithoutNotice() {
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir).load();
        assertEquals(Settings.defaults(), loaded.value());
        assertEquals(Optional.empty(), loaded.setAside());
    }

    @Test
    void savedSettingsComeBack() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        Settings s = new Settings(120, 80, 1280, 800, true, true, "vi");
        store.save(s);
        assertEquals(s, store.load().value());
    }

    @Test
    void damagedFileIsSetAsideAndDefaultsUsed() throws IOException {
        Path file = dir.resolve(SettingsStore.SETTINGS);
        Files.writeString(file, "window.width=wide\ntheme.dark=maybe\n");
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir).load();
        assertEquals(Settings.defaults(), loaded.value());
        assertTrue(loaded.setAside().isPresent());
        assertFalse(Files.exists(file));
        // The damaged text is kept, unchanged, for whoever wants to look at it.
        assertEquals("window.width=wide\ntheme.dark=maybe\n", Files.readString(loaded.setAside().get()));
    }

    @Test
    void fileThatIsNotUtf8IsSetAside() throws IOException {
        Files.write(dir.resolve(SettingsStore.SETTINGS), new byte[] {(byte) 0xC3, (byte) 0x28, 0x0A});
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir).load();
        assertEquals(Settings.defaults(), loaded.value());
        assertTrue(loaded.setAside().isPresent());
    }

    @Test
    void lastScenarioRoundTripsAndCanBeSetAside() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        assertEquals(Optional.empty(), store.lastScenario());
        store.saveLastScenario("{\"name\": \"Tinh chỉnh\"}");
        assertEquals(Optional.of("{\"name\": \"Tinh chỉnh\"}"), store.lastScenario());
        Optional<Path> aside = store.setAsideLastScenario();
        assertTrue(aside.isPresent());
        assertEquals("{\"name\": \"Tinh chỉnh\"}", Files.readString(aside.get(), StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), store.lastScenario());
    }

    /** JSON has no NaN: a window the system places is written as null, and read back as NaN. */
    @Test
    void theFileIsJsonAndAWindowPlacedByTheSystemIsNull() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        store.save(Settings.defaults());
        JsonNode saved = SafeJson.readTree(Files.readString(dir.resolve(SettingsStore.SETTINGS)));
        assertEquals(SettingsStore.FORMAT, saved.get("format").textValue());
        assertTrue(saved.at("/window/x").isNull());
        assertEquals(1440.0, saved.at("/window/width").doubleValue());
        assertEquals(Settings.defaults(), store.load().value());
        Files.writeString(dir.resolve(SettingsStore.SETTINGS), "{\"language\": \"vi\", \"later\": {\"key\": 1}}");
        assertEquals(new Settings(Double.NaN, Double.NaN, 1440, 900, false, false, "vi"), store.load().value(),
                "missing keys take their defaults; keys of a later version are ignored");
    }

    @Test
    void tinyWindowIsClampedToAUsableSize() {
        Settings s = new Settings(0, 0, 10, 10, false, false, "en");
        assertEquals(400, s.width());
        assertEquals(300, s.height());
    }
}
