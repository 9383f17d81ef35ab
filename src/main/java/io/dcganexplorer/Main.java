package io.dcganexplorer;

import io.dcganexplorer.cli.Cli;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.train.OrderlyShutdown;
import io.dcganexplorer.ui.DesktopApp;
import io.dcganexplorer.ui.DesktopOptions;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jar's entry point. With a subcommand (or --help, --version) it runs the command line
 * ({@link Cli}); with no arguments, or with desktop options such as {@code --screenshot} first, it
 * starts the JavaFX desktop app ({@link #launchDesktop}). Both run in this JVM.
 *
 * <p>Each configuration's networks are checked before they train or render ({@link Numerics}), and
 * a configuration whose every formulation is wrong at the default instruction set needs oneDNN
 * capped at {@value Numerics#SAFE_ISA}. oneDNN reads its cap from the environment once, when the
 * library loads, so only then does main start the same program again as a child with
 * {@value #ISA_VARIABLE}={@value Numerics#SAFE_ISA} for that run, say so once, and exit with the
 * child's code (the window does the same with the run open). The child watches this process and
 * stops (writing its checkpoint) when it is gone, even after a {@code kill -9}. A cap the user set,
 * whatever its value, is left alone. Inside a jpackage app-image the child is the app's native
 * launcher with the same arguments (see {@link #childCommand(String, List, String, String[])}).
 */
public final class Main {
    /** The environment variable oneDNN reads to cap the instruction set it uses. */
    public static final String ISA_VARIABLE = Numerics.ISA_VARIABLE;

    /** Set in a restarted child: the PID of the process the user started, which the child must not outlive. */
    static final String PARENT_VARIABLE = "DCGAN_PARENT_PID";

    /** Set by jpackage's launcher to its own path. */
    static final String JPACKAGE_APP_PATH = "jpackage.app-path";
    /**
     * jpackage's Linux launcher puts this in the environment of the JVM it starts; a launcher that
     * inherits it takes its arguments as a java command line and skips its .cfg file.
     */
    static final String JPACKAGE_LAUNCHER_VARIABLE = "_JPACKAGE_LAUNCHER";

    /** How long a parent that is being stopped waits for its child to write its checkpoint. */
    private static final long CHILD_STOP_WAIT_MINUTES = 5;

    private Main() {}

    public static void main(String[] args) {
        Engines.configure(threadsOption(args));
        watchParent();
        if (isDesktop(args)) {
            launchDesktop(args);
        }
        Cli.Outcome outcome = Cli.run(args);
        if (outcome.safeIsaNeeded() != null && "default".equals(Numerics.isa())) {
            System.exit(restartCapped(args, outcome.safeIsaNeeded().getMessage()));
        }
        System.exit(outcome.exitCode());
    }

    /**
     * Runs this program again with oneDNN capped at {@value Numerics#SAFE_ISA}, says why once, and
     * returns the child's exit code.
     */
    public static int restartCapped(String[] args, String why) {
        System.err.println("dcgan-explorer: " + why + "; running again with " + ISA_VARIABLE + "="
                + Numerics.SAFE_ISA);
        return relaunch(childCommand(args), Map.of(ISA_VARIABLE, Numerics.SAFE_ISA, Numerics.FALLBACK_VARIABLE, why));
    }

    /** No arguments, or desktop options first: the window; a subcommand or --help: the CLI. */
    static boolean isDesktop(String[] args) {
        return args.length == 0 || DesktopOptions.isDesktopOption(args[0]);
    }

    /** Starts the JavaFX desktop app and exits with its code when its window closes. */
    public static void launchDesktop(String[] args) {
        int code = DesktopApp.launchAndWait(args);
        var restart = DesktopApp.requestedRestart();
        if (restart.isPresent()) {
            code = restartCapped(restart.get().args(), restart.get().why());
        }
        System.exit(code);
    }

    /**
     * In a restarted child: when the process the user started ends, however it ends, stop as on
     * SIGTERM (the shutdown hooks stop training after the current step and write the checkpoint).
     */
    static void watchParent() {
        String pid = System.getenv(PARENT_VARIABLE);
        if (pid == null || pid.isEmpty()) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(Main::parentGone),
                    Main::parentGone);
        } catch (NumberFormatException e) {
            // not ours
        }
    }

    private static void parentGone() {
        System.err.println("dcgan-explorer: the process that started this one has ended; stopping");
        System.exit(143);
    }

    /**
     * Runs {@code command} ({@link #childCommand(String[])}: this program again) as a child with
     * {@code env} added (the safe oneDNN cap, or nothing but the desktop's class-data sharing) and
     * returns the child's exit code. The child stops
     * when this process ends, however it ends ({@link #watchParent}).
     */
    static int relaunch(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        pb.environment().put(PARENT_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        pb.environment().remove(JPACKAGE_LAUNCHER_VARIABLE);
        // The desktop app's start-up timing (-Ddcgan.timing=true) counts from this process's start.
        pb.environment().put(DesktopApp.LAUNCH_MILLIS, Long.toString(ProcessHandle.current().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis())));
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            System.err.println("error: could not restart Java with " + ISA_VARIABLE + "=" + Numerics.SAFE_ISA + " ("
                    + e.getMessage() + "); set the variable yourself and run again");
            return 1;
        }
        // Ctrl-C reaches the child too (same process group); a plain kill of this process is passed
        // on, and either way we wait so the child's last checkpoint is written before we go. SIGTERM
        // ends this process with 0 once the child has stopped cleanly, as the child itself does.
        OrderlyShutdown.Registration stopChild = OrderlyShutdown.register("the restarted child", () -> {
            child.destroy();
            return child.waitFor(CHILD_STOP_WAIT_MINUTES, TimeUnit.MINUTES) && child.exitValue() == 0;
        });
        OrderlyShutdown.exitZeroOnTerm();
        while (true) {
            try {
                int code = child.waitFor();
                stopChild.close();
                return code;
            } catch (InterruptedException e) {
                // keep waiting: the child decides when it is done
            }
        }
    }

    /**
     * The command that starts this program again. Run as {@code java ... io.dcganexplorer.Main}: java,
     * this JVM's options, the same class path, this class and the same arguments. Run from a
     * jpackage app-image: the native launcher and the same arguments only, because the launcher
     * adds the JVM options and the class path from its {@code .cfg} itself.
     */
    static List<String> childCommand(String[] args) {
        String launcher = System.getProperty(JPACKAGE_APP_PATH);
        String command = launcher != null && !launcher.isEmpty()
                ? launcher
                : ProcessHandle.current().info().command().orElse(
                        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> jvm = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        return childCommand(command, jvm, System.getProperty("java.class.path"), args);
    }

    /**
     * {@code [command, jvmArguments..., -cp, classPath, Main, args...]} when {@code command} is a java
     * binary, otherwise (a native launcher such as jpackage's {@code bin/dcgan-explorer})
     * {@code [command, args...]}.
     */
    static List<String> childCommand(String command, List<String> jvmArguments, String classPath, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        if (isJavaBinary(command)) {
            cmd.addAll(jvmArguments);
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(Main.class.getName());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Whether the file name of {@code command} is java (java.exe, javaw.exe on Windows). */
    static boolean isJavaBinary(String command) {
        Path name = Path.of(command).getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        return n.equals("java") || n.equals("java.exe") || n.equals("javaw.exe");
    }

    /**
     * The value of {@code --threads N} or {@code --threads=N} in {@code args}, 0 if absent or not a
     * number (the command's own parsing reports bad values).
     */
    static int threadsOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = null;
            if (args[i].equals("--threads") && i + 1 < args.length) {
                v = args[i + 1];
            } else if (args[i].startsWith("--threads=")) {
                v = args[i].substring("--threads=".length());
            }
            if (v != null) {
                try {
                    return Math.max(0, Integer.parseInt(v.trim()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
