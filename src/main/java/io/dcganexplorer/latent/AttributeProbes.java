package io.dcganexplorer.latent;

import io.dcganexplorer.data.AttributeTable;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.eval.AttributeClassifier;
import io.dcganexplorer.eval.AttributeExpression;
import io.dcganexplorer.eval.DiscriminatorFeatures;
import io.dcganexplorer.eval.ImageFeatures;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.util.List;

/**
 * The attribute-probe pipeline that {@code arithmetic --auto}, {@code direction --attribute} and
 * the window's auto-fill share: the run's data and its attribute table, attribute expressions
 * parsed against it (a {@link BadExpression} names the expression), the scorer whose features the
 * probes read (the real-pixel CNN, or each checkpoint's discriminator) and the linear probes
 * ({@link AttributeClassifier}) fitted on those features: once for the CNN, whose features do not
 * depend on the checkpoint, and again for every discriminator.
 *
 * <p>In order: {@link #open} (data and table), {@link #parse} (the expressions, before anything
 * costly), {@link #useScorer} (opens the CNN, training it first if need be), then
 * {@link #probes(DiscriminatorFeatures)} as often as needed. {@link #close()} closes the scorer
 * and the data. Not thread-safe: one thread runs it.
 */
public final class AttributeProbes implements AutoCloseable {
    /** Opens the scorer whose features the attribute probes read, training it first if need be. */
    @FunctionalInterface
    public interface ScorerOpener {
        Scorer open() throws IOException;
    }

    /** Real images the probes are fitted on and measured on, and the seed that picks them. */
    public record Fit(int train, int test, long seed) {
        /** {@link AttributeClassifier#DEFAULT_TRAIN} and {@link AttributeClassifier#DEFAULT_TEST} images. */
        public static Fit defaults(long seed) {
            return new Fit(AttributeClassifier.DEFAULT_TRAIN, AttributeClassifier.DEFAULT_TEST, seed);
        }
    }

    /** Hears about a fit; called on the working thread. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /**
         * A fit begins (not when the CNN's probes are reused): {@code features} says on whose, e.g.
         * "the real-pixel CNN's features of the built-in faces ...".
         */
        default void fitting(List<String> names, String features) {}

        /**
         * {@code done} of {@code total} real images featurised ({@code done == total}: the probes are
         * being fitted). May throw a {@link java.util.concurrent.CancellationException} to stop.
         */
        default void reading(int done, int total) {}
    }

    /** An attribute expression that the data's attributes cannot parse. */
    public static class BadExpression extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String expression;

        protected BadExpression(String expression, String message, Throwable cause) {
            super(message, cause);
            this.expression = expression;
        }

        /** The expression as given. */
        public String expression() {
            return expression;
        }
    }

    private final ImageDataset data;
    private final AttributeTable table;
    private Scorer cnn;
    private boolean scorerChosen;
    private List<String> names;
    private Fit fit;
    private Listener listener;
    private AttributeClassifier cnnProbes;

    private AttributeProbes(ImageDataset data, AttributeTable table) {
        this.data = data;
        this.table = table;
    }

    /**
     * Opens the run's data and reads its attribute table.
     *
     * @param use what needs the attributes, for the message when there are none, e.g. "automatic
     *     exemplars need"
     * @throws IOException when the data cannot be read or has no attributes
     */
    public static AttributeProbes open(RunDirectory run, DcganConfig cfg, String use) throws IOException {
        String dataset = run.options().dataset();
        ImageDataset data = DatasetSpec.parse(dataset).open(cfg.imageSize(), cfg.channels(), run.options().seed());
        try {
            AttributeTable table = data.attributes().orElseThrow(() -> new IOException(dataset
                    + " has no attributes: " + use + " data such as the built-in faces or CelebA"));
            return new AttributeProbes(data, table);
        } catch (RuntimeException | IOException e) {
            try {
                data.close();
            } catch (Exception c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /** The run's data. */
    public ImageDataset data() {
        return data;
    }

    /** The data's attributes. */
    public AttributeTable table() {
        return table;
    }

    /**
     * {@code text} parsed against the data's attributes.
     *
     * @throws BadExpression naming {@code text} when it does not parse
     */
    public AttributeExpression parse(String text) {
        try {
            return AttributeExpression.parse(text, table);
        } catch (IllegalArgumentException ex) {
            throw new BadExpression(text, ex.getMessage(), ex);
        }
    }

    /**
     * The target of A - B + C: {@code given} parsed, or when it is null derived from the three
     * (see {@link AttributeExpression#arithmeticTarget}); the message says how to give one.
     */
    public AttributeExpression target(List<AttributeExpression> groups, String given) {
        if (given != null) {
            return parse(given);
        }
        try {
            return AttributeExpression.arithmeticTarget(groups, table);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(ex.getMessage() + "; give the target (--target)", ex);
        }
    }

    /**
     * Chooses whose features the probes on {@code names} read: the scorer {@code cnn} opens (kept
     * and closed with this), or with {@code cnn} null each checkpoint's discriminator. Once.
     */
    public void useScorer(ScorerOpener cnn, List<String> names, Fit fit, Listener listener) throws IOException {
        if (scorerChosen) {
            throw new IllegalStateException("the scorer is chosen already");
        }
        this.names = List.copyOf(names);
        this.fit = fit;
        this.listener = listener;
        this.cnn = cnn != null ? cnn.open() : null;
        scorerChosen = true;
    }

    /** The real-pixel CNN the probes read; null when they read the discriminator's features. */
    public Scorer cnn() {
        return cnn;
    }

    /** Whose features the probes read: "real-pixel CNN" or "discriminator". */
    public String whose() {
        return cnn != null ? "real-pixel CNN" : "discriminator";
    }

    /**
     * The attribute probes for a checkpoint whose discriminator reads {@code features}: with the CNN
     * scorer, fitted on its features once and kept; otherwise fitted on {@code features}.
     */
    public AttributeClassifier probes(DiscriminatorFeatures features) throws IOException {
        if (!scorerChosen) {
            throw new IllegalStateException("choose the scorer first (useScorer)");
        }
        if (cnnProbes != null) {
            return cnnProbes;
        }
        ImageFeatures probed = cnn != null ? cnn.features() : features;
        listener.fitting(names, "the " + whose() + "'s features of " + data.description());
        AttributeClassifier clf = AttributeClassifier.train(probed, data, names, fit.train(), fit.test(), fit.seed(),
                listener::reading);
        if (cnn != null) {
            cnnProbes = clf;
        }
        return clf;
    }

    @Override
    public void close() throws IOException {
        try {
            if (cnn != null) {
                cnn.close();
            }
        } finally {
            try {
                data.close();
            } catch (Exception e) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }
}
