package io.dcganexplorer.train;

import java.util.Locale;

/** How long work took or has left, as the window and the command line both show it. */
public final class Durations {
    private Durations() {}

    /** "0:07", "12:05", "3:02:09"; "–" for a negative (unknown), NaN or infinite number of seconds. */
    public static String clock(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
