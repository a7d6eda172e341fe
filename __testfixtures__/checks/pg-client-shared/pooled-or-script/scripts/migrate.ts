import { Client } from 'pg';

const client = new Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query('create table if not exists items (id serial primary key, name text)');
await client.end();
