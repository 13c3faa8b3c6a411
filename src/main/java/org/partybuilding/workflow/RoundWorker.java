package org.partybuilding.workflow;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Organization;
import org.partybuilding.system.AsSystem;
import org.partybuilding.workflow.RoundRepository.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the waiting members of every round on {@code ROUND_THREADS} threads, {@code ROUND_BATCH_SIZE} instances per
 * transaction (one engine command: the definition and the flush are shared), with {@code ROUND_BATCH_PAUSE} between batches so that a city's round
 * leaves the engine time for users' work. Members are locked with {@code for update skip locked}, so several nodes
 * share the work and none starts an instance twice; a member and its instance commit together, so a crash loses
 * nothing and the next poll (or the restarted node) carries on. A member whose instance cannot be started is marked
 * FAILED with the reason, and the rest of its batch is started without it.
 */
@Component
class RoundWorker {

    private static final Logger log = LoggerFactory.getLogger(RoundWorker.class);

    private final RoundRepository repository;
    private final DirectoryService directory;
    private final ObjectProvider<RoundProcess> processBeans;
    private final IdentityService identityService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final CommandExecutor engine;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Duration pause;
    private final int threads;
    private final ExecutorService pool;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private volatile Map<String, RoundProcess> processes;

    RoundWorker(RoundRepository repository, DirectoryService directory, ObjectProvider<RoundProcess> processBeans,
            ProcessEngine processEngine, PlatformTransactionManager transactionManager,
            @Value("${app.rounds.batch-size}") int batchSize, @Value("${app.rounds.batch-pause}") Duration pause,
            @Value("${app.rounds.threads}") int threads) {
        this.repository = repository;
        this.directory = directory;
        this.processBeans = processBeans;
        this.identityService = processEngine.getIdentityService();
        this.runtimeService = processEngine.getRuntimeService();
        this.repositoryService = processEngine.getRepositoryService();
        this.engine = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchSize = batchSize;
        this.pause = pause;
        this.threads = Math.max(1, threads);
        AtomicInteger names = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.threads, task -> {
            Thread t = new Thread(task, "round-worker-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The round process of this key, or null. */
    RoundProcess process(String processId) {
        if (processes == null) {
            processes = processBeans.orderedStream().collect(Collectors.toMap(RoundProcess::processId, Function.identity()));
        }
        return processes.get(processId);
    }

    /** Work has been recorded: start it soon, on up to {@code ROUND_THREADS} worker threads. */
    void wake() {
        while (!stopping) {
            int now = running.get();
            if (now >= threads) {
                return;
            }
            if (running.compareAndSet(now, now + 1)) {
                try {
                    pool.execute(() -> {
                        try {
                            drain();
                        } finally {
                            running.decrementAndGet();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    running.decrementAndGet();
                    return;
                }
            }
        }
    }

    /** Rounds recorded by another node, or left by a stopped one. */
    @Scheduled(fixedDelayString = "${app.rounds.poll-interval}", initialDelayString = "${app.rounds.poll-interval}")
    void poll() {
        wake();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        pool.shutdownNow();
    }

    private void drain() {
        try {
            while (!stopping && batch()) {
                if (!pause.isZero()) {
                    Thread.sleep(pause.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                log.error("Starting round members failed; the next poll retries", e);
            }
        }
    }

    /** One batch: true when there was work. */
    boolean batch() {
        List<Member> failedTogether = new ArrayList<>();
        Boolean worked;
        try {
            worked = transaction.execute(status -> {
                List<Member> members = repository.lockPending(batchSize);
                if (members.isEmpty()) {
                    // two workers that start a round's last members at the same time each see the other's still pending
                    // when they check: the one that looks after both have committed (here, or the next poll) finishes it
                    repository.finishRoundsWithNothingPending();
                    return false;
                }
                failedTogether.addAll(members);
                startAll(members);
                repository.finishRoundsWithNothingPending();
                failedTogether.clear();
                return true;
            });
        } catch (RuntimeException e) {
            if (stopping) {
                throw e;
            }
            log.warn("A batch of {} round members failed together ({}); starting them one by one", failedTogether.size(), e.toString());
            for (Member member : failedTogether) {
                startAlone(member);
            }
            transaction.executeWithoutResult(status -> repository.finishRoundsWithNothingPending());
            return true;
        }
        return Boolean.TRUE.equals(worked);
    }

    /** One member in a transaction of its own; what stops it is recorded as its failure. */
    private void startAlone(Member member) {
        try {
            transaction.executeWithoutResult(status -> {
                if (repository.lockIfPending(member)) {
                    startAll(List.of(member));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Round {} could not start the instance of {}: {}", member.roundId(), member.organizationId(), e.toString());
            transaction.executeWithoutResult(status -> repository.failed(member, reason(e)));
        }
    }

    /** Starts the members' instances in one engine command, in the caller's transaction. */
    private void startAll(List<Member> members) {
        Map<Long, List<Member>> byRound = members.stream().collect(Collectors.groupingBy(Member::roundId, LinkedHashMap::new, Collectors.toList()));
        Map<String, Organization> organizations = directory.organizations(members.stream().map(Member::organizationId).toList());
        AsSystem.call(identityService, () -> engine.execute(context -> {
            for (Map.Entry<Long, List<Member>> entry : byRound.entrySet()) {
                Round round = repository.roundOf(entry.getKey());
                RoundProcess process = process(round.processId());
                if (process == null) {
                    throw new IllegalStateException("No RoundProcess for " + round.processId());
                }
                String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(round.processId())
                        .latestVersion().withoutTenantId().singleResult().getId();
                Set<String> existing = new HashSet<>(repository.existingBusinessKeys(round.processId(),
                        entry.getValue().stream().map(Member::businessKey).toList()));
                for (Member member : entry.getValue()) {
                    Organization organization = organizations.get(member.organizationId());
                    if (existing.contains(member.businessKey())) {
                        repository.failed(member, "该组织本轮的流程已存在（业务键 " + member.businessKey() + "），未重复发起");
                    } else if (organization == null) {
                        repository.failed(member, "组织 " + member.organizationId() + " 已不在组织目录中（可能已撤销）");
                    } else if (organization.secretaryUserId() == null) {
                        repository.failed(member, organization.name() + " 没有书记账号");
                    } else {
                        Map<String, Object> variables = new HashMap<>(process.variables(round, organization));
                        variables.put(DirectoryService.ORGANIZATION_ID_VARIABLE, organization.id());
                        variables.put(DirectoryService.SECRETARY_USER_ID_VARIABLE, organization.secretaryUserId());
                        variables.put(TaskDescriptionListener.TITLE, process.title(round, organization));
                        String instanceId = runtimeService.startProcessInstanceById(definitionId, member.businessKey(), variables).getId();
                        process.started(round, organization, instanceId);
                        repository.started(member, instanceId);
                    }
                }
            }
            return null;
        }));
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
