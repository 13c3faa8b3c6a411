-- The year-end assessment (年度考核): the Party Building Cup score (党的建设杯) and the pioneer-index stars (先锋指数星级)
-- of every grassroots organization, computed from the year's duty reports, rectification items, survey and list
-- signature. A second run for the year replaces its rows; each organization's row is its report card (成绩单).
create table assessment_run (
    year                int           primary key,
    assessed_at         timestamptz   not null,
    organizations       int           not null,
    three_stars_or_more int           not null,
    share_three_stars   numeric(7, 6) not null,
    target              numeric(7, 6) not null,
    target_met          boolean       not null,
    -- the weights the decision party-building-cup gave for this run, by component
    weights             jsonb         not null,
    talks               int           not null
);

create table assessment_result (
    year                 int           not null references assessment_run (year) on delete cascade,
    organization_id      varchar(40)   not null references organization (id),
    -- name and secretary as they were at the assessment: the card records that year
    organization_name    varchar(200)  not null,
    secretary_name       varchar(100),
    position             int           not null,
    duty_report_score    numeric(5, 2),
    rectification_score  numeric(5, 2) not null,
    survey_score         numeric(5, 2),
    list_score           numeric(5, 2) not null,
    -- weights used: a missing component has 0 and its weight is spread over the others in proportion
    duty_report_weight   numeric(7, 6) not null,
    rectification_weight numeric(7, 6) not null,
    survey_weight        numeric(7, 6) not null,
    list_weight          numeric(7, 6) not null,
    cup_score            numeric(5, 2) not null check (cup_score between 0 and 100),
    stars                int           not null check (stars between 1 and 5),
    rank                 int           not null,
    accountability_items int           not null,
    breakdown            jsonb         not null,
    primary key (year, organization_id)
);

create index assessment_result_rank_idx on assessment_result (year, rank);
