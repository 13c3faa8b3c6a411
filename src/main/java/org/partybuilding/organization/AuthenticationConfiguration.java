package org.partybuilding.organization;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who is calling: HTTP Basic on both REST APIs ({@link BasicAuthenticationFilter}), the webapps' login guarded for
 * users who must first change their initial password ({@link WebappLoginFilter}), and {@link ApiUser} as a
 * controller parameter.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration implements WebMvcConfigurer {

    static {
        // The caller comes from the login (addArgumentResolvers below), not from the request: no parameter of the OpenAPI document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiUser.class);
    }

    /** After the request guard (size, expressions, cross-site checks), before anything reaches the engine. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<Filter> restAuthentication(ProcessEngine engine, Accounts accounts, AuthenticationCache cache) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BasicAuthenticationFilter(engine, accounts, cache, false));
        registration.setName("rest-authentication");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator/metrics", "/actuator/metrics/*");
        registration.setOrder(ORDER);
        return registration;
    }

    /** The evidence page's calls with the Tasklist login: after Spring Session's filter, which makes the session readable. */
    @Bean
    FilterRegistrationBean<Filter> sessionAuthentication(ProcessEngine engine, Accounts accounts, AuthenticationCache cache) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BasicAuthenticationFilter(engine, accounts, cache, true));
        registration.setName("webapp-session-authentication");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(org.springframework.session.web.http.SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> webappLoginGuard(Accounts accounts) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new WebappLoginFilter(accounts));
        registration.setName("webapp-login-guard");
        registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
        registration.setOrder(ORDER);
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == ApiUser.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                    NativeWebRequest request, WebDataBinderFactory binderFactory) {
                return ApiUser.of(request.getNativeRequest(HttpServletRequest.class));
            }
        });
    }
}
