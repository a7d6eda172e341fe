import { Client } from 'pg';

export const txClient = new Client();
txClient.connect();

export async function transfer(from: number, to: number) {
  await txClient.query('BEGIN');
  await txClient.query('update accounts set balance = balance - 1 where id = $1', [from]);
  await txClient.query('update accounts set balance = balance + 1 where id = $1', [to]);
  await txClient.query('COMMIT');
}
