package org.finetuneplanner.service.report.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * Fonts installed on this computer, for characters the shipped DejaVu Sans lacks (Chinese, Japanese, Korean …):
 * the usual font folders of Linux, macOS and Windows are searched directly ({@code fc-list} is not everywhere).
 * Only fonts with TrueType outlines qualify (PDFBox embeds those; colour-bitmap emoji fonts and CFF outlines it
 * cannot). Which font covers which character is remembered for the life of the process. Thread-safe.
 */
final class SystemFonts {
    /** At most this many files are opened in one search: a computer with thousands of fonts stays quick. */
    static final int MAX_FILES = 400;
    private static final int MAX_DEPTH = 5;
    /** Names of fonts that cover many scripts: tried first. */
    private static final List<String> BROAD = List.of("cjk", "fallback", "unicode", "sourcehan", "wqy", "wenquanyi",
            "noto", "droid", "msyh", "yahei", "simsun", "simhei", "mingliu", "msgothic", "meiryo", "yugoth",
            "malgun", "gulim", "batang", "pingfang", "hiragino", "applegothic", "arialuni", "code2000", "unifont");

    private static final int TTCF = 0x74746366;
    private static final int TRUE = 0x74727565;
    /**
     * FontBox reports odd but harmless font tables through java.util.logging, which would print them on the
     * command line's terminal while fonts are searched. Held here so the logger, and its level, are not collected.
     */
    private static final java.util.logging.Logger FONTBOX_LOG = java.util.logging.Logger.getLogger(
            "org.apache.fontbox");

    static {
        FONTBOX_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private static final Map<Integer, Optional<Path>> FOUND = new HashMap<>();
    private static List<Path> candidates;

    private SystemFonts() {
    }

    /**
     * Installed fonts that together cover what they can of {@code codePoints}, each with the characters it is
     * chosen for; characters no font covers are left out (and remembered, so they are not searched for again).
     */
    static synchronized Map<Path, Set<Integer>> covering(Set<Integer> codePoints) {
        Map<Path, Set<Integer>> out = new LinkedHashMap<>();
        Set<Integer> open = new TreeSet<>();
        for (int cp : codePoints) {
            Optional<Path> known = FOUND.get(cp);
            if (known == null) {
                open.add(cp);
            } else {
                known.ifPresent(p -> out.computeIfAbsent(p, k -> new TreeSet<>()).add(cp));
            }
        }
        if (open.isEmpty()) {
            return out;
        }
        for (Path file : candidates()) {
            if (open.isEmpty()) {
                break;
            }
            Set<Integer> covered = coverage(file, open);
            if (!covered.isEmpty()) {
                out.computeIfAbsent(file, k -> new TreeSet<>()).addAll(covered);
                covered.forEach(cp -> FOUND.put(cp, Optional.of(file)));
                open.removeAll(covered);
            }
        }
        open.forEach(cp -> FOUND.put(cp, Optional.empty()));
        return out;
    }

    /** The font files of the usual folders, broad fonts first. */
    private static List<Path> candidates() {
        if (candidates == null) {
            List<Path> files = new ArrayList<>();
            for (Path dir : folders()) {
                if (files.size() >= MAX_FILES || !Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
                    walk.filter(SystemFonts::isFontFile).limit(MAX_FILES - files.size()).forEach(files::add);
                } catch (IOException | RuntimeException e) {
                    // An unreadable folder is skipped: the search is a help, not a requirement.
                }
            }
            files.sort(Comparator.comparingInt(SystemFonts::rank).thenComparing(Path::toString));
            candidates = List.copyOf(files);
        }
        return candidates;
    }

    private static boolean isFontFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".ttf") || name.endsWith(".ttc") || name.endsWith(".otf")) && Files.isRegularFile(p);
    }

    /** Broad fonts first, in the order of {@link #BROAD}; bold and italic faces last. */
    private static int rank(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "");
        int rank = BROAD.size();
        for (int i = 0; i < BROAD.size(); i++) {
            if (name.contains(BROAD.get(i))) {
                rank = i;
                break;
            }
        }
        boolean styled = name.contains("bold") || name.contains("italic") || name.contains("oblique");
        return rank + (styled ? BROAD.size() + 1 : 0);
    }

    /** The usual font folders of this operating system and user. */
    static List<Path> folders() {
        List<Path> out = new ArrayList<>();
        String home = System.getProperty("user.home", "");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String windir = System.getenv("WINDIR");
            out.add(Path.of(windir == null ? "C:\\Windows" : windir, "Fonts"));
            String local = System.getenv("LOCALAPPDATA");
            if (local != null) {
                out.add(Path.of(local, "Microsoft", "Windows", "Fonts"));
            }
        } else if (os.contains("mac")) {
            out.add(Path.of("/System/Library/Fonts"));
            out.add(Path.of("/Library/Fonts"));
            out.add(Path.of(home, "Library", "Fonts"));
        } else {
            String data = System.getenv("XDG_DATA_HOME");
            out.add(Path.of(data == null || data.isBlank() ? home + "/.local/share" : data, "fonts"));
            out.add(Path.of(home, ".fonts"));
            out.add(Path.of("/usr/local/share/fonts"));
            out.add(Path.of("/usr/share/fonts"));
        }
        return out;
    }

    /**
     * Whether the file is TrueType (or a collection whose first font is): its first bytes say so, read before any
     * parser sees the file, so fonts with CFF outlines ("OTTO"), which cannot be embedded, are never parsed.
     */
    static boolean trueType(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(16);
            if (head.length < 16) {
                return false;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head);
            int tag = b.getInt(0);
            if (tag == TTCF) {
                int first = b.getInt(12);
                in.skipNBytes(first - 16L);
                byte[] sfnt = in.readNBytes(4);
                return sfnt.length == 4 && isTrueTypeTag(java.nio.ByteBuffer.wrap(sfnt).getInt());
            }
            return isTrueTypeTag(tag);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isTrueTypeTag(int tag) {
        return tag == 0x00010000 || tag == TRUE;
    }

    /** Which of {@code wanted} the file's first embeddable font has a glyph for; none when it cannot be read. */
    private static Set<Integer> coverage(Path file, Set<Integer> wanted) {
        Set<Integer> covered = new TreeSet<>();
        if (!trueType(file)) {
            return covered;
        }
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
                try (TrueTypeCollection ttc = new TrueTypeCollection(file.toFile())) {
                    boolean[] first = {true};
                    ttc.processAllFonts(font -> {
                        if (first[0] && embeddable(font)) {
                            first[0] = false;
                            covered.addAll(covered(font, wanted));
                        }
                    });
                }
            } else {
                try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()))) {
                    if (embeddable(font)) {
                        covered.addAll(covered(font, wanted));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            covered.clear();
        }
        return covered;
    }

    /** Fonts PDFBox can embed as a subset: TrueType outlines and a Unicode character map. */
    static boolean embeddable(TrueTypeFont font) throws IOException {
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            return false;
        }
        return font.getTableMap().containsKey("glyf") && font.getUnicodeCmapLookup(false) != null;
    }

    private static Set<Integer> covered(TrueTypeFont font, Set<Integer> wanted) throws IOException {
        CmapLookup cmap = font.getUnicodeCmapLookup(false);
        Set<Integer> out = new TreeSet<>();
        for (int cp : wanted) {
            if (cmap.getGlyphId(cp) > 0) {
                out.add(cp);
            }
        }
        return out;
    }
}
