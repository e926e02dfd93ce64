package com.patientcobridge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Boots the whole bridge for a test: embedded PostgreSQL in a data folder of its own, the
 * in-process sandbox, the local EHR receiver, the routes in {@code routes/} and the code tables
 * in {@code mappings/}, on a random port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = BridgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bridge.data-dir=target/test-data/${random.uuid}", "bridge.startup-run=false"})
@CamelSpringBootTest
public @interface BridgeSpringTest {
}
