-- The mail outbox (邮件发件箱): process steps add mail in their own transaction; OutboxSender delivers it after commit.

create table mail_outbox (
    id              bigserial    primary key,
    -- Chosen by the caller from business ids: a second mail with the same key is ignored.
    dedup_key       varchar(200) not null unique,
    -- Comma-separated addresses, validated and without duplicates.
    recipients      text         not null,
    subject         text         not null,
    body            text         not null,
    status          varchar(20)  not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer      not null default 0,
    -- When the sender may try next; null once the mail is SENT or FAILED.
    next_attempt_at timestamptz  default now(),
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz,
    last_error      text
);

-- The sender's query: due PENDING rows, oldest first.
create index mail_outbox_due_idx on mail_outbox (next_attempt_at, id) where status = 'PENDING';

-- The health indicator's count and the listing of PENDING and FAILED mail; SENT rows are the bulk and stay out.
create index mail_outbox_unsent_idx on mail_outbox (status, id) where status <> 'SENT';
