package org.finetuneplanner.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.Scenario;

/**
 * The command line: {@code finetune-planner estimate | plan | report | validate}. Every command has
 * {@code --help}; errors are one line on standard error; no stack trace ever reaches the user; exit statuses are
 * those of {@link ExitCodes}.
 */
@Command(name = "finetune-planner", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class, subcommands = CommandLine.HelpCommand.class,
        description = "Which GPUs, how many, how long and at what cost to fine-tune a large language model.%n"
                + "Without arguments the desktop app opens.",
        footer = "%nScenario files: the finetune-plan/1 format (see the README).")
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // The descriptor itself, not System.out: a PrintStream swallows write errors (a full disk, a closed pipe).
        PrintWriter out = new WatchedWriter(new FileOutputStream(FileDescriptor.out));
        PrintWriter err = writer(System.err);
        int status;
        try {
            status = run(args, System.in, out, err);
        } catch (Throwable t) {
            // Last line of defence: even a failure to start (a broken catalog, an OutOfMemoryError) is one line.
            err.println("error: internal error: " + describe(t));
            status = ExitCodes.INTERNAL;
        }
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line in-process (for tests and the launcher).
     *
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return run(args, CliContext.standard(in, out, err));
    }

    /** Runs the command line with the given context (tests inject streams or an estimator here). */
    public static int run(String[] args, CliContext context) {
        int status = commandLine(context).execute(args);
        if (status == ExitCodes.OK) {
            // Commands check their own output; this catches the rest (help, version) written to a full disk.
            status = context.finishOutput("");
        }
        context.out().flush();
        context.err().flush();
        return status;
    }

    /**
     * The command tree. REGISTRATION POINT: each command is added here once; a command that needs the streams,
     * the reader or the estimator takes the {@link CliContext} in its constructor.
     */
    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand("estimate", new EstimateCommand(context))
                .addSubcommand("plan", new PlanCommand(context))
                .addSubcommand("report", new ReportCommand(context, ReportCommand::standardService))
                .addSubcommand("validate", new ValidateCommand(context))
                .addSubcommand("catalog", new CatalogCommand(context));
        // Every command, also those registered above by other areas, lists the same exit codes in its help.
        for (CommandLine command : allCommands(cli)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCodes.help());
        }
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            // Line breaks of picocli's messages become spaces; other controls are the user's and are shown escaped.
            context.error(e.getMessage().replaceAll("[ \\r\\n]*\\n[ \\r\\n]*| {2,}", " ").strip() + " (see: "
                    + where.getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, where, parsed) -> {
            context.error("internal error: " + describe(e));
            return ExitCodes.INTERNAL;
        });
        return cli;
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            all.addAll(allCommands(sub));
        }
        return all;
    }

    /** No command given: show what there is (the launcher opens the app when there are no arguments at all). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The estimator behind {@code estimate}. */
    static Function<Scenario, Estimate> standardEstimator() {
        Estimator estimator = Estimator.standard();
        return estimator::estimate;
    }

    /** What went wrong, in one line: the failure's own message; its kind only when it has none to give. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        if (message != null && !message.isBlank()) {
            return message.replaceAll("\\s+", " ").strip();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory";
        }
        if (t instanceof StackOverflowError) {
            return "stack overflow";
        }
        return "unexpected failure without a message (" + t.getClass().getSimpleName() + ")";
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16));
    }

    /** The version from the jar's manifest, or "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Fine-Tune Planner " + (version == null ? "(development build)" : version)};
        }
    }
}
