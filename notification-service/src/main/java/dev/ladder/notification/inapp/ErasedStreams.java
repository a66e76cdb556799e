package dev.ladder.notification.inapp;

import dev.ladder.notification.privacy.Erasure;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Ends an erased person's live streams on this instance once the erasure committed. */
@Component
class ErasedStreams {

    private final LiveFeed feed;

    ErasedStreams(LiveFeed feed) {
        this.feed = feed;
    }

    @TransactionalEventListener
    void erased(Erasure.PersonErased erased) {
        erased.employeeIds().forEach(feed::close);
    }
}
