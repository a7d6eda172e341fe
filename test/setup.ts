import { afterAll } from 'vitest';
import { forgetEnvValues } from '../src/secrets/redact.ts';

// Test files share a worker process: the env values one file's scans remembered must not redact the next file's output.
afterAll(() => forgetEnvValues());
