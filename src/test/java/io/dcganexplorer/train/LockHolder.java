package io.dcganexplorer.train;

import java.nio.file.Path;

/**
 * A second process for {@link RunLockTest}: takes the lock of the run directory given as its
 * argument, prints "locked" and holds it until killed (or until its stdin closes).
 */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Path.of(args[0]), "training");
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the lock until stdin closes or the process is killed
        }
        lock.close();
    }
}
