create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  title text not null
);
create index tasks_user_id_idx on public.tasks (user_id);

create table notes (id bigint generated always as identity primary key, body text);
alter table notes enable row level security;
alter table notes disable row level security;
