create table users (id serial primary key, email text not null unique);
create table todos (
  id serial primary key,
  user_id integer not null references users (id),
  title text not null,
  done boolean not null default false
);
