package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.finetuneplanner.service.settings.Settings;
import org.finetuneplanner.service.settings.SettingsStore;

/**
 * Settings that cannot be read fall back to the defaults, and the damaged file is kept aside (renamed), never
 * overwritten: the user (or a bug report) can still look at it.
 */
class SettingsRecoveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "\"window\": {\"height\": 800, \"width\": \"wide\"}",
        "\"window\": {\"x\": 1e999}",
        "\"window\": {\"y\": -7e300}",
        "\"theme\": {\"dark\": \"maybe\"}",
        "\"language\": \"../../etc/passwd\"",
        "\"language\": \"\\uZZZZ\"",
        "\"window\": {\"maximized\": 1}",
        "\"format\": \"finetune-settings/99\"",
        "\"window\": [800, 600]"})
    void aDamagedFileGivesDefaultsAndIsKeptAside(String member) throws IOException {
        byte[] damaged = ("{" + member + "}\n").getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("settings.json"), damaged);
        SettingsStore store = new SettingsStore(dir);
        SettingsStore.Loaded<Settings> loaded = store.load();
        assertEquals(Settings.defaults(), loaded.value());
        Path aside = loaded.setAside().orElseThrow(() -> new AssertionError("no notice that the file was damaged"));
        assertArrayEquals(damaged, Files.readAllBytes(aside), "kept as it was");
        assertFalse(Files.exists(dir.resolve("settings.json")));
        store.save(new Settings(1, 2, 800, 600, true, true, "vi"));
        assertArrayEquals(damaged, Files.readAllBytes(aside), "saving new settings leaves the damaged copy alone");
        assertEquals(new Settings(1, 2, 800, 600, true, true, "vi"), store.load().value());
    }

    @Test
    void bytesThatAreNotUtf8AreDamage() throws IOException {
        Files.write(dir.resolve("settings.json"),
                new byte[] {'{', '"', 'l', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir).load();
        assertEquals(Settings.defaults(), loaded.value());
        assertTrue(loaded.setAside().isPresent());
    }

    /** A second damaged file within the same second must not replace the first damaged copy. */
    @Test
    void twoDamagedFilesInARowAreBothKept() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(dir.resolve("settings.json"), "window.width=first");
        Path first = store.load().setAside().orElseThrow();
        Files.writeString(dir.resolve("settings.json"), "window.width=second");
        Path second = store.load().setAside().orElseThrow();
        assertFalse(first.equals(second), first + " was reused");
        assertEquals("window.width=first", Files.readString(first));
        assertEquals("window.width=second", Files.readString(second));
    }

    /**
     * A settings file of gigabytes (a disk error, a mistaken copy) must not stop the app from starting:
     * reading it whole threw OutOfMemoryError. A sparse file costs no disk space.
     */
    @Test
    void aHugeSettingsFileIsDamageNotACrash() throws IOException {
        Path file = dir.resolve("settings.json");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(3L << 30);
        }
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir).load();
        assertEquals(Settings.defaults(), loaded.value());
        assertTrue(loaded.setAside().isPresent());
        Files.deleteIfExists(loaded.setAside().get());
    }

    @Test
    void missingSettingsAreDefaultsWithoutANotice() {
        SettingsStore.Loaded<Settings> loaded = new SettingsStore(dir.resolve("never-created")).load();
        assertEquals(Settings.defaults(), loaded.value());
        assertTrue(loaded.setAside().isEmpty());
    }

    /** Random damage to a saved file: load never throws; it reads values or falls back and keeps the file. */
    @Property(tries = 300, seed = "20261129")
    void randomDamageNeverEscapes(@ForAll Random random) throws IOException {
        Path folder = Files.createTempDirectory("settings");
        try {
            SettingsStore store = new SettingsStore(folder);
            store.save(new Settings(10, 20, 1000, 700, false, true, "vi"));
            Path file = folder.resolve("settings.json");
            String text = Files.readString(file, StandardCharsets.UTF_8);
            byte[] damaged = Mutator.mutateBytes(text, random);
            Files.write(file, damaged);
            SettingsStore.Loaded<Settings> loaded = store.load();
            if (loaded.setAside().isPresent()) {
                assertEquals(Settings.defaults(), loaded.value());
                assertArrayEquals(damaged, Files.readAllBytes(loaded.setAside().get()));
            }
            assertTrue(loaded.value().width() >= 400 && loaded.value().height() >= 300);
        } finally {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(folder);
        }
    }
}
