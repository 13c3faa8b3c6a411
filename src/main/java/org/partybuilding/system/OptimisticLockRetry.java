package org.partybuilding.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Two users who finish tasks of one instance at the same moment (reviewers scoring a duty report, inspectors of one
 * round, the two branches of a join) make the engine refuse one of the two commits with an optimistic-locking
 * conflict. The refused command changed nothing (its transaction rolled back), so it is run again, in a fresh
 * transaction, up to {@link #ATTEMPTS} times with a short random pause: the user gets the answer, never a 500.
 *
 * <p>Only a command that is a transaction of its own is repeated: not one inside an outer transaction (the product's
 * services that call the engine inside theirs roll back and report as they do), not a nested command, and not the job
 * executor's, which repeats conflicting jobs itself.
 */
@Component
class OptimisticLockRetry extends AbstractProcessEnginePlugin {

    static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(OptimisticLockRetry.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(0, new Interceptor());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            boolean repeatable = Context.getCommandContext() == null && !(command instanceof ExecuteJobsCmd)
                    && !TransactionSynchronizationManager.isActualTransactionActive();
            for (int attempt = 1; ; attempt++) {
                try {
                    return next.execute(command);
                } catch (OptimisticLockingException e) {
                    if (!repeatable || attempt >= ATTEMPTS) {
                        throw e;
                    }
                    log.debug("{} met a concurrent change (attempt {}), running it again: {}", command.getClass().getSimpleName(),
                            attempt, e.getMessage());
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }
}
