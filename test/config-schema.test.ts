import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, configProblem } from '../src/project/config.ts';

const samples: unknown[] = [
  {},
  {
    ignore: ['dist/**'],
    disable: ['missing-lockfile'],
    severity: { 'missing-lockfile': 'low' },
    answers: { pageSize: 50, force: true, routes: '' },
  },
  { $schema: './schema.json' },
  null,
  [],
  'ignore',
  3,
  { ignores: [] },
  { ignore: [], extra: 1, other: 2 },
  { ignore: 'dist' },
  { ignore: ['dist', 3] },
  { ignore: ['dist', ''] },
  { disable: [''] },
  { disable: {} },
  { severity: { 'missing-lockfile': 'urgent' } },
  { severity: { a: 'low', b: 3 } },
  { severity: [] },
  { severity: null },
  { answers: { pageSize: null } },
  { answers: { pageSize: [100] } },
  { answers: 'none' },
  { $schema: 1 },
  { unknown: 1, ignore: 'dist' },
  { ignore: 'dist', severity: { x: 'nope' } },
  { severity: { x: 'nope' }, ignore: 'dist' },
  { constructor: 1 },
  { toString: [] },
];

describe('the configuration schema', () => {
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(CONFIG_SCHEMA);

  it.each(samples.map((sample) => [JSON.stringify(sample), sample]))('judges %s as ajv does', (_, sample) => {
    const valid = validate(sample);
    const first = validate.errors?.[0];
    const expected = valid
      ? null
      : {
          path: first!.instancePath.split('/').slice(1),
          keyword: first!.keyword,
          message: first!.message,
          ...(first!.keyword === 'additionalProperties'
            ? { key: (first!.params as { additionalProperty: string }).additionalProperty }
            : {}),
        };
    expect(configProblem(sample)).toEqual(expected);
  });
});
