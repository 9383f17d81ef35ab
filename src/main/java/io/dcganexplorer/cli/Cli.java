package io.dcganexplorer.cli;

import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.train.Provenance;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The top-level {@code dcgan-explorer} command. Runs in-process: the oneDNN re-launch lives in
 * {@link io.dcganexplorer.Main}, so tests can call {@link #commandLine()} and {@code execute}.
 *
 * <p>Exit codes: 0 success, 1 the work failed (a message starting "error: " on stderr), 2 bad
 * arguments (picocli's usage error, with the reason and the usage).
 */
@Command(name = "dcgan-explorer",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = "Train deep convolutional GANs and explore what they learned.",
        subcommands = {TrainCommand.class,
                SampleCommand.class,
                InterpolateCommand.class,
                ArithmeticCommand.class,
                DirectionCommand.class,
                NeighboursCommand.class,
                ProjectCommand.class,
                ScoreCommand.class,
                AverageCommand.class,
                ProbeCommand.class,
                BenchCommand.class,
                DatasetsCommand.class,
                PackDemoCommand.class,
                ImportPytorchCommand.class,
                ExportPytorchCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
    /** The work failed. */
    public static final int EXIT_FAILED = 1;
    /** Bad arguments. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }

    /**
     * How a command line ended.
     *
     * @param safeIsaNeeded set when a configuration's networks are wrong at the default instruction
     *     set in every formulation: the caller runs the command again with oneDNN capped
     */
    public record Outcome(int exitCode, Numerics.SafeIsaNeeded safeIsaNeeded) {}

    /** Runs {@code args}; a configuration that needs the instruction-set cap ends it early, said in the outcome. */
    public static Outcome run(String[] args) {
        CommandLine cmd = commandLine();
        Numerics.SafeIsaNeeded[] need = new Numerics.SafeIsaNeeded[1];
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            var s = Numerics.safeIsaNeeded(e);
            if (s.isPresent()) {
                need[0] = s.get();
                return EXIT_FAILED;
            }
            return handleFailure(e, c, parsed);
        });
        int code = cmd.execute(args);
        return new Outcome(code, need[0]);
    }

    /** A command line over a new {@link Cli}, with this application's error handling. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Cli());
        cmd.setExecutionExceptionHandler(Cli::handleFailure);
        return cmd;
    }

    /** picocli's handler for what escapes a command: {@link #report}. */
    static int handleFailure(Exception e, CommandLine cmd, ParseResult parsed) {
        return report(e, cmd.getErr());
    }

    /**
     * The one mapping of a command's failure to what the user sees and the exit code: a usage
     * error is rethrown for picocli (exit 2); anything else is one "error: ..." line and exit code 1
     * (a configuration that needs the instruction-set cap too, when {@link #run} does not intercept
     * it first to run the command again capped). Expected failures (bad files, damaged checkpoints) carry
     * their own message; anything else is a bug, so its type and stack trace are shown.
     */
    static int report(Exception e, PrintWriter err) {
        if (e instanceof ParameterException pe) {
            throw pe;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
        } else if (Numerics.safeIsaNeeded(e).isPresent()) {
            err.println("error: " + Numerics.safeIsaNeeded(e).get().getMessage());
        } else if (e instanceof Failure || e instanceof IOException) {
            err.println("error: " + e.getMessage());
        } else {
            err.println("error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILED;
    }

    /** A failure whose message is complete and meant for the user (exit code 1). */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** "dcgan-explorer VERSION" plus the Java runtime; touches no DJL class. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dcgan-explorer " + Provenance.APP_VERSION,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
