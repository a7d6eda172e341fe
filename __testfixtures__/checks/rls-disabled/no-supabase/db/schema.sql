create table public.tasks (id bigint generated always as identity primary key, title text);
