package io.dcganexplorer.eval;

import io.dcganexplorer.data.AttributeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A conjunction of attribute literals such as {@code smiling&!male}: names match the dataset's
 * attribute names case-insensitively, {@code !} negates.
 *
 * @param text the expression as written
 * @param names attribute names as the table spells them
 * @param wanted for each name, whether it must be present
 */
public record AttributeExpression(String text, List<String> names, List<Boolean> wanted) {

    public static AttributeExpression parse(String text, AttributeTable table) {
        List<String> names = new ArrayList<>();
        List<Boolean> wanted = new ArrayList<>();
        for (String part : text.split("&")) {
            String p = part.trim();
            boolean neg = p.startsWith("!");
            String name = (neg ? p.substring(1) : p).trim();
            String match = table.names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown attribute '" + name + "' in '" + text
                            + "'; this data has " + table.names()));
            names.add(match);
            wanted.add(!neg);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("empty attribute expression");
        }
        return new AttributeExpression(text, List.copyOf(names), List.copyOf(wanted));
    }

    /**
     * The target of A - B + C for three group expressions: each attribute named in all three,
     * present if a - b + c >= 1 (smiling woman - neutral woman + neutral man: smiling man).
     *
     * @throws IllegalArgumentException when no attribute is named in all three
     */
    public static AttributeExpression arithmeticTarget(List<AttributeExpression> e, AttributeTable table) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < e.get(0).names().size(); i++) {
            String n = e.get(0).names().get(i);
            int v = 0;
            boolean everywhere = true;
            for (int k = 0; k < 3; k++) {
                int idx = e.get(k).names().indexOf(n);
                if (idx < 0) {
                    everywhere = false;
                    break;
                }
                int lit = e.get(k).wanted().get(idx) ? 1 : 0;
                v += k == 1 ? -lit : lit;
            }
            if (everywhere) {
                parts.add((v >= 1 ? "" : "!") + n);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("cannot derive a target: no attribute is named in all three groups");
        }
        return parse(String.join("&", parts), table);
    }

    /** Log-probability that an image satisfies every literal, treating attributes as independent. */
    public double logScore(java.util.Map<String, Double> probabilities) {
        double s = 0;
        for (int i = 0; i < names.size(); i++) {
            double p = probabilities.get(names.get(i));
            s += Math.log(Math.max(1e-9, wanted.get(i) ? p : 1 - p));
        }
        return s;
    }

    /** True when every literal holds at threshold 0.5. */
    public boolean holds(java.util.Map<String, Double> probabilities) {
        for (int i = 0; i < names.size(); i++) {
            if ((probabilities.get(names.get(i)) >= 0.5) != wanted.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text.toLowerCase(Locale.ROOT);
    }
}
