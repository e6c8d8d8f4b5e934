package dev.lifecycle.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.spring.testsupport.WebTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The endpoint behind Spring Security, as an application secures its actuator: reading needs an authenticated user,
 * the write operation a user with the OPERATOR role.
 */
@SpringBootTest(classes = { WebTestApplication.class, ServicesEndpointSecurityTests.ActuatorSecurity.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.autoconfigure.exclude=",
                "management.endpoints.web.exposure.include=services",
                "management.endpoint.services.access=unrestricted" })
@AutoConfigureRestTestClient
class ServicesEndpointSecurityTests {

    @Autowired
    private RestTestClient client;

    @Test
    void anonymousRequestsAreRefused() {
        client.get().uri("/actuator/services").exchange().expectStatus().isUnauthorized();
        restart(null).expectStatus().isUnauthorized();
    }

    @Test
    void authenticatedUserWithoutTheRoleCanReadButNotWrite() {
        client.get().uri("/actuator/services").headers(h -> h.setBasicAuth("viewer", "viewer-secret")).exchange()
                .expectStatus().isOk();
        restart("viewer").expectStatus().isForbidden();
    }

    @Test
    void authorisedUserCanWrite() {
        String body = restart("operator").expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();

        assertThat(body).contains("\"name\":\"repository\"").doesNotContain("FAILED");
    }

    private RestTestClient.ResponseSpec restart(String user) {
        return client.post().uri("/actuator/services/repository").headers(h -> {
            if (user != null) {
                h.setBasicAuth(user, user + "-secret");
            }
        }).contentType(MediaType.APPLICATION_JSON).body("{\"action\": \"restart\"}").exchange();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ActuatorSecurity {

        @Bean
        SecurityFilterChain actuatorSecurity(HttpSecurity http) {
            http.securityMatcher(EndpointRequest.toAnyEndpoint())
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers(EndpointRequest.to("services").withHttpMethod(HttpMethod.POST))
                            .hasRole("OPERATOR").anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("viewer").password("{noop}viewer-secret").roles("VIEWER").build(),
                    User.withUsername("operator").password("{noop}operator-secret").roles("OPERATOR").build());
        }
    }
}
