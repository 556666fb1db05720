package org.finetuneplanner;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Loads JavaFX as the named modules it is built to be, also when {@code java -jar} put its jars on the class path
 * (through the jar's {@code Class-Path}): JavaFX warns "Unsupported JavaFX configuration" when its classes come from
 * the unnamed module. The JavaFX jars are resolved into a module layer of their own; the app and its other
 * libraries are loaded again by a class loader above that layer, which does not see the class path's JavaFX.
 * Where JavaFX is already a named module (the app image's runtime, {@code mvn javafx:run}) nothing is built.
 */
final class JavaFxModules {
    /** The module the app needs; it requires javafx.graphics and javafx.base. */
    private static final String ROOT = "javafx.controls";

    private JavaFxModules() {
    }

    /**
     * The class loader to load {@code App} with: the launcher's own when JavaFX is a named module already or is
     * not among the class path's jars (then it stays where it is), else a loader above a JavaFX module layer.
     */
    static ClassLoader appLoader() throws IOException {
        ClassLoader own = JavaFxModules.class.getClassLoader();
        if (ModuleLayer.boot().findModule(ROOT).isPresent()) {
            return own;
        }
        List<Path> fx = new ArrayList<>();
        List<URL> rest = new ArrayList<>();
        for (Path entry : classPath()) {
            if (entry.getFileName() != null && entry.getFileName().toString().startsWith("javafx-")) {
                fx.add(entry);
            } else {
                rest.add(url(entry));
            }
        }
        if (fx.isEmpty()) {
            return own;
        }
        // The per-module jars without a platform classifier are empty (automatic modules such as
        // javafx.baseEmpty); nothing requires them, so resolving the root leaves them out.
        Configuration config = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(fx.toArray(Path[]::new)), ModuleFinder.of(), Set.of(ROOT));
        ModuleLayer.Controller layer = ModuleLayer.defineModulesWithOneLoader(config, List.of(ModuleLayer.boot()),
                ClassLoader.getPlatformClassLoader());
        URLClassLoader app = new URLClassLoader("finetune-planner", rest.toArray(URL[]::new),
                layer.layer().findLoader(ROOT));
        // ControlsFX's auto-completion uses JavaFX internals: the same export as the app image's launcher
        // (--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED).
        layer.addExports(layer.layer().findModule("javafx.base").orElseThrow(), "com.sun.javafx.event",
                app.getUnnamedModule());
        return app;
    }

    /** The class path's entries, with the {@code Class-Path} of each jar on it (one level, as the JVM reads it). */
    private static Set<Path> classPath() throws IOException {
        Set<Path> entries = new LinkedHashSet<>();
        for (String part : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (part.isEmpty()) {
                continue;
            }
            Path entry = Path.of(part).toAbsolutePath().normalize();
            entries.add(entry);
            if (Files.isRegularFile(entry)) {
                entries.addAll(manifestClassPath(entry));
            }
        }
        entries.removeIf(p -> !Files.exists(p));
        return entries;
    }

    private static List<Path> manifestClassPath(Path jar) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (value != null) {
                // Entries are URLs relative to the jar (lib/x.jar) or absolute (file:/..., as surefire writes them).
                URI base = jar.toUri();
                for (String entry : value.trim().split("\\s+")) {
                    try {
                        URI uri = base.resolve(entry);
                        if ("file".equals(uri.getScheme())) {
                            entries.add(Path.of(uri).normalize());
                        }
                    } catch (IllegalArgumentException e) {
                        // Not a URL: the JVM skips such an entry too.
                    }
                }
            }
        }
        return entries;
    }

    private static URL url(Path entry) {
        try {
            return entry.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("class path entry " + entry + ": " + e.getMessage(), e);
        }
    }
}
