package io.dcganexplorer.ui;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable setting: the text the user typed and, derived from it, the reason it is refused
 * (empty when valid). The parser throws {@link IllegalArgumentException} with a reason a user can
 * act on, e.g. "must be a power of two from 16 to 128". No Node: the view binds a TextField to it.
 *
 * @param <T> the parsed value
 */
public final class ValidatedField<T> {
    private final String label;
    private final String help;
    private final Function<String, T> parser;

    // Properties
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding valid = Bindings.createBooleanBinding(() -> error.get().isEmpty(), error);

    public ValidatedField(String label, String help, String initial, Function<String, T> parser) {
        this.label = Objects.requireNonNull(label);
        this.help = Objects.requireNonNull(help);
        this.parser = Objects.requireNonNull(parser);
        text.addListener((obs, o, n) -> error.set(check(n)));
        text.set(initial);
        error.set(check(initial));
    }

    public String label() {
        return label;
    }

    /** What the field means and which values it takes, for its tooltip. */
    public String help() {
        return help;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public boolean isValid() {
        return error.get().isEmpty();
    }

    public String getText() {
        return text.get();
    }

    public void setText(String s) {
        text.set(s);
    }

    /** The parsed value; throws the field's reason if it is invalid. */
    public T value() {
        return parser.apply(text.get() == null ? "" : text.get().trim());
    }

    private String check(String s) {
        try {
            parser.apply(s == null ? "" : s.trim());
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage() == null ? "invalid value" : e.getMessage();
        }
    }

    // Parsers shared by the settings

    /** A whole number in [min, max]; the reason names the range. */
    public static Function<String, Integer> intIn(int min, int max) {
        return s -> {
            int v = parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
            }
            return v;
        };
    }

    public static Function<String, Long> longIn(long min, long max, String what) {
        return s -> {
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number" + what);
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be a whole number" + what);
            }
            return v;
        };
    }

    /** A number in the open or half-open interval described by {@code reason}. */
    public static Function<String, Double> doubleWhere(java.util.function.DoublePredicate ok, String reason) {
        return s -> {
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(reason);
            }
            if (!Double.isFinite(v) || !ok.test(v)) {
                throw new IllegalArgumentException(reason);
            }
            return v;
        };
    }

    private static int parseInt(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    static int parseIntOrThrow(String s) {
        return parseInt(s);
    }
}
