create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id)
);
create index tasks_user_id_idx on public.tasks (user_id);
alter table public.tasks enable row level security;
create policy "own rows" on public.tasks for select using ((select auth.uid()) = user_id);
create policy "own rows public" on public.tasks for insert to public with check ((select auth.uid()) = user_id);
