package org.finetuneplanner.service.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.io.SafeJson;

/**
 * The app's working copy of the scenario between saves and the mark of a running session, both in the settings
 * folder, never beside the user's files.
 *
 * <ul>
 *   <li>{@value #AUTOSAVE}: the working scenario, a {@code finetune-plan/1} file (it opens as any scenario) with one
 *   more top-level object, {@code "autosave": {"source": "/home/…/plan.json", "saved_at": "2025-…Z"}}: the file the
 *   scenario belongs to and when it was written. Written atomically, so a kill during a write leaves the last good
 *   copy; a symbolic link there is refused, so an autosave can never be written into a file it points to.</li>
 *   <li>{@value #SESSION}: {@code {"format": "finetune-session/1", "pid": 4242, "started": "2025-…Z"}}, written
 *   when a session begins and removed when it ends cleanly. Found at the next start with its process gone, it says
 *   the last session did not end cleanly (a crash, a kill, a power cut): its autosave is offered back. Found with
 *   its process still running (the same process id and start time), another instance owns the working copy and
 *   this one autosaves nothing.</li>
 * </ul>
 *
 * Every method blocks on the disk: call off the FX thread. Not thread-safe: one thread (the app's IO thread) uses it.
 */
public final class RecoveryStore {
    static final String AUTOSAVE = "autosave.json";
    /** Where a crashed session's autosave waits for the user's answer (this session's autosaves cannot touch it). */
    static final String LEFT = "autosave-recovered.json";
    static final String SESSION = "session.json";
    static final String FORMAT = "finetune-session/1";
    /** The top-level key of an autosave that says where it belongs; a scenario reader ignores it. */
    static final String MEMBER = "autosave";

    private final Path folder;
    private final ProcessHandle self;
    private boolean owner;

    public RecoveryStore(Path folder) {
        this(folder, ProcessHandle.current());
    }

    RecoveryStore(Path folder, ProcessHandle self) {
        this.folder = folder;
        this.self = self;
    }

    /**
     * What a session that did not end cleanly left.
     *
     * @param scenarioJson the autosaved scenario's text ({@code finetune-plan/1}, with its {@code autosave} object)
     * @param source       the file the scenario was opened from or saved to, if any
     * @param savedAt      when it was autosaved, if the file says
     * @param file         where it is kept until the user restores or discards it
     */
    public record Left(String scenarioJson, Optional<Path> source, Optional<Instant> savedAt, Path file) {
    }

    /** The session mark's JSON shape. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Session(String format, Long pid, String started) {
    }

    /** The autosave's own object: the file the scenario belongs to and the time it was written. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Autosave(String source, @JsonProperty("saved_at") String savedAt) {
    }

    /**
     * Begins this session. When the last one did not end cleanly (its mark is here and its process is gone, or the
     * mark is unreadable) and left an autosave, that autosave is moved to {@value #LEFT}, where this session's own
     * autosaves cannot replace it, and returned; an earlier one still waiting there is set aside with a time stamp.
     * When another running instance holds the mark, this session does not own the working copy: nothing is
     * returned and {@link #save} writes nothing.
     *
     * @throws IOException when the folder or the mark cannot be written (the session then autosaves nothing)
     */
    public Optional<Left> begin() throws IOException {
        Path mark = folder.resolve(SESSION);
        boolean marked = Files.exists(mark);
        if (marked && otherInstanceRuns(mark)) {
            owner = false;
            return Optional.empty();
        }
        Path autosave = folder.resolve(AUTOSAVE);
        Path left = folder.resolve(LEFT);
        if (marked && Files.exists(autosave)) {
            if (Files.exists(left)) {
                keep(left);
            }
            Files.move(autosave, left, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(folder);
        AtomicFiles.writeString(mark, AtomicFiles.Links.REFUSE, SafeJson.pretty(new Session(FORMAT, self.pid(),
                self.info().startInstant().map(Instant::toString).orElse(null))));
        owner = true;
        return marked || Files.exists(left) ? read(left) : Optional.empty();
    }

    /** Whether this session owns the working copy (it began and no other instance runs). */
    public boolean owner() {
        return owner;
    }

    private boolean otherInstanceRuns(Path mark) {
        Session s;
        try (InputStream in = Files.newInputStream(mark)) {
            s = SafeJson.bind(SafeJson.readText(in), Session.class);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (s == null || s.pid() == null || s.pid() == self.pid() && sameStart(self, s.started())) {
            return false;
        }
        return ProcessHandle.of(s.pid()).filter(ProcessHandle::isAlive).filter(p -> sameStart(p, s.started()))
                .isPresent();
    }

    /** A process id is reused after its process ends: the start time tells the process that wrote the mark. */
    private static boolean sameStart(ProcessHandle p, String started) {
        Optional<Instant> start = p.info().startInstant();
        return started == null || start.isEmpty() || start.get().toString().equals(started);
    }

    private static Optional<Left> read(Path file) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = SafeJson.readText(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Optional<Autosave> meta = SafeJson.peekMember(text, MEMBER).flatMap(node -> {
            try {
                return Optional.ofNullable(SafeJson.bind(node, Autosave.class));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
        Optional<Path> source = meta.map(Autosave::source).filter(SettingsStore::isPath).map(Path::of);
        Optional<Instant> when = meta.map(Autosave::savedAt).flatMap(RecoveryStore::instant);
        return Optional.of(new Left(text, source, when, file));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the working scenario atomically, with the file it belongs to; nothing when this session does not own
     * the working copy, or when {@code source} is this very autosave (a user who opened it).
     *
     * @param scenarioJson a scenario's JSON text (a JSON object)
     * @param source       the user's file the scenario belongs to; never written here
     * @throws IOException naming the file and the reason; the last good autosave stays
     */
    public void save(String scenarioJson, Optional<Path> source, Instant now) throws IOException {
        Path autosave = folder.resolve(AUTOSAVE);
        if (!owner || source.isPresent() && sameFile(source.get(), autosave)) {
            return;
        }
        JsonNode tree = SafeJson.readTree(scenarioJson);
        if (!(tree instanceof ObjectNode object)) {
            throw new IOException("not a scenario: " + scenarioJson.length() + " characters that are no JSON object");
        }
        object.set(MEMBER, SafeJson.toTree(new Autosave(source.map(Path::toString).orElse(null), now.toString())));
        Files.createDirectories(folder);
        AtomicFiles.writeString(autosave, AtomicFiles.Links.REFUSE, SafeJson.pretty(object));
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b)
                    || a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes what a crashed session left (the user restored it, or chose to discard it). */
    public void discard(Left left) throws IOException {
        Files.deleteIfExists(left.file());
    }

    /**
     * Keeps what a crashed session left as {@code autosave-kept-<time>.json} beside it (a scenario file the user
     * can open later); returns that name, empty when it could not be moved.
     */
    public Optional<Path> keep(Left left) {
        return keep(left.file());
    }

    private Optional<Path> keep(Path file) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path target = folder.resolve("autosave-kept-" + stamp + ".json");
        for (int n = 2; Files.exists(target) && n < 1000; n++) {
            target = folder.resolve("autosave-kept-" + stamp + "-" + n + ".json");
        }
        try {
            Files.move(file, target);
            return Optional.of(target);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Ends this session cleanly: the working copy and the session's mark are removed (the next start offers no
     * recovery). Nothing when another instance owns them.
     */
    public void end() throws IOException {
        if (!owner) {
            return;
        }
        Files.deleteIfExists(folder.resolve(AUTOSAVE));
        Files.deleteIfExists(folder.resolve(SESSION));
        owner = false;
    }

    /** The autosave file (for messages). */
    public Path autosaveFile() {
        return folder.resolve(AUTOSAVE);
    }
}
