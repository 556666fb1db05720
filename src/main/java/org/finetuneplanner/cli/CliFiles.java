package org.finetuneplanner.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.prices.PriceListJson;

/** Opening the files and standard input the commands read, with one-line reasons when that fails. */
final class CliFiles {

    private CliFiles() {
    }

    /**
     * A scenario read from a file or standard input, or the exit status after its error was printed.
     *
     * @param tree     the JSON as written (null on failure)
     * @param document the resolved scenario (null on failure)
     * @param status   {@link ExitCodes#OK}, or the status to exit with
     */
    record Loaded(JsonNode tree, ScenarioJson.Document document, int status) {
        boolean ok() {
            return status == ExitCodes.OK;
        }
    }

    /**
     * Reads and resolves one scenario file ({@code -} = standard input); errors are printed as one line, a refused
     * value with its line and column.
     */
    static Loaded readScenario(String path, CliContext context) {
        String text;
        try (InputStream in = open(path, context.in())) {
            text = SafeJson.readText(in);
        } catch (JsonProcessingException e) {
            context.error(label(path) + ": " + SafeJson.describe(e));
            return new Loaded(null, null, ExitCodes.INVALID_INPUT);
        } catch (IOException e) {
            context.error(label(path) + ": cannot be read (" + IoReasons.of(e) + ")");
            return new Loaded(null, null, ExitCodes.IO);
        }
        try {
            ScenarioJson.Document document = context.scenarios().readDocument(text);
            return new Loaded(document.source(), document, ExitCodes.OK);
        } catch (ScenarioException e) {
            context.error(label(path) + ": " + e.getMessage());
            return new Loaded(null, null, ExitCodes.INVALID_INPUT);
        }
    }

    /**
     * A price list read from a file, or the exit status after its error was printed.
     *
     * @param list   the price list (null on failure)
     * @param status {@link ExitCodes#OK}, or the status to exit with
     */
    record Prices(PriceList list, int status) {
        boolean ok() {
            return status == ExitCodes.OK;
        }
    }

    /**
     * Reads a price list ({@code --prices FILE}); a file that cannot be read is {@link ExitCodes#IO}, one that is not
     * a price list or holds a bad value {@link ExitCodes#INVALID_INPUT}, each printed as one line naming the key.
     */
    static Prices readPriceList(String path, CliContext context) {
        String text;
        try (InputStream in = open(path, context.in())) {
            text = SafeJson.readText(in);
        } catch (JsonProcessingException e) {
            context.error(label(path) + ": " + SafeJson.describe(e));
            return new Prices(null, ExitCodes.INVALID_INPUT);
        } catch (IOException e) {
            context.error(label(path) + ": cannot be read (" + IoReasons.of(e) + ")");
            return new Prices(null, ExitCodes.IO);
        }
        try {
            return new Prices(new PriceListJson(context.scenarios().catalogs()).read(text), ExitCodes.OK);
        } catch (InvalidValueException e) {
            context.error(label(path) + ": " + e.getMessage());
            return new Prices(null, ExitCodes.INVALID_INPUT);
        }
    }

    /** The file at {@code path}, or {@code stdin} for {@code -} (closing it leaves standard input open). */
    static InputStream open(String path, InputStream stdin) throws IOException {
        if ("-".equals(path)) {
            // Standard input belongs to the caller (a test, a shell): reading it to the end is ours, closing is not.
            return new FilterInputStream(stdin) {
                @Override
                public void close() {
                }
            };
        }
        try {
            return Files.newInputStream(Path.of(path));
        } catch (InvalidPathException e) {
            throw new IOException("not a valid path: " + e.getReason(), e);
        }
    }

    /** How a path is named in messages. */
    static String label(String path) {
        return "-".equals(path) ? "standard input" : path;
    }

    /**
     * Refuses an empty file name (a shell's {@code ''} or an unset variable), which would otherwise name the
     * current folder: a usage error.
     */
    static void requirePath(CommandSpec spec, String value, String what) {
        if (value != null && value.isEmpty()) {
            throw new ParameterException(spec.commandLine(), what + ": the file name is empty");
        }
    }
}
