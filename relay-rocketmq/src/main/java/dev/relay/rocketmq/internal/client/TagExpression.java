package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.InvalidMessageException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Parses a tag subscription ({@code *} or {@code a || b}); pure, stateless. */
final class TagExpression {
    private TagExpression() {
    }

    /**
     * @param expression {@code *}, {@code null}, or tags joined by {@code ||}
     * @return the tags, empty for "all"
     * @throws InvalidMessageException for an expression with an empty tag
     */
    static Set<String> parse(String expression) {
        Set<String> tags = new LinkedHashSet<>();
        if (expression == null || expression.isBlank() || expression.trim().equals("*")) {
            return tags;
        }
        for (String part : expression.split("\\|\\|")) {
            String tag = part.trim();
            if (tag.isEmpty()) {
                throw new InvalidMessageException("tag expression '" + expression + "' has an empty tag");
            }
            tags.add(tag);
        }
        return tags;
    }
}
