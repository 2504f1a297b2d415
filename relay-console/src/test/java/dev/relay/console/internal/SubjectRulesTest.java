package dev.relay.console.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Subject and queue checks of API input, without a server. */
class SubjectRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "foo.bar.baz", "_INBOX.x", "a-b.c_d", "ünï.cödé"})
    void plainSubjectsAreFineEverywhere(String subject) {
        assertThatCode(() -> SubjectRules.check("subject", subject, false)).doesNotThrowAnyException();
        assertThatCode(() -> SubjectRules.check("subject", subject, true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", ">", "foo.*", "foo.>", "*.bar.>", "foo.*.baz"})
    void wildcardsAreFineOnlyWhenSubscribing(String subject) {
        assertThatCode(() -> SubjectRules.check("subject", subject, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SubjectRules.check("subject", subject, false))
                .isInstanceOf(ApiException.class).hasMessageContaining("only allowed when subscribing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".foo", "foo.", "foo..bar", "foo bar", "foo\tbar", "foo.>.bar", "foo.b*", "foo.>x", "a\u0000b"})
    void brokenSubjectsAreRefusedNamingTheField(String subject) {
        assertThatThrownBy(() -> SubjectRules.check("reply", subject, true))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("reply");
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("invalid_subject");
                    org.assertj.core.api.Assertions.assertThat(e.status().code()).isEqualTo(400);
                })
                .hasMessageStartingWith("reply: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "q\n"})
    void brokenQueueNamesAreRefused(String queue) {
        assertThatThrownBy(() -> SubjectRules.checkQueue("queue", queue))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("invalid_queue"));
    }
}
