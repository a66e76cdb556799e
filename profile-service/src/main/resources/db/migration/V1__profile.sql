-- Employees are identified by their Keycloak subject; profile-service is the owner of who belongs to which team.
create table team (
    id         varchar(100) primary key,
    name       varchar(200) not null,
    -- the manager is an employee but may be registered later than the team (first login), hence no FK
    manager_id varchar(255)
);

create table employee (
    id           varchar(255) primary key,
    display_name varchar(200) not null,
    email        varchar(320),
    -- one team per employee: membership is a column, not a join table
    team_id      varchar(100) references team (id),
    track_id     varchar(100),
    region       varchar(100),
    start_date   date,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index employee_team_idx on employee (team_id);
create index team_manager_idx on team (manager_id);

-- Local copy of the published catalog: only what validating certifications needs, newest version per track.
create table catalog_track (
    track_id     varchar(100) primary key,
    track_name   varchar(300) not null,
    version      integer      not null,
    published_at timestamptz  not null
);

create table catalog_certification (
    track_id         varchar(100) not null references catalog_track (track_id) on delete cascade,
    certification_id varchar(100) not null,
    name             varchar(300) not null,
    renewal_months   integer,
    primary key (track_id, certification_id)
);
create index catalog_certification_id_idx on catalog_certification (certification_id);

-- Every catalog release this service applied (audit: which versions did validation rely on, and when).
create table catalog_release (
    id           bigserial primary key,
    event_id     varchar(255) not null,
    track_id     varchar(100) not null,
    version      integer      not null,
    -- false when a newer version of the track was already known and the release was only logged
    applied      boolean      not null,
    received_at  timestamptz  not null
);

create table certification_record (
    id                 uuid primary key,
    employee_id        varchar(255) not null references employee (id),
    certification_id   varchar(100) not null,
    -- snapshot of the catalog name when recorded, so a later catalog edit doesn't rewrite history
    certification_name varchar(300) not null,
    credential_id      varchar(200) not null,
    issuer             varchar(200),
    issued_on          date         not null,
    expires_on         date,
    recorded_at        timestamptz  not null,
    constraint certification_record_unique_credential unique (employee_id, certification_id, credential_id),
    constraint certification_record_dates check (expires_on is null or expires_on >= issued_on)
);
