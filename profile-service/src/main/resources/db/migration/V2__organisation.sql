-- The organisation: Ladder's own employee id apart from the sign-in account, teams with manager and deputy,
-- retirement, optimistic locking, placements at a level and an audit trail.

-- Until now the employee id was the Keycloak subject, so every existing row is linked to the account of its id.
alter table employee
    add column subject         varchar(255),
    add column username        varchar(255),
    add column external_id     varchar(255),
    add column job_title       varchar(200),
    -- signed in without being provisioned: an admin has to place them (they have no team)
    add column needs_placement boolean not null default false,
    add column active          boolean not null default true,
    add column version         bigint  not null default 0;
update employee set subject = id;
create unique index employee_subject_uq on employee (subject);
create unique index employee_username_uq on employee (lower(username));
create unique index employee_external_id_uq on employee (external_id);
create index employee_email_idx on employee (lower(email));
create index employee_unplaced_idx on employee (needs_placement) where needs_placement;

alter table team
    add column deputy_id varchar(255),
    add column active    boolean not null default true,
    add column version   bigint  not null default 0;
create index team_deputy_idx on team (deputy_id);

-- Levels of the newest known version of each track (placements name one).
create table catalog_level (
    track_id varchar(100) not null references catalog_track (track_id) on delete cascade,
    level_id varchar(100) not null,
    name     varchar(300) not null,
    rank     integer      not null,
    primary key (track_id, level_id)
);

-- An admin (or the HR feed) placed a person at a level of a track; announced as LevelPlaced.
create table placement (
    id           uuid primary key,
    employee_id  varchar(255) not null references employee (id),
    track_id     varchar(100) not null,
    level_id     varchar(100) not null,
    effective_on date         not null,
    reason       varchar(500) not null,
    placed_by    varchar(255),
    placed_at    timestamptz  not null
);
create index placement_employee_idx on placement (employee_id, effective_on desc);

-- Who changed what in the organisation, and when; before/after are the JSON states.
create table audit_entry (
    id             bigserial primary key,
    at             timestamptz  not null,
    actor_id       varchar(255),
    actor_username varchar(255),
    action         varchar(100) not null,
    employee_id    varchar(255),
    team_id        varchar(100),
    before_state   jsonb,
    after_state    jsonb
);
create index audit_entry_employee_idx on audit_entry (employee_id, id desc);
create index audit_entry_team_idx on audit_entry (team_id, id desc);
