create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id),
  title text
);
create table public.posts (
  id uuid primary key default gen_random_uuid(),
  author_id uuid
);
