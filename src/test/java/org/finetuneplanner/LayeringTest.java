package org.finetuneplanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Guards the arrows of STYLE.md §1: ui → service → core, nothing back. */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/org/finetuneplanner");

    private static List<String> violations(Path dir, List<String> forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.strip();
                    if (trimmed.startsWith("import ")) {
                        for (String prefix : forbidden) {
                            if (trimmed.startsWith("import " + prefix) || trimmed.startsWith("import static " + prefix)) {
                                found.add(MAIN.relativize(file) + ": " + trimmed);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void coreImportsNoJavaFxJacksonIoOrOuterLayers() throws IOException {
        assertEquals(List.of(), violations(MAIN.resolve("core"), List.of("javafx.", "com.fasterxml.",
                "java.io.", "java.nio.", "org.finetuneplanner.service.", "org.finetuneplanner.ui.",
                "org.finetuneplanner.cli.", "org.apache.pdfbox.", "org.jfree.")));
    }

    @Test
    void serviceImportsNoJavaFxOrUi() throws IOException {
        assertEquals(List.of(), violations(MAIN.resolve("service"), List.of("javafx.", "org.finetuneplanner.ui.",
                "org.finetuneplanner.cli.")));
    }

    @Test
    void viewModelsImportNoScenegraphApplicationOrConcurrent() throws IOException {
        List<String> found = new ArrayList<>();
        Path ui = MAIN.resolve("ui");
        if (Files.isDirectory(ui)) {
            try (Stream<Path> files = Files.walk(ui)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith("ViewModel.java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String t = line.strip();
                        if (t.startsWith("import javafx.scene") || t.startsWith("import javafx.application")
                                || t.startsWith("import javafx.concurrent")) {
                            found.add(MAIN.relativize(file) + ": " + t);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
