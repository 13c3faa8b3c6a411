package org.partybuilding.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is routed by, for filters that decide by path. The raw request URI is not it: Tomcat routes
 * {@code /engine-rest;x=1/identity/verify} and {@code /engine-rest/identity/verify;x=1} to the same place as the
 * plain path, and a check on the raw URI would let both pass.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** Servlet path and path info as the container decoded and normalized them (no path parameters, no dot segments). */
    public static String of(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? request.getServletPath() : request.getServletPath() + info;
    }
}
