create table users (id serial primary key, email text unique not null, password_hash text not null);
create table sessions (token text primary key, user_id integer not null references users (id));
