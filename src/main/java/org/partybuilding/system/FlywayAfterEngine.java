package org.partybuilding.system;

import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migrates after the process engine has created (or updated) Camunda's tables, so that the
 * product's migrations can add what Camunda's schema lacks, such as indexes on {@code ACT_RU_TASK}; and the engine
 * is built only once this node holds the {@link SchemaLock}.
 */
@Component
class FlywayAfterEngine implements BeanFactoryPostProcessor {

    static final String FLYWAY = "flywayInitializer";
    static final String ENGINE = "processEngineFactoryBean";
    static final String SCHEMA_LOCK = "schemaLock";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.containsBeanDefinition(FLYWAY) && beanFactory.containsBeanDefinition(ENGINE)) {
            BeanDefinition flyway = beanFactory.getBeanDefinition(FLYWAY);
            String[] dependsOn = flyway.getDependsOn() == null ? new String[0] : flyway.getDependsOn();
            flyway.setDependsOn(Stream.concat(Arrays.stream(dependsOn), Stream.of(ENGINE)).distinct().toArray(String[]::new));
        }
        if (beanFactory.containsBeanDefinition(ENGINE) && beanFactory.containsBeanDefinition(SCHEMA_LOCK)) {
            BeanDefinition engine = beanFactory.getBeanDefinition(ENGINE);
            String[] dependsOn = engine.getDependsOn() == null ? new String[0] : engine.getDependsOn();
            engine.setDependsOn(Stream.concat(Arrays.stream(dependsOn), Stream.of(SCHEMA_LOCK)).distinct().toArray(String[]::new));
        }
    }
}
