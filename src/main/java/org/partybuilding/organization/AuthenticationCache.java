package org.partybuilding.organization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Successful HTTP Basic authentications, remembered for a few seconds ({@code AUTH_CACHE_TTL}, default 10 s): a
 * client that sends the same credentials with every request (Tasklist-like clients, integrations) is checked once,
 * not four database reads per request. Only successes are kept, under a hash of the credentials, never the password;
 * a changed password, a new lock or a removed membership applies once the entry expires (a directory import on this
 * node clears it at once). 0 turns it off.
 */
@Component
class AuthenticationCache {

    private static final int MAX_ENTRIES = 20_000;

    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    AuthenticationCache(@Value("${app.security.authentication-cache}") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** Forgets every remembered login: after a directory import, whose groups and tenants may differ. */
    void clear() {
        entries.clear();
    }

    /** The remembered authentication of these credentials, or null. */
    Entry find(String userId, String password) {
        if (ttlNanos <= 0) {
            return null;
        }
        Entry entry = entries.get(key(userId, password));
        if (entry == null || System.nanoTime() - entry.createdNanos() > ttlNanos) {
            return null;
        }
        return entry;
    }

    void remember(String userId, String password, List<String> groups, List<String> tenants) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.createdNanos() > ttlNanos);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key(userId, password), new Entry(userId, List.copyOf(groups), List.copyOf(tenants), System.nanoTime()));
    }

    private static String key(String userId, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(userId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Entry(String userId, List<String> groups, List<String> tenants, long createdNanos) {
    }
}
