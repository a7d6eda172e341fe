create table public.invoices (id bigint generated always as identity primary key, amount integer);
alter table public.invoices enable row level security;
