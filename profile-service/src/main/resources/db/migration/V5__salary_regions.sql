-- The salary regions of each track (CatalogVersionPublished.salaryRegions): a person's region must be one of their
-- track's. Releases published before catalog-service sent them leave the regions unknown (any region accepted).

alter table catalog_track
    -- false = the newest version applied did not say which regions the track has
    add column salary_regions_known boolean not null default false;

create table catalog_salary_region (
    track_id  varchar(100) not null references catalog_track (track_id) on delete cascade,
    region_id varchar(100) not null,
    name      varchar(300) not null,
    position  integer      not null,
    primary key (track_id, region_id)
);

-- why a change was made, where the actor gave a reason (a withdrawn claim or experience period)
alter table audit_entry add column reason varchar(500);

-- A release with regions may have been applied before this migration by a service that dropped them: empty the
-- copy (and forget those releases in the inbox) so the listener replays the releases topic on start, as after V3.
delete from catalog_track;
delete from processed_event where consumer = 'profile.catalog';
