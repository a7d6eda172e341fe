create table public.webhook_events (id bigint generated always as identity primary key, payload jsonb not null);
-- shipshape-ignore rls-enabled-no-policy -- only the Stripe webhook (service role) writes and reads it
alter table public.webhook_events enable row level security;
