package org.partybuilding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a real HTTP port and a throw-away embedded PostgreSQL, with the demo
 * directory imported and the job executor off (tests fire timers themselves). Every test class with
 * this annotation shares one application context, which records process test coverage.
 *
 * <p>Keep it one context: no {@code @TestPropertySource} or {@code @MockitoBean} on such a class. A second
 * context in the same JVM registers a second engine "default" in Camunda's JVM-wide registry, and the first
 * context's webapps and REST API then talk to the wrong engine. A test that needs an application of its own
 * starts it as {@code DatabaseModesTest} does, in the pom's {@code standalone-applications} test run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
public @interface IntegrationTest {
}
