package org.partybuilding.workflow;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Component;

/**
 * What every process test needs: timers fired at their due time, users acting with their groups, mails awaited over
 * real SMTP, the calendar's working days, and the check that a test class passed every flow node of its model. A
 * Spring bean of the test context ({@code @Autowired ProcessTestSupport process}).
 */
@Component
public class ProcessTestSupport {

    public static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ManagementService managementService;
    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final WorkingDays workingDays;
    private final Deadlines deadlines;

    ProcessTestSupport(ManagementService managementService, HistoryService historyService, RepositoryService repositoryService,
            IdentityService identityService, WorkingDays workingDays, Deadlines deadlines) {
        this.managementService = managementService;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.workingDays = workingDays;
        this.deadlines = deadlines;
    }

    /** Today in the city, as the processes count days. */
    public LocalDate today() {
        return deadlines.today();
    }

    /** The n-th working day after today (a due date a user may choose). */
    public LocalDate workingDay(int n) {
        return workingDays.plus(today(), n);
    }

    /** "2026年12月1日", as mails and forms write a date. */
    public String text(LocalDate date) {
        return deadlines.text(date);
    }

    /** Fires the instance's timer of this boundary or catch event at its due time; what follows runs in its transaction. */
    public Job fire(String processInstanceId, String timerActivityId) {
        Job timer = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId(timerActivityId).singleResult();
        Assertions.assertThat(timer).as("timer %s of %s", timerActivityId, processInstanceId).isNotNull();
        ClockUtil.setCurrentTime(timer.getDuedate());
        managementService.executeJob(timer.getId());
        return timer;
    }

    /** Runs {@code action} as this user with these groups and tenants (organizations), as the REST API would authenticate them. */
    public <T> T as(String userId, List<String> groups, List<String> tenants, Supplier<T> action) {
        identityService.setAuthentication(userId, groups, tenants);
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    public void as(String userId, List<String> groups, List<String> tenants, Runnable action) {
        as(userId, groups, tenants, () -> {
            action.run();
            return null;
        });
    }

    /**
     * The mails whose subject contains {@code token}, one per Message-ID, once at least {@code count} have arrived
     * (GreenMail keeps one copy per recipient).
     */
    public static List<MimeMessage> awaitMails(GreenMailExtension smtp, String token, int count) {
        List<MimeMessage> found = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            Set<String> seen = new HashSet<>();
            found.clear();
            Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(token) && seen.add(messageId(m)))
                    .forEach(found::add);
            return found.size() >= count;
        });
        return List.copyOf(found);
    }

    /** How many mails (by Message-ID) have a subject containing {@code token}, once that number stopped changing. */
    public int countMails(GreenMailExtension smtp, String token) {
        int[] last = {-1};
        await().atMost(PATIENCE).during(Duration.ofMillis(700)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Set<String> seen = new HashSet<>();
            int now = (int) Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(token) && seen.add(messageId(m))).count();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
        return last[0];
    }

    public static MimeMessage mailStartingWith(Collection<MimeMessage> mails, String prefix) {
        return mails.stream().filter(m -> subject(m).startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail starting with " + prefix + " among " + subjects(mails)));
    }

    public static List<String> subjects(Collection<MimeMessage> mails) {
        return mails.stream().map(ProcessTestSupport::subject).toList();
    }

    public static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails naming every flow node of the process's latest model that none of these instances passed. */
    public void assertEveryFlowNodePassed(String processId, Collection<String> processInstanceIds) {
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(processId)
                .latestVersion().singleResult().getId();
        Set<String> nodes = repositoryService.getBpmnModelInstance(definitionId).getModelElementsByType(FlowNode.class)
                .stream().map(FlowNode::getId).collect(Collectors.toSet());
        Set<String> passed = new HashSet<>();
        for (String instance : processInstanceIds) {
            historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).unlimitedList().stream()
                    .map(HistoricActivityInstance::getActivityId).forEach(passed::add);
        }
        Set<String> missed = new HashSet<>(nodes);
        missed.removeAll(passed);
        Assertions.assertThat(missed).as("flow nodes of %s no test passed", processId).isEmpty();
    }
}
