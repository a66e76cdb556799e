-- SCIM 2.0 provisioning (dev.ladder.profile.scim) and the admin CSV first load.

-- Teams get their SCIM meta (created, lastModified) and the HR system's key for the group. updated_at is kept by a
-- trigger, so the organisation's own team writes need not know about it.
alter table team
    add column external_id varchar(255),
    add column created_at  timestamptz not null default now(),
    add column updated_at  timestamptz not null default now();
create unique index team_external_id_uq on team (external_id);

create function team_touch() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end $$;
create trigger team_touch before update on team for each row execute function team_touch();

-- A SCIM DELETE retires the person (history kept) and marks them deleted: SCIM answers 404 for them from then on,
-- while a person merely deactivated (active=false) stays readable.
create table scim_deleted_user (
    employee_id varchar(255) primary key references employee (id),
    deleted_at  timestamptz  not null
);
