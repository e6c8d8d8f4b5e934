package dev.lifecycle.spring.actuate.endpoint;

import dev.lifecycle.spring.testsupport.WebTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** With nothing but the endpoint exposed, its default access is read-only: reading works, writing is refused. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=services")
@AutoConfigureRestTestClient
class ServicesEndpointDefaultsTests {

    @Autowired
    private RestTestClient client;

    @Test
    void readIsAllowed() {
        client.get().uri("/actuator/services/database").exchange().expectStatus().isOk();
    }

    @Test
    void writeIsRefusedByDefault() {
        client.post().uri("/actuator/services/database").contentType(MediaType.APPLICATION_JSON)
                .body("{\"action\": \"fail\"}").exchange().expectStatus().isEqualTo(405);
        client.get().uri("/actuator/services/database").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("RUNNING");
    }
}
