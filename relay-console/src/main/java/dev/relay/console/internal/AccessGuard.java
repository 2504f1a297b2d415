package dev.relay.console.internal;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Checks that API calls carry the console's access token ({@code Authorization: Bearer T}, or
 * {@code ?token=T} for WebSockets, which browsers cannot give headers) and that WebSocket upgrades come
 * from the console's own page (Origin). Immutable; thread-safe.
 */
final class AccessGuard {

    private final byte[] token;

    AccessGuard(String token) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A fresh random token: 128 bits, URL-safe.
     *
     * @return the token
     */
    static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Checks the token of a call.
     *
     * @param request the request
     * @param query its decoded query
     * @throws ApiException 401 {@code unauthorized} when absent or wrong
     */
    void checkToken(FullHttpRequest request, QueryStringDecoder query) {
        String given = null;
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).strip();
        } else {
            List<String> param = query.parameters().get("token");
            if (param != null && !param.isEmpty()) {
                given = param.get(0);
            }
        }
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "token",
                    given == null ? "token: missing; send 'Authorization: Bearer TOKEN' (the console prints it at start)"
                            : "token: wrong access token");
        }
    }

    /**
     * Checks that a WebSocket upgrade from a browser comes from a page the console served: its Origin
     * must be {@code http://} plus the Host it asked for. Clients that send no Origin (curl, programs)
     * pass; they had to know the token anyway.
     *
     * @param request the upgrade request
     * @throws ApiException 403 {@code forbidden_origin}
     */
    void checkOrigin(FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return;
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !origin.equalsIgnoreCase("http://" + host)) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden_origin", "origin",
                    "origin: WebSockets are only accepted from the console's own page, not from " + origin);
        }
    }
}
