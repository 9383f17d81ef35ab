package io.dcganexplorer.data;

import java.io.IOException;

/** A dataset could not be opened or read; the message names the file and the problem. */
public class DatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
