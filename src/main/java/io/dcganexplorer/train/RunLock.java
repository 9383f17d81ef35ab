package io.dcganexplorer.train;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer rule of a run directory: whoever trains a run holds an OS file lock on its
 * {@value #FILE} file for as long as it trains, and writes who it is (PID, host, start time,
 * command) into that file. A second trainer, in another process or in this one, is refused with
 * a message naming the holder.
 *
 * <p>The lock is the kernel's ({@link FileChannel#tryLock()}), not the file's existence: it goes
 * away with the process however that ends, {@code kill -9} included, so a stale {@value #FILE}
 * never blocks the next start. The file itself is left in place (deleting a lock file races with
 * a process that has just opened it).
 *
 * <p>POSIX drops every lock a process holds on a file when the process closes <em>any</em>
 * descriptor of that file, so within this JVM the file is never opened a second time while it is
 * locked: a table of the locks this process holds answers for them instead.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file inside the run directory. */
    public static final String FILE = ".lock";

    /** Locks this process holds, by real path of the run directory, with what they say. */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of run directory {@code dir} (created if missing) for {@code purpose}, e.g.
     * "training".
     *
     * @throws RunInUseException naming the process that holds it
     */
    public static RunLock acquire(Path dir, String purpose) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        String me = describe(ProcessHandle.current(), purpose);
        if (HELD.putIfAbsent(key, me) != null) {
            throw inUse(dir, HELD.getOrDefault(key, ""), true);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // not through HELD: cannot happen, but refuse rather than share
            }
            if (l == null) {
                ch.close();
                ch = null;
                throw inUse(dir, readHolder(key.resolve(FILE)), false);
            }
            byte[] text = me.getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text), 0);
            ch.force(false);
            return new RunLock(key, ch, l);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the first failure is the one to report
                }
            }
            HELD.remove(key, me);
            throw e;
        }
    }

    /** The run directory this lock guards (its real path). */
    public Path directory() {
        return key;
    }

    /** Gives the lock up; the file stays, emptied. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // only informative text; the lock goes with the channel either way
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do: the kernel drops the lock with the descriptor
        }
        HELD.remove(key);
    }

    /** "PID 1234 (training, java ... on host, started 2026-...)" for the lock file. */
    static String describe(ProcessHandle p, String purpose) {
        ProcessHandle.Info info = p.info();
        StringBuilder sb = new StringBuilder("PID ").append(p.pid()).append(" (").append(purpose);
        info.commandLine().or(info::command).ifPresent(c -> sb.append(", ").append(shorten(c)));
        sb.append(", on ").append(hostName());
        info.startInstant().ifPresent(t -> sb.append(", started ").append(t.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS)));
        sb.append(")");
        return sb.toString();
    }

    private static String shorten(String command) {
        String c = command.replaceAll("\\s+", " ").trim();
        // Java command lines carry long class paths; the main class and arguments are what tell.
        c = c.replaceAll(" (-cp|-classpath|--class-path) \\S+", " $1 …");
        return c.length() > 300 ? c.substring(0, 299) + "…" : c;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    /** What the holder wrote; it may not have written yet, just after taking the lock. */
    private static String readHolder(Path file) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) {
                    return s;
                }
                Thread.sleep(20);
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }

    private static RunInUseException inUse(Path dir, String holder, boolean thisProcess) {
        String who = holder.isEmpty() ? "another process (it has not said which yet)" : holder;
        String where = thisProcess ? "this process already trains it: " : "it is being trained by ";
        return new RunInUseException(dir + " is in use: " + where + who + ". A run directory has one writer; "
                + "stop that training first (or wait for it to end)", holder);
    }

    /** The run directory is locked by another trainer; the message names it. */
    public static final class RunInUseException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String holder;

        RunInUseException(String message, String holder) {
            super(message);
            this.holder = holder;
        }

        /** What the holder wrote about itself ("PID 1234 (training, ...)"), empty if unknown. */
        public String holder() {
            return holder;
        }
    }
}
