import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { UsageError } from '../errors.ts';
import { SEVERITIES } from '../severity.ts';
import type { ShipshapeConfig } from './types.ts';

export const CONFIG_FILE = 'shipshape.config.json';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    ignore: { type: 'array', items: { type: 'string', minLength: 1 } },
    disable: { type: 'array', items: { type: 'string', minLength: 1 } },
    severity: { type: 'object', additionalProperties: { enum: [...SEVERITIES] } },
    answers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
  },
} as const;

let compiled: ValidateFunction | null = null;
/** Compiled on first use: most projects have no configuration to validate. */
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
  return compiled;
}

export function emptyConfig(): ShipshapeConfig {
  return { ignore: [], disable: [], severity: {}, answers: {}, source: null };
}

function describeErrors(source: string): string {
  const error = validator().errors?.[0];
  if (!error) return `${source}: invalid configuration`;
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '';
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return `${source}: unknown key "${where ? `${where}.` : ''}${key}"`;
  }
  if (error.keyword === 'enum') {
    return `${source}: ${where} must be one of ${SEVERITIES.join(', ')}`;
  }
  return `${source}: ${where || 'the configuration'} ${error.message}`;
}

/** Parses a JSON file's text; a UTF-8 byte order mark in front is accepted, as npm accepts it. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`, `fix the syntax in ${source}`);
  }
}

/** Reads shipshape.config.json, or the "shipshape" key of package.json, and validates it. */
export function loadConfig(root: string, knownCheckIds: ReadonlySet<string>): ShipshapeConfig {
  let raw: unknown;
  let source: string;
  const configPath = path.join(root, CONFIG_FILE);
  if (existsSync(configPath)) {
    source = CONFIG_FILE;
    if (statSync(configPath).isDirectory()) throw new UsageError(`${CONFIG_FILE} is a directory`, `the configuration is a JSON file: remove or rename the ${CONFIG_FILE}/ folder`);
    raw = parseJson(readFileSync(configPath, 'utf8'), source);
  } else {
    const manifestPath = path.join(root, 'package.json');
    if (!existsSync(manifestPath)) return emptyConfig();
    const manifest = parseJson(readFileSync(manifestPath, 'utf8'), 'package.json') as Record<string, unknown>;
    if (manifest === null || typeof manifest !== 'object' || !('shipshape' in manifest)) return emptyConfig();
    source = 'package.json "shipshape"';
    raw = manifest.shipshape;
  }
  if (!validator()(raw)) {
    throw new UsageError(describeErrors(source), 'allowed keys: ignore, disable, severity, answers');
  }
  const config = raw as Partial<ShipshapeConfig>;
  const result: ShipshapeConfig = {
    ignore: config.ignore ?? [],
    disable: config.disable ?? [],
    severity: config.severity ?? {},
    answers: config.answers ?? {},
    source,
  };
  for (const id of [...result.disable, ...Object.keys(result.severity)]) {
    if (!knownCheckIds.has(id)) {
      throw new UsageError(`${source}: unknown check id "${id}"`, 'run `shipshape list` to see the check ids');
    }
  }
  return result;
}
