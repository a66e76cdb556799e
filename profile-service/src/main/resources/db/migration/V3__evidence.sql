-- Evidence and verification: self-assessed skills, experience periods, certification claims with a state,
-- evidence files, and more of the local catalog copy (skills, the levels' skill requirements, the policy).

-- ----- local catalog ------------------------------------------------------------------------------------------
-- the track's verification policy (null in a release = published before policies: every claim counts)
alter table catalog_track
    add column unverified_certifications_count boolean not null default true,
    add column self_assessed_skills_count      boolean not null default true;

create table catalog_skill (
    track_id varchar(100) not null references catalog_track (track_id) on delete cascade,
    skill_id varchar(100) not null,
    name     varchar(500) not null,
    position integer      not null,
    primary key (track_id, skill_id)
);

-- every requirement item of every level of the newest version (skills are what this service reads)
create table catalog_requirement (
    track_id        varchar(100) not null references catalog_track (track_id) on delete cascade,
    level_id        varchar(100) not null,
    level_rank      integer      not null,
    level_name      varchar(300) not null,
    group_id        varchar(200) not null,
    group_kind      varchar(20)  not null,
    group_required  integer      not null,
    item_type       varchar(20)  not null,
    ref             varchar(200),
    min_proficiency integer,
    min_years       integer
);
create index catalog_requirement_ref_idx on catalog_requirement (track_id, item_type, ref);

-- Releases applied before this migration stored only certifications: empty the copy (and forget those releases
-- in the inbox) so the listener replays the releases topic from the beginning on start (it does so whenever the
-- copy is empty) and stores everything above. Until the replay is done, certification ids are briefly unknown.
delete from catalog_track;
delete from processed_event where consumer = 'profile.catalog';

-- ----- certification claims -----------------------------------------------------------------------------------
alter table certification_record
    add column state            varchar(20)   not null default 'PENDING'
        constraint certification_record_state check (state in ('PENDING', 'VERIFIED', 'REJECTED', 'WITHDRAWN')),
    -- the rejection reason (REJECTED) or the withdrawal reason (WITHDRAWN, optional)
    add column state_reason     varchar(1000),
    -- employee id of whoever verified, rejected or withdrew it
    add column decided_by       varchar(255),
    add column decided_at       timestamptz,
    -- optimistic locking: the ETag is "<version>"
    add column version          integer       not null default 1,
    add column updated_at       timestamptz,
    -- stored, never fetched
    add column verification_url varchar(2000)
        constraint certification_record_https check (verification_url is null or verification_url like 'https://%');

-- a withdrawn claim is kept, and the same credential may be claimed again after it
alter table certification_record drop constraint certification_record_unique_credential;
create unique index certification_record_unique_credential
    on certification_record (employee_id, certification_id, credential_id) where state <> 'WITHDRAWN';
create index certification_record_pending_idx on certification_record (employee_id) where state = 'PENDING';

-- one evidence file per claim (a new upload replaces it); the type is what the content's magic bytes say
create table certification_evidence (
    certification_record_id uuid primary key references certification_record (id) on delete cascade,
    content                 bytea        not null,
    sha256                  char(64)     not null,
    size_bytes              integer      not null check (size_bytes > 0 and size_bytes <= 5242880),
    content_type            varchar(50)  not null
        check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
    filename                varchar(255) not null,
    uploaded_by             varchar(255) not null,
    uploaded_at             timestamptz  not null
);

-- ----- skills -------------------------------------------------------------------------------------------------
create table skill_assessment (
    id          uuid primary key,
    employee_id varchar(255)  not null references employee (id),
    track_id    varchar(100)  not null,
    skill_id    varchar(100)  not null,
    proficiency smallint      not null check (proficiency between 1 and 5),
    note        varchar(1000),
    source      varchar(20)   not null check (source in ('SELF', 'MANAGER', 'ASSESSMENT')),
    assessed_by varchar(255)  not null,
    assessed_on date          not null,
    recorded_at timestamptz   not null,
    -- SELF: PENDING until a manager confirms it (VERIFIED) or a newer assessment of the skill replaces it
    -- (SUPERSEDED); MANAGER/ASSESSMENT: RECORDED
    state       varchar(20)   not null check (state in ('PENDING', 'VERIFIED', 'SUPERSEDED', 'RECORDED')),
    decided_by  varchar(255),
    decided_at  timestamptz,
    -- the MANAGER assessment that confirmed this self-assessment
    confirmed_by_assessment uuid
);
create index skill_assessment_employee_idx on skill_assessment (employee_id, skill_id, assessed_on desc, recorded_at desc);
create index skill_assessment_pending_idx on skill_assessment (employee_id) where state = 'PENDING';

-- ----- experience ---------------------------------------------------------------------------------------------
create table experience_period (
    id           uuid primary key,
    employee_id  varchar(255) not null references employee (id),
    started_on   date         not null,
    -- exclusive, null = ongoing
    ended_on     date,
    description  varchar(500) not null,
    state        varchar(20)  not null check (state in ('ACTIVE', 'WITHDRAWN')),
    version      integer      not null,
    recorded_at  timestamptz  not null,
    updated_at   timestamptz  not null,
    constraint experience_period_dates check (ended_on is null or ended_on >= started_on)
);
create index experience_period_employee_idx on experience_period (employee_id, started_on desc);
