package dev.relay.nats.jetstream;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stream that another stream mirrors or sources from, with where to start and an optional filter.
 * Immutable; made with {@link #builder(String)}.
 *
 * @param name the origin stream's name
 * @param startSequence first sequence to copy, 0 for the beginning
 * @param startTime first time to copy from, if set
 * @param filterSubject copy only messages on this subject, "" for all
 * @param external the origin's API prefix and deliver prefix when it is in another account or domain
 * @param subjectTransforms subject mappings while copying (server 2.10 and later)
 */
public record StreamSource(String name, long startSequence, Optional<Instant> startTime, String filterSubject,
                           Optional<External> external, List<SubjectTransform> subjectTransforms) {

    /**
     * Where to reach an origin stream in another account or JetStream domain.
     *
     * @param api the API prefix, e.g. {@code $JS.hub.API}
     * @param deliver the deliver prefix, or ""
     */
    public record External(String api, String deliver) {
        /** Checks the parts. */
        public External {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(deliver, "deliver");
        }
    }

    /** Checks the parts. */
    public StreamSource {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("name: a mirror or source needs the origin stream's name");
        }
        if (startSequence < 0) {
            throw new IllegalArgumentException("startSequence: must be 0 or more, got " + startSequence);
        }
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(filterSubject, "filterSubject");
        Objects.requireNonNull(external, "external");
        subjectTransforms = List.copyOf(subjectTransforms);
    }

    /**
     * Starts a source or mirror of the named stream.
     *
     * @param name the origin stream
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link StreamSource}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private long startSequence;
        private Instant startTime;
        private String filterSubject = "";
        private External external;
        private List<SubjectTransform> transforms = List.of();

        private Builder(String name) {
            this.name = name;
        }

        /**

         * Sets first sequence to copy.

         *

         * @param seq first sequence to copy

         * @return this builder

         */
        public Builder startSequence(long seq) {
            this.startSequence = seq;
            return this;
        }

        /**

         * Sets first time to copy from.

         *

         * @param time first time to copy from

         * @return this builder

         */
        public Builder startTime(Instant time) {
            this.startTime = Objects.requireNonNull(time, "time");
            return this;
        }

        /**

         * Sets copy only this subject.

         *

         * @param subject copy only this subject

         * @return this builder

         */
        public Builder filterSubject(String subject) {
            this.filterSubject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /**

         * Sets API prefix of the origin.

         *

         * @param api API prefix of the origin

         * @param deliver deliver prefix or ""

         * @return this builder

         */
        public Builder external(String api, String deliver) {
            this.external = new External(api, deliver);
            return this;
        }

        /**

         * Sets subject mappings while copying (server 2.10+).

         *

         * @param t subject mappings while copying (server 2.10+)

         * @return this builder

         */
        public Builder subjectTransforms(SubjectTransform... t) {
            this.transforms = List.of(t);
            return this;
        }

        /**
         * Builds the source.
         *
         * @return the source
         */
        public StreamSource build() {
            return new StreamSource(name, startSequence, Optional.ofNullable(startTime), filterSubject,
                Optional.ofNullable(external), transforms);
        }
    }
}
