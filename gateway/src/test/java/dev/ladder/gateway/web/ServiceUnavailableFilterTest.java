package dev.ladder.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

/**
 * Only a connection that could not be made is "the service is down" (503 naming it); an error after the request
 * reached the service is the service's own answer and stays as it is. The whole path is covered end to end by
 * ServiceDownInChromiumTest (infra/e2e), which stops a real service.
 */
class ServiceUnavailableFilterTest {

    @Test
    void aRefusedConnectionAnywhereInTheCausesIsTheServiceBeingDown() {
        assertThat(ServiceUnavailableFilter.connectionRefused(new ConnectException("Connection refused"))).isTrue();
        assertThat(ServiceUnavailableFilter.connectionRefused(
                new IllegalStateException("relay", new UncheckedIOException(new ConnectException("refused"))))).isTrue();
    }

    @Test
    void aConnectionClosedOrResetBeforeTheAnswerIsNotARefusal() {
        IOException reset = new IOException("Connection reset by peer");
        assertThat(ServiceUnavailableFilter.closedBeforeAnswer(reset)).isTrue();
        assertThat(ServiceUnavailableFilter.closedBeforeAnswer(new IllegalStateException("relay", reset))).isTrue();
        assertThat(ServiceUnavailableFilter.closedBeforeAnswer(new IllegalStateException("boom"))).isFalse();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ServiceUnavailableFilter.connectionRefused(new IOException("Connection reset by peer"))).isFalse();
        assertThat(ServiceUnavailableFilter.connectionRefused(new IllegalStateException("boom"))).isFalse();
    }
}
