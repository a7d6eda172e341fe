create table messages (id serial primary key, email text not null, body text not null);
