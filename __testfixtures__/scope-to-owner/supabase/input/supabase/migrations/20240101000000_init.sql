create table public.posts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  body text not null
);
alter table public.posts enable row level security;
create policy "own posts" on public.posts for all to authenticated using ((select auth.uid()) = user_id);

create table public.notes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id),
  body text not null
);

create table public.announcements (
  id bigint generated always as identity primary key,
  body text not null
);
