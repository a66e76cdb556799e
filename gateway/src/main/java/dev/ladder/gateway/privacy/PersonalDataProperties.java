package dev.ladder.gateway.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each part of a person's data export comes from.
 *
 * @param parts       part name → the service's {@code /me/personal-data} URL, in the order of the document
 * @param timeout     how long one service may take for its part
 * @param maxPartSize the largest part accepted (a person's evidence files are in it)
 */
@ConfigurationProperties("ladder.gateway.personal-data")
record PersonalDataProperties(Map<String, String> parts, Duration timeout, DataSize maxPartSize) {

    PersonalDataProperties {
        parts = parts == null ? Map.of() : new LinkedHashMap<>(parts);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxPartSize = maxPartSize == null ? DataSize.ofMegabytes(64) : maxPartSize;
    }
}
