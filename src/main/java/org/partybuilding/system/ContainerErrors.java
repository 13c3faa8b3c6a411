package org.partybuilding.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Requests Tomcat refuses before any servlet sees them: a path with an encoded {@code /}, {@code \} or NUL
 * ({@code /api/rectifications/%2F}, {@code %00}), malformed percent-encoding. Tomcat answers them with its English HTML
 * error page; on {@code /api} and {@code /engine-rest} they get the product's {@link ApiError} JSON in Chinese instead,
 * everything else Tomcat's page without server details, as Spring Boot configures it.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

    @Bean
    ValveCustomizer apiErrorReportValve() {
        return new ValveCustomizer();
    }

    /** After Spring Boot's own customizer, which adds a plain ErrorReportValve to the host: replaces it. */
    static class ValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    ApiErrorReportValve valve = new ApiErrorReportValve();
                    valve.setShowReport(false);
                    valve.setShowServerInfo(false);
                    host.getPipeline().addValve(valve);
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Tomcat's error page, as JSON in Chinese for the APIs. Public: Tomcat instantiates it by its class name. */
    public static class ApiErrorReportValve extends ErrorReportValve {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            String uri = request.getRequestURI();
            int status = response.getStatus();
            boolean api = uri != null && (uri.startsWith("/api/") || uri.startsWith("/engine-rest/"));
            if (!api || status < 400 || status >= 500 || response.getContentWritten() > 0) {
                super.report(request, response, throwable);
                return;
            }
            String message = status == 400 ? "请求地址不合法：路径中不能含有编码的斜杠、反斜杠、控制字符或不完整的百分号编码"
                    : status == 404 ? "请求的地址不存在" : "请求被拒绝（HTTP " + status + "）";
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(new ApiError(status, message, List.of())));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer has begun: nothing more to say
            }
        }
    }
}
