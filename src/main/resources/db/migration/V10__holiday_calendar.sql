-- The working-day calendar (工作日): each year's holiday arrangement as the State Council published it. Shipped files
-- (holidays/<year>.json) are loaded at start-up for years not yet here; the organization department adds or replaces
-- a year with PUT /api/holiday-calendar/{year}. A year without a row counts weekends and statutory holidays only.

-- Every write takes the next number: nodes notice a change by polling max(revision) and count(*).
create sequence holiday_arrangement_revision;

create table holiday_arrangement (
    year        integer      primary key check (year between 2025 and 2100),
    -- The arrangement in the file format (year, source, published, holidays, workingDays), checked before it is stored.
    arrangement jsonb        not null,
    source      text         not null,
    -- True for a shipped file; a newer release's file replaces it, never a row the organization department loaded.
    shipped     boolean      not null,
    -- Who loaded it; null for a shipped file.
    loaded_by   text,
    loaded_at   timestamptz  not null default now(),
    revision    bigint       not null default nextval('holiday_arrangement_revision')
);
