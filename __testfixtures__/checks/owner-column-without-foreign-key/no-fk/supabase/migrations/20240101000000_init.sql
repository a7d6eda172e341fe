create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  title text
);
