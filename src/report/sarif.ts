import { fixCommand } from '../registry.ts';
import type { Severity } from '../types.ts';
import { SKIP_REASONS } from './text.ts';
import type { ReportInput } from './types.ts';

export const INFORMATION_URI = 'https://www.npmjs.com/package/shipshape';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** SARIF uris are URI references: `pages/api/[id].ts` must become `pages/api/%5Bid%5D.ts`. */
export function toUriReference(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export function renderSarif({ result, checks, version }: ReportInput): string {
  const rules = checks.map((check) => ({
    id: check.meta.id,
    name: check.meta.id,
    shortDescription: { text: check.meta.title },
    fullDescription: { text: check.meta.docs },
    help: {
      text: `${check.meta.docs}${check.meta.fix ? `\nFix: ${fixCommand(check.meta.fix, check.meta.id)}` : ''}`,
    },
    helpUri: `${INFORMATION_URI}#${check.meta.id}`,
    defaultConfiguration: { level: LEVEL[check.meta.severity] },
    properties: {
      category: check.meta.category,
      severity: check.meta.severity,
      fixable: check.meta.fix !== null,
      tags: [check.meta.category],
    },
  }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'shipshape', version, semanticVersion: version, informationUri: INFORMATION_URI, rules } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.skipped.map((skipped) => ({
              descriptor: { id: 'skipped-file' },
              level: 'note',
              message: { text: `${skipped.path} was not scanned: ${SKIP_REASONS[skipped.reason]}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: toUriReference(skipped.path), uriBaseId: 'SRCROOT' } } }],
              properties: { reason: skipped.reason },
            })),
          },
        ],
        originalUriBaseIds: { SRCROOT: { description: { text: 'The scanned project root.' } } },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUriReference(f.file), uriBaseId: 'SRCROOT' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          partialFingerprints: { 'shipshape/v1': f.fingerprint },
          properties: {
            severity: f.severity,
            category: f.category,
            messageId: f.messageId,
            ...(f.fix ? { fix: f.fix.id, fixSafe: f.fix.safe } : {}),
          },
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
