package org.partybuilding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Real HTTP against the running test application, with HTTP Basic credentials of a demo user. */
public final class Http {

    public static final String DEMO_PASSWORD = "demo";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response get(String path, String user) {
        return send(request(path, user, DEMO_PASSWORD).GET());
    }

    public Response get(String path, String user, String password) {
        return send(request(path, user, password).GET());
    }

    public Response getAnonymous(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String user, String json) {
        return send("POST", path, user, json);
    }

    public Response post(String path, String user, String password, String json) {
        return send(withJson(request(path, user, password), "POST", json));
    }

    /** Any method, JSON body (or none when null), demo password, extra headers as name-value pairs. */
    public Response send(String method, String path, String user, String json, String... headers) {
        return sendAs(method, path, user, DEMO_PASSWORD, json, headers);
    }

    /** Any method as a user with their password, JSON body (or none when null), extra headers as name-value pairs. */
    public Response sendAs(String method, String path, String user, String password, String json, String... headers) {
        HttpRequest.Builder request = withJson(request(path, user, password), method, json);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** A POST whose body is sent as given, with the given content type (none when null), demo password. */
    public Response postRaw(String path, String user, String contentType, String body) {
        HttpRequest.Builder request = request(path, user, DEMO_PASSWORD).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A GET whose answer is binary (a document): status, content type and bytes, demo password. */
    public Download download(String path, String user) {
        try {
            HttpResponse<byte[]> response = client.send(request(path, user, DEMO_PASSWORD).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Content-Disposition").orElse(null), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary answer. */
    public record Download(int status, String contentType, String contentDisposition, byte[] body, HttpHeaders headers) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response postAnonymous(String path, String json) {
        return send(withJson(HttpRequest.newBuilder(URI.create(base + path)), "POST", json));
    }

    /** A multipart upload of one file in the part {@code file}. */
    public Response upload(String path, String user, String fileName, byte[] content) {
        return upload(path, user, DEMO_PASSWORD, "file", fileName, content);
    }

    /** A multipart upload of several files (name to content, in order) in parts all named {@code file}, demo password. */
    public Response uploadAll(String path, String user, java.util.Map<String, byte[]> files) {
        String boundary = "----1248" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        files.forEach((fileName, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, user, DEMO_PASSWORD).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A multipart upload of one file in the named part. */
    public Response upload(String path, String user, String password, String part, String fileName, byte[] content) {
        String boundary = "----1248" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path, user, password).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A webapp session (Tasklist, Cockpit) of a user, logged in through the webapps' own login with its CSRF token. */
    public Webapp webapp(String user, String password) {
        return new Webapp(user, password);
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + token);
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder request, String method, String json) {
        if (json == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private Response send(HttpRequest.Builder request) {
        return send(client, request);
    }

    private static Response send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().allValues("WWW-Authenticate"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Status, body and any authentication challenge of an answer. */
    public record Response(int status, String body, List<String> challenges) {

        public Response(int status, String body) {
            this(status, body, List.of());
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** Logged in to the webapps as a browser is: session cookie and CSRF token, requests to {@code /camunda/api}. */
    public final class Webapp {

        private final HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private String csrfToken;
        private final Response login;

        private Webapp(String user, String password) {
            csrfToken = fetchToken("/camunda/app/tasklist/default/", null);
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            login = Http.send(session, HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("X-XSRF-TOKEN", csrfToken).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            // the token changes at login
            csrfToken = fetchToken("/camunda/api/engine/engine/", csrfToken);
        }

        /** The answer to the login itself (200 when logged in). */
        public Response login() {
            return login;
        }

        public Response get(String path) {
            return Http.send(session, HttpRequest.newBuilder(URI.create(base + path)).header("X-XSRF-TOKEN", csrfToken).GET());
        }

        public Response post(String path, String json) {
            return Http.send(session, withJson(HttpRequest.newBuilder(URI.create(base + path)), "POST", json)
                    .header("X-XSRF-TOKEN", csrfToken));
        }

        /** The session's CSRF token (the webapps hand it out on request); the one it had when none is handed out. */
        private String fetchToken(String path, String current) {
            try {
                HttpResponse<String> response = session.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
                return response.headers().firstValue("X-XSRF-TOKEN").or(() -> java.util.Optional.ofNullable(current))
                        .orElseThrow(() -> new IllegalStateException("no CSRF token from " + path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
