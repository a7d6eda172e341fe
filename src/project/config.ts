import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { SEVERITIES } from '../severity.ts';
import type { ShipshapeConfig } from './types.ts';

export const CONFIG_FILE = 'shipshape.config.json';

interface SchemaNode {
  type?: string | readonly string[];
  properties?: Readonly<Record<string, SchemaNode>>;
  additionalProperties?: false | SchemaNode;
  items?: SchemaNode;
  minLength?: number;
  enum?: readonly string[];
}

/** The configuration's JSON Schema; `configProblem` checks the keywords it uses, in ajv's order and words. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    ignore: { type: 'array', items: { type: 'string', minLength: 1 } },
    disable: { type: 'array', items: { type: 'string', minLength: 1 } },
    severity: { type: 'object', additionalProperties: { enum: [...SEVERITIES] } },
    answers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
  },
} as const satisfies SchemaNode;

export interface ConfigProblem {
  /** The keys down to the offending value. */
  path: string[];
  keyword: 'type' | 'enum' | 'minLength' | 'additionalProperties';
  message: string;
  /** For `additionalProperties`: the key the schema does not allow. */
  key?: string;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
  if (type === 'array') return Array.isArray(value);
  return typeof value === type;
}

/**
 * The first value the schema rejects, as ajv reports it (a compiled ajv validator costs more at
 * start-up than every configuration it will ever check), or null for a valid configuration.
 */
export function configProblem(value: unknown, schema: SchemaNode = CONFIG_SCHEMA, path: string[] = []): ConfigProblem | null {
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((type) => hasType(value, type))) return { path, keyword: 'type', message: `must be ${types.join(',')}` };
  }
  if (schema.enum && !schema.enum.includes(value as string))
    return { path, keyword: 'enum', message: 'must be equal to one of the allowed values' };
  if (schema.minLength !== undefined && typeof value === 'string' && [...value].length < schema.minLength) {
    return { path, keyword: 'minLength', message: `must NOT have fewer than ${schema.minLength} characters` };
  }
  if (Array.isArray(value) && schema.items) {
    for (const [index, item] of value.entries()) {
      const problem = configProblem(item, schema.items, [...path, String(index)]);
      if (problem) return problem;
    }
  }
  if (hasType(value, 'object')) {
    const object = value as Record<string, unknown>;
    const known = (key: string) => schema.properties !== undefined && Object.hasOwn(schema.properties, key);
    for (const key of Object.keys(object).filter((k) => !known(k))) {
      if (schema.additionalProperties === false)
        return { path, keyword: 'additionalProperties', message: 'must NOT have additional properties', key };
      if (schema.additionalProperties) {
        const problem = configProblem(object[key], schema.additionalProperties, [...path, key]);
        if (problem) return problem;
      }
    }
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (!Object.hasOwn(object, key)) continue;
      const problem = configProblem(object[key], property, [...path, key]);
      if (problem) return problem;
    }
  }
  return null;
}

export function emptyConfig(): ShipshapeConfig {
  return { ignore: [], disable: [], severity: {}, answers: {}, source: null };
}

function describeProblem(source: string, problem: ConfigProblem): string {
  const where = problem.path.join('.');
  if (problem.keyword === 'additionalProperties') return `${source}: unknown key "${where ? `${where}.` : ''}${problem.key}"`;
  if (problem.keyword === 'enum') return `${source}: ${where} must be one of ${SEVERITIES.join(', ')}`;
  return `${source}: ${where || 'the configuration'} ${problem.message}`;
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
    if (statSync(configPath).isDirectory())
      throw new UsageError(
        `${CONFIG_FILE} is a directory`,
        `the configuration is a JSON file: remove or rename the ${CONFIG_FILE}/ folder`,
      );
    raw = parseJson(readFileSync(configPath, 'utf8'), source);
  } else {
    const manifestPath = path.join(root, 'package.json');
    if (!existsSync(manifestPath)) return emptyConfig();
    const manifest = parseJson(readFileSync(manifestPath, 'utf8'), 'package.json') as Record<string, unknown>;
    if (manifest === null || typeof manifest !== 'object' || !('shipshape' in manifest)) return emptyConfig();
    source = 'package.json "shipshape"';
    raw = manifest.shipshape;
  }
  const problem = configProblem(raw);
  if (problem) throw new UsageError(describeProblem(source, problem), 'allowed keys: ignore, disable, severity, answers');
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
