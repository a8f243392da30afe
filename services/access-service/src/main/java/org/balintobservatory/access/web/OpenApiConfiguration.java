package org.balintobservatory.access.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.balintobservatory.support.access.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI page: the caller comes from the API key, so it is a security scheme, not a parameter. */
@Configuration
public class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI accessServiceApi() {
        return new OpenAPI()
                .info(new Info().title("Balint Observatory access service").version("v1").description(
                        "The registry of institutions and the API keys every service accepts. "
                                + "Refusals are RFC 9457 problem details naming the field and rule."))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("an administrator's API key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
