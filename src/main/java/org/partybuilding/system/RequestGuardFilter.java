package org.partybuilding.system;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing every request meets, before authentication and before the engine:
 * <ol>
 * <li><b>Size.</b> A body larger than the limit is refused with 413 before it is read; multipart uploads have
 * their own, larger limit, counted while the body streams.</li>
 * <li><b>No expressions from users.</b> On Camunda's APIs ({@code /engine-rest} and the webapps' {@code /camunda/api})
 * any parameter or JSON field whose name ends in {@code Expression}, at any depth (a task query's
 * {@code orQueries}, a saved filter's query...), is refused with 400: the engine would evaluate it with access to
 * the whole application. Only the shipped Tasklist filters carry expressions.</li>
 * <li><b>No cross-site writes.</b> A state-changing request to {@code /api} or {@code /engine-rest} sent by a page
 * of another site ({@code Sec-Fetch-Site}, or an {@code Origin} that is not this server) is refused with 403.</li>
 * <li><b>Content types and parameters.</b> A content type with a wildcard or an unknown charset is refused with 415, a
 * control character in a parameter of {@code /api} with 400: deeper down they would fail as server errors.</li>
 * <li><b>Security headers</b> on the product's own pages and answers (the webapps set their own).</li>
 * </ol>
 */
class RequestGuardFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestGuardFilter.class);
    private static final JsonFactory JSON_FACTORY = new ObjectMapper().getFactory();
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /**
     * Camunda endpoints the product does not offer: a password oracle that also lets anyone lock accounts, and the
     * first-run administrator setup (CVE-2026-77226; the administrator is created from {@code ADMIN_PASSWORD}).
     */
    private static final Set<String> CLOSED = Set.of("/engine-rest/identity/verify");
    private static final String CLOSED_PREFIX = "/camunda/api/admin/setup/";

    /** The directory file of a province is larger than any other upload. */
    static final String DIRECTORY_UPLOAD = "/api/directory";
    /** Evidence files of a rectification item: several photos and scans in one request. */
    static final java.util.regex.Pattern EVIDENCE_UPLOAD = java.util.regex.Pattern.compile("/api/rectifications/\\d+/evidence");

    private final long maxRequestBytes;
    private final long maxUploadBytes;
    private final long maxDirectoryBytes;
    private final long maxEvidenceBytes;
    private final String baseOrigin;

    RequestGuardFilter(long maxRequestBytes, long maxUploadBytes, long maxDirectoryBytes, long maxEvidenceBytes, String baseUrl) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.maxDirectoryBytes = maxDirectoryBytes;
        this.maxEvidenceBytes = maxEvidenceBytes;
        this.baseOrigin = origin(baseUrl);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.of(request);
        boolean camundaApi = path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/");
        boolean productApi = path.startsWith("/api/");
        if (!path.startsWith("/camunda/")) {
            securityHeaders(response);
        }
        if (CLOSED.contains(path) || path.startsWith(CLOSED_PREFIX)) {
            ApiError.send(response, HttpServletResponse.SC_FORBIDDEN, "此接口未开放");
            return;
        }
        if ((camundaApi || productApi) && !SAFE_METHODS.contains(request.getMethod()) && crossSite(request)) {
            log.warn("Refused cross-site {} {} (Origin {}, Sec-Fetch-Site {})", request.getMethod(), path,
                    request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"));
            ApiError.send(response, HttpServletResponse.SC_FORBIDDEN, "拒绝来自其他网站的请求");
            return;
        }
        if ((camundaApi || productApi) && !isConcreteContentType(request.getContentType())) {
            // a wildcard (*/*) or unparsable type: Spring and Jersey fail on it with a 500 deep inside
            ApiError.send(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "不支持的内容类型 " + request.getContentType()
                    + "，请写明具体的类型和有效的字符集，如 application/json; charset=UTF-8");
            return;
        }
        if (productApi && request.getQueryString() != null && !isMultipart(request) && !isForm(request)) {
            // NUL and other control characters are in no id, code or name, and PostgreSQL refuses NUL in any text
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                for (String value : parameter.getValue()) {
                    if (Texts.hasControlCharacters(value, false)) {
                        String message = "参数 " + parameter.getKey() + " 不能含有控制字符或换行";
                        ApiError.send(response, HttpServletResponse.SC_BAD_REQUEST, message,
                                java.util.List.of(new ApiError.Detail(parameter.getKey(), null, message)));
                        return;
                    }
                }
            }
        }
        boolean multipart = isMultipart(request);
        long limit = !multipart ? maxRequestBytes : path.equals(DIRECTORY_UPLOAD) ? maxDirectoryBytes
                : EVIDENCE_UPLOAD.matcher(path).matches() ? maxEvidenceBytes : maxUploadBytes;
        if (request.getContentLengthLong() > limit) {
            ApiError.send(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
            return;
        }
        if (camundaApi) {
            String parameter = expressionParameter(request, multipart);
            if (parameter != null) {
                refuseExpression(response, path, parameter);
                return;
            }
        }
        HttpServletRequest guarded;
        if (multipart || isForm(request) || !mayHaveBody(request)) {
            guarded = multipart ? new LimitedRequest(request, limit) : request;
        } else {
            byte[] body = readAtMost(request.getInputStream(), limit);
            if (body == null) {
                ApiError.send(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit));
                return;
            }
            if (camundaApi && body.length > 0) {
                String field;
                try {
                    field = expressionField(body);
                } catch (JsonParseException e) {
                    field = null;
                    if (isJson(request)) {
                        ApiError.send(response, HttpServletResponse.SC_BAD_REQUEST, "请求内容不是有效的 JSON");
                        return;
                    }
                }
                if (field != null) {
                    refuseExpression(response, path, field);
                    return;
                }
            }
            guarded = new BufferedRequest(request, body);
        }
        chain.doFilter(guarded, response);
    }

    private static void refuseExpression(HttpServletResponse response, String path, String name) throws IOException {
        log.warn("Refused a request to {} carrying an expression in '{}'", path, name);
        ApiError.send(response, HttpServletResponse.SC_BAD_REQUEST, "不允许在查询中使用表达式（" + name + "）");
    }

    private static String tooLarge(long limit) {
        return "请求内容过大，上限为 " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit / 1024 + " KB");
    }

    /** A parameter of the query string (or of a form body) named like an expression. */
    private static String expressionParameter(HttpServletRequest request, boolean multipart) {
        if (request.getQueryString() == null && !isForm(request)) {
            return null;
        }
        Map<String, String[]> parameters = multipart ? Collections.emptyMap() : request.getParameterMap();
        for (String name : parameters.keySet()) {
            if (isExpressionName(name)) {
                return name;
            }
        }
        if (multipart && request.getQueryString() != null && request.getQueryString().toLowerCase(Locale.ROOT).contains("expression")) {
            return "query";
        }
        return null;
    }

    /** The first field, at any depth, named like an expression; null if there is none. Every field is seen, duplicates too. */
    static String expressionField(byte[] body) throws IOException {
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && isExpressionName(parser.currentName())) {
                    return parser.currentName();
                }
            }
        }
        return null;
    }

    static boolean isExpressionName(String name) {
        return name != null && name.strip().toLowerCase(Locale.ROOT).endsWith("expression");
    }

    private boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String normalized = origin(origin);
        String host = request.getHeader("Host");
        return normalized == null || !(normalized.equals(baseOrigin) || (host != null && normalized.endsWith("://" + host.toLowerCase(Locale.ROOT))));
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'");
    }

    /** No content type (no body), or one naming a type and a subtype. */
    static boolean isConcreteContentType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false; // not a media type, or a charset this Java does not have
        }
    }

    private static boolean isMultipart(HttpServletRequest request) {
        return request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static boolean isForm(HttpServletRequest request) {
        return request.getContentType() != null
                && request.getContentType().toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static boolean isJson(HttpServletRequest request) {
        return request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).contains("json");
    }

    private static boolean mayHaveBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The whole body, or null if it is longer than the limit. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }


    /** The request with its body already read (and checked), readable again by whoever comes next. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new StreamOf(new ByteArrayInputStream(body));
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** A multipart request whose body stream fails once it passes the limit (chunked uploads have no length). */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new StreamOf(new InputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    count(b == -1 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new IOException(tooLarge(limit));
                    }
                }
            });
        }
    }

    private static final class StreamOf extends ServletInputStream {

        private final InputStream in;
        private boolean finished;

        StreamOf(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b == -1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            finished = n == -1;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("Synchronous reads only");
        }
    }
}
