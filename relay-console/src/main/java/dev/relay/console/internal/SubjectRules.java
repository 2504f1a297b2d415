package dev.relay.console.internal;

/**
 * Checks subjects and queue names from API calls before they reach the connection, so a bad one gets
 * a 400 naming the field. Rules as in nats-server: not empty, no whitespace, no empty token, and
 * wildcards ({@code *} a whole token, {@code >} the last token) only where subscribing. Stateless.
 */
final class SubjectRules {

    private SubjectRules() {
    }

    /**
     * Checks a subject.
     *
     * @param field the request field it came from
     * @param subject the subject
     * @param wildcards whether {@code *} and {@code >} are allowed (subscribe) or not (publish, request)
     * @throws ApiException 400 {@code invalid_subject} naming the rule broken
     */
    static void check(String field, String subject, boolean wildcards) {
        if (subject.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty()) {
                throw invalid(field, "'" + subject + "' has an empty token (leading, trailing or double dot)");
            }
            for (int c = 0; c < token.length(); c++) {
                if (Character.isWhitespace(token.charAt(c)) || Character.isISOControl(token.charAt(c))) {
                    throw invalid(field, "'" + subject + "' contains whitespace or a control character");
                }
            }
            boolean wildcard = token.equals("*") || token.equals(">");
            if (!wildcard && (token.contains("*") || token.contains(">"))) {
                throw invalid(field, "'" + subject + "': a wildcard must be a whole token");
            }
            if (wildcard && !wildcards) {
                throw invalid(field, "'" + subject + "': wildcards are only allowed when subscribing");
            }
            if (token.equals(">") && i != tokens.length - 1) {
                throw invalid(field, "'" + subject + "': '>' must be the last token");
            }
        }
    }

    /**
     * Checks a queue group name.
     *
     * @param field the request field it came from
     * @param queue the name
     * @throws ApiException 400 {@code invalid_queue}
     */
    static void checkQueue(String field, String queue) {
        if (queue.isEmpty() || queue.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw ApiException.badRequest("invalid_queue", field,
                    field + ": a queue group name must be non-empty without whitespace, got '" + queue + "'");
        }
    }

    private static ApiException invalid(String field, String rule) {
        return ApiException.badRequest("invalid_subject", field, field + ": " + rule);
    }
}
