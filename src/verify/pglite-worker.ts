import { parentPort, workerData } from 'node:worker_threads';
import { pgliteDatabase, type Database, type PgliteReply, type PgliteRequest } from './database.ts';
import { openBlankPglite, openEmulatedPglite } from './snapshot.ts';

/**
 * PGlite runs each statement on the thread that called it, and PostgreSQL's statement_timeout
 * needs a timer signal PGlite does not have: a migration that loops would hold that thread for
 * ever. Here it holds this worker's, and the main thread, which keeps its timers, ends the worker.
 */

/** A database error's fields (`code`, `position`, `detail`…) as plain data: a thrown error crosses threads without them. */
function errorData(error: unknown): { message: string; props: Record<string, unknown> } {
  const props: Record<string, unknown> = {};
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) if (value === null || typeof value !== 'object') props[key] = value;
  }
  return { message: error instanceof Error ? error.message : String(error), props };
}

async function serve(port: NonNullable<typeof parentPort>, options: { supabase: boolean }): Promise<void> {
  let db: Database;
  try {
    db = pgliteDatabase(options.supabase ? await openEmulatedPglite() : await openBlankPglite());
  } catch (error) {
    port.postMessage({ failed: { message: (error as Error).message } } satisfies PgliteReply);
    return;
  }
  port.on('message', (request: PgliteRequest) => {
    void (async () => {
      try {
        if (request.op === 'query') {
          port.postMessage({ id: request.id, rows: (await db.query(request.sql!, request.params)).rows } satisfies PgliteReply);
          return;
        }
        await (request.op === 'close' ? db.close() : db.exec(request.sql!));
        port.postMessage({ id: request.id } satisfies PgliteReply);
        if (request.op === 'close') port.close();
      } catch (error) {
        port.postMessage({ id: request.id, error: errorData(error) } satisfies PgliteReply);
      }
    })();
  });
  port.postMessage({ opened: true } satisfies PgliteReply);
}

if (parentPort) void serve(parentPort, workerData as { supabase: boolean });
