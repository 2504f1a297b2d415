package dev.relay.rocketmq.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.rocketmq.InvalidMessageException;
import org.junit.jupiter.api.Test;

class TagExpressionTest {
    @Test
    void parsesAllAndAlternatives() {
        assertThat(TagExpression.parse("*")).isEmpty();
        assertThat(TagExpression.parse(null)).isEmpty();
        assertThat(TagExpression.parse(" a || b||c ")).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> TagExpression.parse("a || ")).isInstanceOf(InvalidMessageException.class);
    }
}
