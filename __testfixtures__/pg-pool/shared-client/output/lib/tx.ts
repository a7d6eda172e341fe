import { Client } from 'pg';

// TODO(shipshape): make txClient a Pool, and run each transaction on one client from pool.connect(), released in a finally block
export const txClient = new Client();
txClient.connect();

export async function transfer(from: number, to: number) {
  await txClient.query('BEGIN');
  await txClient.query('update accounts set balance = balance - 1 where id = $1', [from]);
  await txClient.query('update accounts set balance = balance + 1 where id = $1', [to]);
  await txClient.query('COMMIT');
}
