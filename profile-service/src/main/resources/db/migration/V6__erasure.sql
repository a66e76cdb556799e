-- GDPR erasures (Art. 17): the audit trail of who erased whom-no-longer-named, and when. While the topics' records
-- about the person are still to be purged (see dev.ladder.profile.gdpr.TopicPurger) the row keeps their employee id
-- and subject to scrub the dead-letter topics with; at completion both are set to null, and nothing personal is left.
create table erasure (
    id            uuid         primary key,
    -- employee id of the admin who asked ('erased' once they were erased themselves)
    requested_by  varchar(255) not null,
    requested_at  timestamptz  not null,
    -- ERASED_HERE: the database is clean, the EmployeeErased record is not published yet;
    -- PURGE_PENDING: published, the topics' end offsets are captured, consumer groups are being waited for;
    -- TOPICS_PURGED: every partition was purged up to its captured offset (employee_id/subject are null)
    status        varchar(20)  not null check (status in ('ERASED_HERE', 'PURGE_PENDING', 'TOPICS_PURGED')),
    employee_id   varchar(255),
    subject       varchar(255),
    -- the id of the EmployeeErased outbox row; the purge starts once the relay marked it sent
    event_id      varchar(255) not null,
    published_at  timestamptz,
    -- {"<topic>:<partition>": captured log-end offset}
    captured      jsonb,
    -- {"<topic>:<partition>": {"purged": bool, "waitingFor": [group ids]}}
    progress      jsonb,
    completed_at  timestamptz,
    constraint erasure_personal_data_dropped check (status <> 'TOPICS_PURGED' or (employee_id is null and subject is null))
);
create index erasure_pending_idx on erasure (requested_at) where status <> 'TOPICS_PURGED';
