package org.partybuilding.system;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Start-up work that must happen once however many nodes start on one database at the same time (the
 * administrator, the directory import with its identities and filters, the demo data): each runs in a transaction
 * holding one PostgreSQL advisory lock, so a second node waits and then finds the work done.
 */
@Component
public class StartupLock {

    /** Any number the product owns; PostgreSQL advisory locks are per database. */
    static final long KEY = 1_248_000_001L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    StartupLock(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    public <T> T call(Supplier<T> work) {
        return transaction.execute(status -> {
            holdUntilCommit();
            return work.get();
        });
    }

    /** Takes the lock for the caller's transaction (waiting while another node holds it). */
    public void holdUntilCommit() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(KEY).query().singleRow();
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
