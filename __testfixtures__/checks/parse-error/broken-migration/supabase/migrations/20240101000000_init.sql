create table public.tasks (
  id uuid primary key,
  title text not null,,
);
