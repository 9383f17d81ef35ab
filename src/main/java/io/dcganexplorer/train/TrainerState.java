package io.dcganexplorer.train;

/** Life cycle of a {@link GanTrainer}. */
public enum TrainerState {
    /** Created, not started. */
    NEW,
    /** Opening the dataset and building or loading the networks. */
    STARTING,
    RUNNING,
    /** Waiting between steps until resumed or stopped. */
    PAUSED,
    /** Stopped on request or because the step budget was reached; a checkpoint was written. */
    FINISHED,
    /** Stopped by an error (bad data, NaN loss, unreadable checkpoint); see the message. */
    FAILED;

    public boolean isTerminal() {
        return this == FINISHED || this == FAILED;
    }
}
