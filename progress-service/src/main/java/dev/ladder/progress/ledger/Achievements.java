package dev.ladder.progress.ledger;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.readiness.ReadinessService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records achievements in the ledger and re-evaluates the employee, once per event however often it arrives. */
@Service
public class Achievements {

    private final Inbox inbox;
    private final Ledger ledger;
    private final ReadinessService readiness;

    public Achievements(Inbox inbox, Ledger ledger, ReadinessService readiness) {
        this.inbox = inbox;
        this.ledger = ledger;
        this.readiness = readiness;
    }

    @Transactional
    public void apply(String eventId, CertificationRecorded event) {
        if (!inbox.firstDelivery(eventId, ProgressApplication.CONSUMER)) {
            return;
        }
        ledger.append(eventId, event);
        readiness.reevaluate(event.employeeId());
    }
}
