package org.partybuilding.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Engine settings that make a user's input harmless, fixed in code because the product's safety depends on them:
 * <ul>
 * <li>Expressions reach only the Spring beans the shipped models name ({@code ${sendReminderDelegate}} ...), not
 * every bean of the application: an expression that got in some other way finds no {@code identityService} or
 * {@code dataSource}. Ad-hoc query expressions stay off; stored ones are only in the shipped Tasklist filters.</li>
 * <li>Wrong passwords lock an account for a growing delay (3 s, doubled each time, at most
 * {@code LOGIN_LOCK_MAX_SECONDS}), never for good; Camunda logs each lock and an administrator can unlock.</li>
 * <li>Outside demo mode Camunda's password policy applies to every new password.</li>
 * <li>A BPMN error that no model catches fails the call instead of silently ending the instance.</li>
 * <li>Logins to the webapps are logged, successful or not.</li>
 * <li>History is kept in full but for variable-update details and job-creation logs ({@link AuditHistoryLevel}).</li>
 * </ul>
 */
@Component
class EngineHardeningPlugin extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineHardeningPlugin.class);
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String MODELS = "classpath*:bpmn/**/*.{bpmn,dmn}";

    private final ApplicationContext applicationContext;
    private final RunMode mode;
    private final int loginLockMaxSeconds;

    EngineHardeningPlugin(ApplicationContext applicationContext, RunMode mode,
            @Value("${app.security.login-lock-max-seconds}") int loginLockMaxSeconds) {
        this.applicationContext = applicationContext;
        this.mode = mode;
        this.loginLockMaxSeconds = loginLockMaxSeconds;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Set<String> beans = beansNamedByModels(applicationContext);
        log.info("Expressions may reach these beans: {}", beans);
        configuration.setExpressionManager(new SpringExpressionManager(applicationContext, new NamedBeans(applicationContext, beans)));
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setEnableExpressionsInStoredQueries(true);
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(3);
        configuration.setLoginDelayFactor(2);
        configuration.setLoginDelayMaxTime(loginLockMaxSeconds);
        configuration.setEnablePasswordPolicy(mode.production());
        configuration.setEnableExceptionsAfterUnhandledBpmnError(true);
        configuration.setWebappsAuthenticationLoggingEnabled(true);
        // in place of Camunda's "full" (same name and id): of the levels named "full" the engine takes the last listed
        configuration.setCustomHistoryLevels(new ArrayList<>(List.of(new AuditHistoryLevel())));
    }

    /** The names of Spring beans that appear in an expression of a model on the classpath. */
    static Set<String> beansNamedByModels(ApplicationContext context) {
        Set<String> named = new TreeSet<>();
        try {
            for (Resource model : new PathMatchingResourcePatternResolver().getResources(MODELS.replace("{bpmn,dmn}", "bpmn"))) {
                named.addAll(identifiersInExpressions(model));
            }
            for (Resource model : new PathMatchingResourcePatternResolver().getResources(MODELS.replace("{bpmn,dmn}", "dmn"))) {
                named.addAll(identifiersInExpressions(model));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return named.stream().filter(context::containsBean).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> identifiersInExpressions(Resource model) throws IOException {
        Set<String> identifiers = new TreeSet<>();
        try (InputStream in = model.getInputStream()) {
            Matcher expression = EXPRESSION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (expression.find()) {
                Matcher identifier = IDENTIFIER.matcher(expression.group(1));
                while (identifier.find()) {
                    identifiers.add(identifier.group());
                }
            }
        }
        return identifiers;
    }

    /** The allowed beans, looked up when an expression first asks (they are created after the engine). */
    private static final class NamedBeans extends AbstractMap<Object, Object> {

        private final ApplicationContext context;
        private final Set<String> names;

        NamedBeans(ApplicationContext context, Set<String> names) {
            this.context = context;
            this.names = names;
        }

        @Override
        public boolean containsKey(Object key) {
            return names.contains(key);
        }

        @Override
        public Object get(Object key) {
            return names.contains(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return names.stream().map(name -> Map.entry((Object) name, context.getBean(name))).collect(Collectors.toSet());
        }
    }
}
