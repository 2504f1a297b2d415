package dev.relay.nats.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.InvalidSubjectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests the subject and queue-name rules of {@link Subjects} and the messages that name the broken rule. */
class SubjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "a.b.c.d.e", "foo*", "*foo", "f*o.b>r", ">foo", "foo>", "_INBOX.abc123.1",
        "$JS.API.INFO", "naïve.日本", "a-b_c~d", "1.2.3"})
    void acceptsPublishSubject(String subject) {
        assertThatCode(() -> Subjects.checkPublish(subject, "subject")).doesNotThrowAnyException();
        assertThatCode(() -> Subjects.checkSubscribe(subject, "subject")).doesNotThrowAnyException();
        assertThat(Subjects.hasWildcard(subject)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", ">", "foo.*", "foo.>", "*.bar", "foo.*.bar", "*.*.>", "foo.*.>", "a.b*.*"})
    void acceptsWildcardsOnlyWhenSubscribing(String subject) {
        assertThatCode(() -> Subjects.checkSubscribe(subject, "subject")).doesNotThrowAnyException();
        assertThat(Subjects.hasWildcard(subject)).isTrue();
        assertThatThrownBy(() -> Subjects.checkPublish(subject, "replyTo"))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessageStartingWith("replyTo: ")
            .hasMessageContaining("wildcard");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'.foo'       | empty token at index 0",
        "'foo.'       | empty token at index 4",
        "'foo..bar'   | empty token at index 4",
        "'.'          | empty token at index 0",
        "'foo bar'    | whitespace at index 3",
        "' foo'       | whitespace at index 0",
        "'foo '       | whitespace at index 3",
    })
    void rejectsMalformedSubjectEverywhere(String subject, String rule) {
        assertThatThrownBy(() -> Subjects.checkPublish(subject, "subject"))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessageStartingWith("subject: ")
            .hasMessageContaining(rule);
        assertThatThrownBy(() -> Subjects.checkSubscribe(subject, "filter"))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessageStartingWith("filter: ")
            .hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo\tbar", "foo\rbar", "foo\nbar", "foo\r\nPUB x 1", "a\u000bb", "a\fb"})
    void rejectsControlWhitespaceAndEscapesItInTheMessage(String subject) {
        assertThatThrownBy(() -> Subjects.checkPublish(subject, "subject"))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessageContaining("whitespace at index")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f]"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingSubject(String subject) {
        assertThatThrownBy(() -> Subjects.checkPublish(subject, "subject"))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessage("subject: a subject must not be empty");
        assertThatThrownBy(() -> Subjects.checkSubscribe(subject, "subject"))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessage("subject: a subject must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {">.foo", "a.>.b", "foo.>.>", ">.>"})
    void rejectsFullWildcardBeforeTheLastToken(String subject) {
        assertThatThrownBy(() -> Subjects.checkSubscribe(subject, "subject"))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessageStartingWith("subject: ")
            .hasMessageContaining("'>' must be the last token");
    }

    @Test
    void rejectsWildcardInPublishNamingTheWildcard() {
        assertThatThrownBy(() -> Subjects.checkPublish("orders.*", "subject"))
            .hasMessage("subject: 'orders.*' holds the wildcard '*'; wildcards are only allowed when subscribing");
        assertThatThrownBy(() -> Subjects.checkPublish("orders.>", "subject"))
            .hasMessageContaining("the wildcard '>'");
    }

    @Test
    void shortensVeryLongSubjectsInMessages() {
        String subject = "x".repeat(10_000) + " ";

        assertThatThrownBy(() -> Subjects.checkPublish(subject, "subject"))
            .hasMessageContaining("whitespace at index 10000")
            .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"workers", "q", "q.with.dots", "naïve", "q*", "q>"})
    void acceptsQueueName(String queue) {
        assertThatCode(() -> Subjects.checkQueue(queue)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my queue", "q\t", "\nq", "q\r"})
    void rejectsQueueNameWithWhitespace(String queue) {
        assertThatThrownBy(() -> Subjects.checkQueue(queue))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessageStartingWith("queue: ")
            .hasMessageContaining("whitespace at index")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f]"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingQueueName(String queue) {
        assertThatThrownBy(() -> Subjects.checkQueue(queue))
            .isInstanceOf(InvalidSubjectException.class)
            .hasMessage("queue: a queue group name must not be empty");
    }
}
