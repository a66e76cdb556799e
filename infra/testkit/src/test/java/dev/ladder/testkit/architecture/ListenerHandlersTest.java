package dev.ladder.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerHandlersTest {

    @KafkaListener(topics = Topics.EMPLOYEES)
    static class People {

        @KafkaHandler
        void on(@Header("ce_id") String id, EmployeeUpdated updated, @Headers MessageHeaders record) {
        }

        @KafkaHandler
        void on(EmployeeErased erased) {
        }

        /** Takes what the others do not: handles nothing. */
        @KafkaHandler(isDefault = true)
        void ignore(Object other) {
        }

        /** Not a handler. */
        void helper(MilestoneReached unrelated) {
        }
    }

    static class Milestones {

        @KafkaListener(topics = {Topics.MILESTONES, "ladder.test.milestones"})
        void on(MilestoneReached reached, @Header("ce_source") String source) {
        }
    }

    static class Batch {

        @KafkaListener(topics = Topics.ACHIEVEMENTS)
        void on(List<ConsumerRecord<String, Object>> records) {
        }
    }

    static class Configured {

        @KafkaListener(topics = "${ladder.test.topic}")
        void on(MilestoneReached reached) {
        }
    }

    @Test
    void aClassListenersHandlersAndAMethodListenersEventAreItsTypesPerTopic() {
        assertThat(ListenerHandlers.handledTypes(classes(People.class, Milestones.class))).isEqualTo(Map.of(
                Topics.EMPLOYEES, EnumSet.of(EventType.EMPLOYEE_UPDATED, EventType.EMPLOYEE_ERASED),
                Topics.MILESTONES, EnumSet.of(EventType.MILESTONE_REACHED),
                "ladder.test.milestones", EnumSet.of(EventType.MILESTONE_REACHED)));
    }

    @Test
    void aListenerWhoseTypesOrTopicsTheCodeDoesNotTellIsRefused() {
        assertThatThrownBy(() -> ListenerHandlers.handledTypes(classes(Batch.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no contracts event");
        assertThatThrownBy(() -> ListenerHandlers.handledTypes(classes(Configured.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${ladder.test.topic}");
    }

    /** The services' form: a package's production classes (this test's own classes are not in it). */
    @Test
    void aPackageWithoutListenersHandlesNothing() {
        assertThat(ListenerHandlers.handledTypes("dev.ladder.testkit.architecture")).isEmpty();
    }

    private static JavaClasses classes(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }
}
