#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

const code = await main(process.argv.slice(2));
// Let stdout drain before exiting, so piped reports are never cut short.
process.exitCode = code;
