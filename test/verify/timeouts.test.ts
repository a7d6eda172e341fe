import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS, DatabaseTimeout, openPostgres, withUrlTimeouts } from '../../src/verify/database.ts';

/** A TCP listener that accepts connections and never says a word, like a port behind a dropping firewall. */
let silent: net.Server;
const sockets: net.Socket[] = [];
let port = 0;

beforeAll(async () => {
  silent = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('database timeouts', () => {
  it("takes the wait to connect from the URL's connect_timeout, in libpq's seconds, and keeps the default otherwise", () => {
    const connectMs = (url: string) => withUrlTimeouts(url, DEFAULT_TIMEOUTS).connectMs;
    expect(connectMs('postgres://u:p@db.example.com:5432/app?connect_timeout=3')).toBe(3000);
    expect(connectMs('postgres://u:p@db.example.com/app?sslmode=require&connect_timeout=1')).toBe(2000);
    expect(connectMs('postgres://u:p@db.example.com/app?connect_timeout=0')).toBe(10_000);
    expect(connectMs('postgres://u:p@db.example.com/app?connect_timeout=soon')).toBe(10_000);
    expect(connectMs('postgres://u:p@db.example.com/app')).toBe(10_000);
    expect(withUrlTimeouts('postgres://db/app?connect_timeout=4', DEFAULT_TIMEOUTS).statementMs).toBe(60_000);
  });

  it('gives up on a server that accepts and never answers, naming the host and not the password', async () => {
    const started = Date.now();
    const error = await openPostgres(`postgres://someone:secret-pw@127.0.0.1:${port}/db`, {
      connectMs: 300,
      statementMs: 1000,
      queryMs: 1000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseTimeout);
    expect((error as Error).message).toBe(`127.0.0.1:${port} did not answer the connection within 0.3 s`);
    expect((error as Error).message).not.toContain('secret-pw');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  const url = process.env.SHIPSHAPE_TEST_DATABASE_URL;
  it.skipIf(!url)('stops a statement that runs too long, on the server and in the client', async () => {
    const db = await openPostgres(url!, { connectMs: 5000, statementMs: 200, queryMs: 5000 });
    try {
      const server = await db.query('select pg_sleep(3)').catch((e: unknown) => e);
      expect(server).toBeInstanceOf(DatabaseTimeout);
      expect((server as Error).message).toMatch(/did not answer a statement within 0\.2 s$/);
    } finally {
      await db.close();
    }
    const client = await openPostgres(url!, { connectMs: 5000, statementMs: 0, queryMs: 300 });
    try {
      const started = Date.now();
      const error = await client.query('select pg_sleep(3)').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseTimeout);
      expect((error as Error).message).toMatch(/did not answer a query within 0\.3 s$/);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await client.close();
    }
  });
});
