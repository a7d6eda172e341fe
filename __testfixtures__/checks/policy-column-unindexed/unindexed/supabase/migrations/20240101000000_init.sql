create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  team_id uuid not null
);
alter table public.tasks enable row level security;
create policy "own rows" on public.tasks for select to authenticated using ((select auth.uid()) = user_id);
create policy "own rows delete" on public.tasks for delete to authenticated using ((select auth.uid()) = user_id);
create policy "team" on public.tasks for update to authenticated
  using (team_id in (select team_id from public.members where member_id = (select auth.uid())));
