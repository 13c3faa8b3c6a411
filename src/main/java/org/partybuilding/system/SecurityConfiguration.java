package org.partybuilding.system;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** The request guard in front of everything: size limits, no user expressions, no cross-site writes, headers. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<Filter> requestGuard(@Value("${app.http.max-request-size}") DataSize maxRequest,
            @Value("${app.http.max-upload-size}") DataSize maxUpload,
            @Value("${app.http.max-directory-size}") DataSize maxDirectory,
            @Value("${app.http.max-evidence-request-size}") DataSize maxEvidence, @Value("${app.base-url}") String baseUrl) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new RequestGuardFilter(maxRequest.toBytes(), maxUpload.toBytes(), maxDirectory.toBytes(), maxEvidence.toBytes(), baseUrl));
        registration.setName("request-guard");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
