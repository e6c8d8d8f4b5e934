package dev.lifecycle.spring.actuate.endpoint;

import dev.lifecycle.spring.testsupport.WebTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The endpoint behind Spring Boot's default actuator security, with write access granted: anonymous requests are
 * refused, and so is a write by an authenticated user that does not pass Spring Security's CSRF protection. An
 * application that wants the write operation over HTTP configures its own security (see
 * {@link ServicesEndpointSecurityTests}).
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.autoconfigure.exclude=", "spring.security.user.name=admin", "spring.security.user.password=secret",
        "management.endpoints.web.exposure.include=services", "management.endpoint.services.access=unrestricted" })
@AutoConfigureRestTestClient
class ServicesEndpointBootSecurityTests {

    @Autowired
    private RestTestClient client;

    @Test
    void anonymousReadAndWriteAreRefused() {
        client.get().uri("/actuator/services").exchange().expectStatus().isUnauthorized();
        fail(null).expectStatus().isUnauthorized();
    }

    @Test
    void authenticatedUserCanRead() {
        client.get().uri("/actuator/services").headers(h -> h.setBasicAuth("admin", "secret")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void authenticatedWriteWithoutCsrfTokenIsRefused() {
        fail("admin").expectStatus().is4xxClientError();
        client.get().uri("/actuator/services/database").headers(h -> h.setBasicAuth("admin", "secret")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("RUNNING");
    }

    private RestTestClient.ResponseSpec fail(String user) {
        return client.post().uri("/actuator/services/database").headers(h -> {
            if (user != null) {
                h.setBasicAuth(user, "secret");
            }
        }).contentType(MediaType.APPLICATION_JSON).body("{\"action\": \"fail\"}").exchange();
    }
}
