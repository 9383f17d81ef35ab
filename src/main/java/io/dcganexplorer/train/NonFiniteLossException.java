package io.dcganexplorer.train;

/**
 * Training diverged: a loss became NaN or infinite, or the gradients overflowed too many steps in
 * a row. Checked, so that the loop cannot forget that the run fails here rather than saving a
 * checkpoint of the broken state.
 */
final class NonFiniteLossException extends Exception {
    private static final long serialVersionUID = 1L;

    NonFiniteLossException(String message) {
        super(message);
    }
}
