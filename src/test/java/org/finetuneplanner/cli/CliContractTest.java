package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.junit.jupiter.api.Test;

/**
 * The command line's contract, checked in-process against {@link Main} with the real estimator, for every
 * registered command: {@code --help} for each, exit statuses as documented in the README, errors as one line on
 * standard error, never a stack trace, never the internal-error status for bad input.
 */
class CliContractTest {

    private static final Set<Integer> DOCUMENTED_FOR_COMMANDS = Set.of(ExitCodes.OK, ExitCodes.INVALID_INPUT,
            ExitCodes.USAGE, ExitCodes.IO);
    /** Test files, made once for both engines (Jupiter runs the examples, jqwik the property). */
    private static final Path dir = files();

    private static Path files() {
        try {
            return makeFiles(Files.createTempDirectory("cli"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path makeFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("good.json"), "{\"name\": \"ok\", \"model\": {\"preset\": \"qwen2.5-0.5b\"}, "
                + "\"method\": {\"type\": \"lora\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}, "
                + "\"data\": {\"tokens\": 1e6}}");
        Files.writeString(dir.resolve("bad-value.json"), "{\"model\": {\"preset\": \"qwen2.5-0.5b\"}, "
                + "\"training\": {\"micro_batch_size\": -4}, \"hardware\": {\"gpu\": \"l4-24gb\"}}");
        Files.writeString(dir.resolve("not-json.json"), "{\"model\": ");
        Files.writeString(dir.resolve("cases.jsonl"), "{\"id\": \"x\", \"scenario\": {\"model\": {\"preset\": "
                + "\"qwen2.5-0.5b\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}}, \"expected\": {\"metric\": "
                + "\"peak_allocated\", \"peak_gib\": 3.0}}\nnot json\n");
        Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        Files.createDirectories(dir.resolve("folder.json"));
        return dir;
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, CliContext.standard(new ByteArrayInputStream(stdin.getBytes(
                StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err)));
        return new Run(status, out.toString(), err.toString());
    }

    private static List<String> commands() {
        StringWriter sink = new StringWriter();
        CliContext context = CliContext.standard(new ByteArrayInputStream(new byte[0]), new PrintWriter(sink),
                new PrintWriter(sink));
        return Main.commandLine(context).getSubcommands().keySet().stream().filter(n -> !n.equals("help"))
                .toList();
    }

    @Test
    void theCommandsOfTheSpecAreRegistered() {
        // The spec's commands; others may be added (each is then held to this contract by the tests below).
        assertTrue(commands().containsAll(List.of("estimate", "plan", "report", "validate")), commands().toString());
    }

    /** Every command has --help (and "help NAME") on standard output, exit 0, listing every exit status. */
    @Test
    void everyCommandHasHelpListingTheExitCodes() {
        List<String> lines = new ArrayList<>(List.of("--help"));
        for (String command : commands()) {
            lines.add(command + " --help");
            lines.add("help " + command);
        }
        for (String line : lines) {
            Run r = run("", line.split(" "));
            assertEquals(ExitCodes.OK, r.status(), line);
            assertEquals("", r.err(), line);
            assertTrue(r.out().contains("Usage:"), line + ": " + r.out());
            assertTrue(r.out().contains("Exit codes:"), line + ": " + r.out());
            for (int code : exitCodes()) {
                assertTrue(Pattern.compile("(?m)^\\s*" + code + "\\s").matcher(r.out()).find(),
                        line + " does not list exit code " + code);
            }
        }
    }

    /** Every exit status the program uses is in the README's table, and the README lists no other. */
    @Test
    void theReadmeDocumentsEveryExitCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("### Exit codes");
        assertTrue(at >= 0, "README has no exit-code section");
        String section = readme.substring(at, readme.indexOf("\n#", at + 5));
        Set<Integer> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*(\\d+)\\s*\\|").matcher(section);
        while (m.find()) {
            documented.add(Integer.parseInt(m.group(1)));
        }
        for (int code : exitCodes()) {
            assertTrue(documented.contains(code), "exit code " + code + " is not in the README");
        }
        assertTrue(documented.containsAll(DOCUMENTED_FOR_COMMANDS));
    }

    /** Each row: a command line ({@code DIR} = a folder of test files) and the status it must end with. */
    @Test
    void badInputEndsWithItsDocumentedStatusAndOneErrorLine() {
        String[][] cases = {
            {"estimate DIR/missing.json", "3"}, {"plan DIR/missing.json", "3"},
            {"report DIR/missing.json --out DIR/x.pdf", "3"}, {"validate DIR/missing.jsonl", "3"},
            {"estimate DIR/folder.json", "3"}, {"plan DIR/folder.json", "3"},
            {"report DIR/folder.json --out DIR/x.pdf", "3"}, {"validate DIR/folder.json", "3"},
            {"estimate DIR/not-json.json", "1"}, {"plan DIR/not-json.json", "1"},
            {"report DIR/not-json.json --out DIR/x.pdf", "1"},
            {"estimate DIR/bad-value.json", "1"}, {"plan DIR/bad-value.json", "1"},
            {"report DIR/bad-value.json --out DIR/x.pdf", "1"},
            {"estimate DIR/binary.json", "1"}, {"plan DIR/binary.json", "1"},
            {"plan DIR/good.json --gpus nope-gpu", "2"},
            {"report DIR/good.json --out DIR/no-such-folder/x.pdf", "3"},
            {"report DIR/good.json --out DIR/x.pdf --lang klingon", "2"},
            {"report DIR/good.json", "2"}, {"plan", "2"}, {"validate", "2"}, {"estimate --frobnicate", "2"},
            {"plan DIR/good.json --frobnicate", "2"}, {"report DIR/good.json --out", "2"}, {"frobnicate", "2"},
        };
        for (String[] c : cases) {
            String line = c[0].replace("DIR", dir.toString());
            Run r = run("", line.split(" "));
            assertEquals(Integer.parseInt(c[1]), r.status(), line + "\n" + r.err());
            assertOneErrorLine(line, r);
        }
        assertFalse(Files.exists(dir.resolve("x.pdf")), "a failed report left a file");
        assertFalse(Files.exists(dir.resolve("no-such-folder")));
    }

    /**
     * An empty file name ({@code ''} in a shell) named the current folder ("Is a directory", status 3), and an
     * option value out of range was status 1 while an unknown one was 2: both are usage errors (2), one line naming
     * the option, before any file is read.
     */
    @Test
    void emptyFileNamesAndOptionValuesOutOfRangeAreUsageErrors() {
        String good = file("good.json");
        String empty = "the file name is empty";
        // Each row: the arguments, then what the error line must name.
        String[][] cases = {
            {"estimate", "", empty}, {"estimate", "--batch", "", empty}, {"plan", "", empty}, {"validate", "", empty},
            {"report", "", "--out", file("x.pdf"), empty}, {"report", good, "--out", "", "--out: " + empty},
            {"report", good, "--out", "-", "--out -: the report is a PDF file"},
            {"plan", good, "--discount", "0.96", "--discount 0.96 is not allowed"},
            {"plan", good, "--discount", "-0.1", "--discount -0.1"},
            {"plan", good, "--discount", "NaN", "--discount NaN"},
            {"plan", good, "--usd-per-kwh", "-1", "--usd-per-kwh -1.0"},
            {"plan", good, "--usd-per-kwh", "100", "--usd-per-kwh 100.0"},
            {"plan", good, "--gpus", "h100-sxm-80gb,h900", "unknown GPU id \"h900\""},
            {"plan", file("missing.json"), "--discount", "2", "--discount 2.0"},
        };
        for (String[] c : cases) {
            String[] args = Arrays.copyOf(c, c.length - 1);
            String line = String.join(" ", args);
            Run r = run("", args);
            assertEquals(ExitCodes.USAGE, r.status(), line + "\n" + r.err());
            assertOneErrorLine(line, r);
            assertTrue(r.err().contains(c[c.length - 1]), line + ": " + r.err());
            assertFalse(r.err().contains("directory"), r.err());
            assertEquals("", r.out(), line);
        }
        assertFalse(Files.exists(dir.resolve("-")));
    }

    @Test
    void aBadValueIsNamedWithItsKey() {
        for (String command : List.of("estimate", "plan")) {
            Run r = run("", command, dir.resolve("bad-value.json").toString());
            assertTrue(r.err().contains("training.micro_batch_size = -4"), r.err());
        }
    }

    /**
     * Random command lines from the commands, their options and hostile arguments (missing, folder, damaged and
     * good files, standard input with random bytes): the status is always a documented one and never the internal
     * error, and standard error holds one-line errors only.
     */
    @Property(tries = 200, seed = "20261129")
    void randomCommandLinesNeverEndInAnInternalErrorOrAStackTrace(@ForAll Random random) {
        List<String> pool = List.of("estimate", "plan", "report", "validate", "help", "--help", "-h", "--batch",
                "--json", "--gpus", "h100-sxm-80gb,l4-24gb", "--out", "--lang", "vi", "en", "--paper", "letter",
                "--compact", "--cases", "-", "--", "", " ", "--version", "-V", "x".repeat(300), "\u0000", "ü",
                file("good.json"), file("bad-value.json"), file("not-json.json"), file("missing.json"),
                file("folder.json"), file("cases.jsonl"), file("binary.json"), file("out/x.pdf"));
        String[] args = new String[random.nextInt(5)];
        for (int i = 0; i < args.length; i++) {
            args[i] = pool.get(random.nextInt(pool.size()));
        }
        if (List.of(args).contains("report") && List.of(args).contains(file("good.json"))) {
            args = List.of(args).stream().map(a -> a.equals(file("good.json")) ? file("bad-value.json") : a)
                    .toArray(String[]::new);
        }
        byte[] stdin = new byte[random.nextInt(64)];
        random.nextBytes(stdin);
        String input = random.nextBoolean() ? new String(stdin, StandardCharsets.ISO_8859_1)
                : "{\"model\": {\"preset\": \"qwen3-8b\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}}\nnot json\n";
        Run r = run(input, args);
        String line = String.join(" ", args);
        assertTrue(DOCUMENTED_FOR_COMMANDS.contains(r.status()), line + " ended with " + r.status() + "\n" + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in"), line + "\n" + r.err());
        if (!r.err().contains("Usage:")) {
            for (String errLine : r.err().lines().toList()) {
                assertTrue(errLine.startsWith("error: "), line + ": not an error line: " + errLine);
            }
        }
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void assertOneErrorLine(String line, Run r) {
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), line + ": standard error has " + lines.size() + " lines:\n" + r.err());
        assertTrue(lines.get(0).startsWith("error: "), line + ": " + lines.get(0));
        assertFalse(lines.get(0).contains("Exception") || lines.get(0).contains("com.fasterxml")
                || lines.get(0).contains("java."), line + ": " + lines.get(0));
    }

    /** The public status constants of {@link ExitCodes}. */
    private static List<Integer> exitCodes() {
        List<Integer> codes = new ArrayList<>();
        for (Field f : ExitCodes.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) && Modifier.isPublic(mod) && f.getType() == int.class) {
                try {
                    codes.add(f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return codes;
    }
}
