package org.partybuilding.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI description of {@code /api/**}, browsable at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI productApi() {
        return new OpenAPI()
                .info(new Info().title("1248 党建责任制 API")
                        .description("组织目录、整改台账等业务接口。出错时应答 ApiError：中文 message，能确定时 errors 逐项列出出错的字段或行。"
                                + "Camunda 引擎接口见 /engine-rest（同样使用 HTTP Basic 认证）。")
                        .version("v1"))
                .components(new Components().schemas(new TreeMap<>(ErrorAnswers.schemas())).addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                // relative: the document is valid wherever the product runs (springdoc would name the host of the first request)
                .addServersItem(new Server().url("/").description("本系统（与 Swagger UI 同一地址）"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    /** Every operation's error answers, with the {@code ApiError} schema. */
    @Bean
    ErrorAnswers errorAnswers() {
        return new ErrorAnswers();
    }
}
