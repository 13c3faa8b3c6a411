package org.partybuilding.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is down (restarting, unreachable), a request gets a 503 with a Chinese message and
 * {@code Retry-After} after at most the pool's connection timeout ({@code DB_CONNECTION_TIMEOUT}), never a hang or a
 * 500; once it is back the pool connects again by itself. Nothing is half-written: every change is one transaction,
 * which the database either committed before it went down or never saw.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseOutage {

    static final String MESSAGE = "数据库暂时不可用（可能正在重启），请稍后重试；已提交的数据不会丢失";
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    /** True when this exception, or one of its causes, says the database cannot be reached or went away. */
    public static boolean causedBy(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof java.net.SocketException
                    || cause instanceof org.springframework.jdbc.CannotGetJdbcConnectionException) {
                return true;
            }
            if (cause instanceof org.springframework.transaction.TransactionSystemException rollback
                    && rollback.getApplicationException() != null && causedBy(rollback.getApplicationException())) {
                return true; // the rollback failed too, on a connection that the outage had closed
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())) {
                return true; // the pool's answer for a connection it found broken
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                // 08: connection exception; 57P01-03: the server is shutting down, crashed or starting up
                return true;
            }
        }
        return false;
    }

    static ResponseEntity<ApiError> answer() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .body(new ApiError(HttpStatus.SERVICE_UNAVAILABLE.value(), MESSAGE, List.of()));
    }

    /** Early in the chain: outages met by filters (logins check the database) and by the webapps' own resources. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException | RuntimeException e) {
                    if (!causedBy(e) || response.isCommitted()) {
                        throw e;
                    }
                    log.warn("Database unavailable, answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
                    response.reset();
                    response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                    ApiError.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, MESSAGE);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
