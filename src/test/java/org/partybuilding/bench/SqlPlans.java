package org.partybuilding.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL that Camunda runs for one REST request, with its parameters, and PostgreSQL's plans of it. The statements
 * come from MyBatis' debug log of the engine's mappers ({@code ==> Preparing:} / {@code ==> Parameters:}), switched
 * on only around that one request and captured in memory; the plans from {@code EXPLAIN (ANALYZE, BUFFERS)} on the
 * same database, so they show what the request really cost: authentication, the authorization checks and the query.
 */
final class SqlPlans {

    /** MyBatis names its loggers after the mapper namespace and statement: every entity mapper of the engine. */
    static final String ENGINE_MAPPERS = "org.camunda.bpm.engine.impl.persistence.entity";

    /** One statement a request ran: the mapper statement's id and its SQL with the parameters inlined. */
    record Statement(String id, String sql) {
    }
    private static final String WEB_THREADS = "http-nio";
    private static final Set<String> QUOTED_TYPES = Set.of("String", "Timestamp", "Date", "LocalDate", "LocalDateTime");

    private final JdbcTemplate jdbc;

    SqlPlans(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The engine's statements that {@code request} makes, in order, parameters inlined. Only statements of the web
     * server's threads count: the job executor and the outbox run their own statements meanwhile.
     */
    List<Statement> capture(Runnable request) {
        Logger logger = (Logger) LoggerFactory.getLogger(ENGINE_MAPPERS);
        Level level = logger.getLevel();
        boolean additive = logger.isAdditive();
        // Logback fills in an event's thread name when first asked: ask on the logging thread, not later on ours.
        ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.prepareForDeferredProcessing();
                super.append(event);
            }
        };
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
        try {
            request.run();
        } finally {
            logger.setLevel(level);
            logger.setAdditive(additive);
            logger.detachAppender(appender);
            appender.stop();
        }
        return statements(appender.list.stream().filter(e -> e.getThreadName().startsWith(WEB_THREADS)).toList());
    }

    /** {@code EXPLAIN (ANALYZE, BUFFERS)} of a statement, one line per plan row; the error instead if it cannot. */
    List<String> explain(String sql) {
        try {
            return jdbc.queryForList("explain (analyze, buffers) " + sql, String.class);
        } catch (DataAccessException e) {
            return List.of("(no plan: " + e.getMostSpecificCause().getMessage() + ")");
        }
    }

    private static List<Statement> statements(List<ILoggingEvent> events) {
        Map<String, String> preparedByThread = new HashMap<>();
        List<Statement> statements = new ArrayList<>();
        for (ILoggingEvent event : events) {
            String message = event.getFormattedMessage();
            int preparing = message.indexOf("Preparing:");
            int parameters = message.indexOf("Parameters:");
            if (preparing >= 0) {
                preparedByThread.put(event.getThreadName(), message.substring(preparing + "Preparing:".length()).strip());
            } else if (parameters >= 0 && preparedByThread.containsKey(event.getThreadName())) {
                String id = event.getLoggerName().substring(ENGINE_MAPPERS.length() + 1);
                statements.add(new Statement(id, inline(preparedByThread.remove(event.getThreadName()),
                        message.substring(parameters + "Parameters:".length()).strip())));
            }
        }
        return statements;
    }

    /** Puts MyBatis' logged parameters ({@code value(Type), ...}) in place of the statement's placeholders. */
    static String inline(String sql, String parameters) {
        List<String> values = new ArrayList<>();
        if (!parameters.isEmpty()) {
            for (String parameter : parameters.split(", ")) {
                if (parameter.equals("null")) {
                    values.add("null");
                    continue;
                }
                int open = parameter.lastIndexOf('(');
                String value = parameter.substring(0, open);
                String type = parameter.substring(open + 1, parameter.length() - 1);
                values.add(QUOTED_TYPES.contains(type) ? "'" + value.replace("'", "''") + "'" : value);
            }
        }
        StringBuilder inlined = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?' && next < values.size()) {
                inlined.append(values.get(next++));
            } else {
                inlined.append(c);
            }
        }
        return inlined.toString();
    }
}
