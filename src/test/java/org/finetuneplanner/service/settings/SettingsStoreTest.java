package org.finetuneplanner.service.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** The settings file, or the old one that is to be carried over: damaged, neither gives settings.json. */
    @ParameterizedTest
    @ValueSource(strings = {SettingsStore.SETTINGS, LegacySettings.FILE})
    void damagedFileIsSetAsideAndDefaultsUsed(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "window.width=wide\ntheme.dark=maybe\n");
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir).load();
        assertEquals(Settings.defaults(), loaded.value());
        assertTrue(loaded.setAside().isPresent());
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve(SettingsStore.SETTINGS)), "nothing was saved or carried over");
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

    @Test
    void recentFilesAndTheScenarioFileRoundTripNewestFirstEachOnce() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        List<String> files = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            files.add("/home/an/plans/plan-" + i + ".json");
        }
        files.add(1, "/home/an/plans/plan-1.json");
        Settings s = Settings.defaults().withRecentFiles(files).withScenarioFile("/home/an/plans/plan-1.json");
        assertEquals(Settings.MAX_RECENT, s.recentFiles().size());
        assertEquals("/home/an/plans/plan-2.json", s.recentFiles().get(1), "the repeat dropped");
        store.save(s);
        assertEquals(s, store.load().value());
    }

    @Test
    void aRecentFileThatIsNoPathIsDroppedAndTheRestKept() throws IOException {
        Files.writeString(dir.resolve(SettingsStore.SETTINGS), "{\"recent\": [\"/a.json\", \"relative.json\", \"\","
                + " \"/b\\u0000.json\", \"/c.json\"], \"scenario\": {\"file\": \"notes.txt\"}}");
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir).load();
        assertEquals(List.of("/a.json", "/c.json"), loaded.value().recentFiles());
        assertEquals("", loaded.value().scenarioFile());
        assertEquals(Optional.empty(), loaded.setAside());
    }

    /** The price list in force comes back with everything else, as "prices": {"file": …}. */
    @Test
    void thePriceListInForceRoundTripsAndIsWrittenUnderPrices() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Settings s = new Settings(10, 20, 1000, 700, false, true, "vi").withScenarioFile("/home/an/plan.json")
                .withPriceList("/home/an/prices/vinagpu.json");
        store.save(s);
        assertEquals(s, store.load().value());
        JsonNode saved = SafeJson.readTree(Files.readString(dir.resolve(SettingsStore.SETTINGS)));
        assertEquals("/home/an/prices/vinagpu.json", saved.at("/prices/file").textValue());
        // At the catalog's prices the key holds null, and reads back as none.
        store.save(s.withPriceList(""));
        assertTrue(SafeJson.readTree(Files.readString(dir.resolve(SettingsStore.SETTINGS))).at("/prices/file")
                .isNull());
        assertEquals("", store.load().value().priceList());
    }

    /** A file of the version before the price list was remembered: the catalog's prices, the rest as it was. */
    @Test
    void aSettingsFileWithoutPricesMeansTheCatalogsPricesAndAPriceListThatIsNoPathIsDropped() throws IOException {
        Files.writeString(dir.resolve(SettingsStore.SETTINGS), "{\"format\": \"finetune-settings/1\", "
                + "\"language\": \"vi\", \"scenario\": {\"file\": \"/a.json\"}}");
        SettingsStore store = new SettingsStore(dir);
        Settings loaded = store.load().value();
        assertEquals("", loaded.priceList());
        assertEquals("/a.json", loaded.scenarioFile());
        assertEquals("vi", loaded.language());
        Files.writeString(dir.resolve(SettingsStore.SETTINGS), "{\"prices\": {\"file\": \"prices.json\"}}");
        assertEquals(new SettingsStore.Loaded<>(Settings.defaults(), Optional.empty()), store.load());
    }

    /** Put in force, the list is remembered at once (a crash must not forget it), the other settings kept. */
    @Test
    void rememberingThePriceListKeepsEveryOtherSetting() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        store.rememberPriceList("/p/list.json");
        assertEquals(Settings.defaults().withPriceList("/p/list.json"), store.load().value(), "no settings yet");
        Settings s = new Settings(10, 20, 1000, 700, true, true, "vi").withRecentFiles(List.of("/a.json"));
        store.save(s);
        store.rememberPriceList("/p/other.json");
        assertEquals(s.withPriceList("/p/other.json"), store.load().value());
        store.rememberPriceList("");
        assertEquals(s, store.load().value());
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

    /** The file of the versions before settings.json, as their save() wrote it (Properties.store). */
    private static final String OLD_FILE = """
            #Fine-Tune Planner settings
            #Tue Mar 03 10:15:00 CET 2026
            window.height=800.0
            theme.dark=true
            window.width=1280.0
            window.maximized=true
            language=vi
            window.y=80.0
            window.x=120.0
            """;

    /** Renaming the file to settings.json must not lose a user's window place, theme and language. */
    @Test
    void theOldPropertiesFileIsCarriedOverOnce() throws IOException {
        Path old = dir.resolve(LegacySettings.FILE);
        Files.writeString(old, OLD_FILE, StandardCharsets.ISO_8859_1);
        SettingsStore store = new SettingsStore(dir);
        Settings carried = new Settings(120, 80, 1280, 800, true, true, "vi");
        assertEquals(new SettingsStore.Loaded<>(carried, Optional.empty()), store.load());
        assertTrue(Files.exists(dir.resolve(SettingsStore.SETTINGS)), "saved in the new format at once");
        assertEquals(OLD_FILE, Files.readString(old, StandardCharsets.ISO_8859_1), "left as it was");
        // Read once: from now on settings.json is the file, whatever happens to the old one.
        Files.writeString(old, "theme.dark=false\nlanguage=en\n");
        assertEquals(carried, store.load().value());
        Files.delete(old);
        assertEquals(carried, store.load().value());
    }

    /** The old save wrote NaN for a window the system places, and keys it did not know yet are simply absent. */
    @Test
    void anOldFileWithAWindowPlacedByTheSystemOrMissingKeysTakesTheDefaults() throws IOException {
        Files.writeString(dir.resolve(LegacySettings.FILE), "window.x=NaN\nwindow.y=NaN\ntheme.dark=true\n");
        assertEquals(new Settings(Double.NaN, Double.NaN, 1440, 900, false, true, "en"),
                new SettingsStore(dir).load().value());
    }

    @Test
    void settingsJsonWinsOverAnOldFile() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Settings saved = new Settings(10, 20, 1000, 700, false, false, "en");
        store.save(saved);
        Files.writeString(dir.resolve(LegacySettings.FILE), OLD_FILE);
        assertEquals(saved, store.load().value());
    }

    @Test
    void tinyWindowIsClampedToAUsableSize() {
        Settings s = new Settings(0, 0, 10, 10, false, false, "en");
        assertEquals(400, s.width());
        assertEquals(300, s.height());
    }

    @Test
    void theZoomIsRememberedUnderView() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Settings zoomed = new Settings(10, 20, 1280, 720, false, true, "vi", List.of(dir.resolve("a.json").toString()),
                dir.resolve("a.json").toString(), 1.25);
        store.save(zoomed);
        JsonNode saved = SafeJson.readTree(Files.readString(dir.resolve(SettingsStore.SETTINGS)));
        assertEquals(1.25, saved.at("/view/zoom").doubleValue());
        assertEquals(zoomed, store.load().value());
        assertEquals(1.25, zoomed.withRecentFiles(List.of()).withScenarioFile("").zoom(), "the other keys keep it");
    }

    /** A file of a version before the zoom has no "view": the actual size; a zoom out of range goes to its end. */
    @Test
    void aMissingOrOutOfRangeZoomIsTheActualSizeOrTheNearerEnd() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Path file = dir.resolve(SettingsStore.SETTINGS);
        Files.writeString(file, "{\"language\": \"en\"}");
        assertEquals(1.0, store.load().value().zoom());
        Files.writeString(file, "{\"view\": {\"zoom\": 40}}");
        assertEquals(Settings.MAX_ZOOM, store.load().value().zoom());
        Files.writeString(file, "{\"view\": {\"zoom\": 0.01}}");
        assertEquals(Settings.MIN_ZOOM, store.load().value().zoom());
        Files.writeString(file, "{\"view\": {\"zoom\": null}}");
        assertEquals(1.0, store.load().value().zoom());
        assertEquals(1.0, Settings.defaults().withZoom(Double.NaN).zoom());
    }
}
