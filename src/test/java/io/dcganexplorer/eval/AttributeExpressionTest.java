package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dcganexplorer.data.AttributeTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeExpressionTest {
    private static final AttributeTable TABLE =
            new AttributeTable(List.of("Smiling", "Male", "Eyeglasses"), new byte[0]);

    private static List<AttributeExpression> groups(String a, String b, String c) {
        return List.of(AttributeExpression.parse(a, TABLE), AttributeExpression.parse(b, TABLE),
                AttributeExpression.parse(c, TABLE));
    }

    @Test
    void theArithmeticTargetKeepsWhatATakesFromBAndAddsC() {
        // the paper's smiling woman - neutral woman + neutral man
        assertEquals("Smiling&Male", AttributeExpression.arithmeticTarget(
                groups("smiling&!male", "!smiling&!male", "!smiling&male"), TABLE).text());
        // glasses man - man + woman: glasses woman; Smiling is not named in all three, so it is left out
        assertEquals("Eyeglasses&!Male", AttributeExpression.arithmeticTarget(
                groups("eyeglasses&male&smiling", "!eyeglasses&male", "!eyeglasses&!male"), TABLE).text());
    }

    @Test
    void noAttributeInAllThreeGroupsHasNoTarget() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AttributeExpression.arithmeticTarget(groups("smiling", "male", "eyeglasses"), TABLE));
        assertEquals("cannot derive a target: no attribute is named in all three groups", e.getMessage());
    }
}
