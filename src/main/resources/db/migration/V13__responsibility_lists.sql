-- The eight secretary responsibility lists (八种类型书记责任清单): one list per year and secretary type, every
-- version kept. Shipped files (responsibility-lists/<year>/<type>.json) are stored as version 1 at start-up for a
-- (year, type) not yet here; the organization department publishes version n+1 with
-- PUT /api/responsibility-lists/{year}/{type}. The current list is the highest version; a year without a list of a
-- type uses the latest earlier year's.
create table responsibility_list (
    year       integer      not null check (year between 2000 and 2100),
    -- a secretary type's code in the directory (no foreign key: a directory import may drop a type, its lists stay)
    type       varchar(40)  not null,
    version    integer      not null check (version >= 1),
    -- the items in order, checked before they are stored: [{code, type, text, category, quarter, weight}]
    items      jsonb        not null,
    -- who published this version; null for a shipped file
    updated_by text,
    updated_at timestamptz  not null default now(),
    primary key (year, type, version)
);
