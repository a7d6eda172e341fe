create table public.posts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  body text
);
create index posts_user_id_idx on public.posts (user_id);
alter table public.posts enable row level security;
create policy "anyone can update" on public.posts for update to authenticated using (true);
create policy "anyone can insert" on public.posts for insert to authenticated with check (true);
create policy "insert without check" on public.posts as permissive for insert to authenticated;
create policy "owner deletes" on public.posts for delete to authenticated using ((select auth.uid()) = user_id);
create policy "public read" on public.posts for select to anon, authenticated using (true);
