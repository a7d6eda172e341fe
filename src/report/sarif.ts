import { SKIP_REASONS } from './text.ts';
import type { ReportInput } from './types.ts';
import { repoPathOf } from './repo-paths.ts';
import { REPOSITORY_URL, sarifLevel, sarifRule } from './sarif-rules.ts';
import { toUriReference } from './sarif-uri.ts';

export { toUriReference };

/** GitHub rejects a run with more results than this, and shows the 5,000 most severe. */
export const MAX_SARIF_RESULTS = 25_000;

export function renderSarif({ project, result, checks, version, sarifCategory, fixes }: ReportInput): string {
  const repoPath = repoPathOf(project);
  const uriOf = (file: string) => ({ uri: toUriReference(repoPath(file)), uriBaseId: 'SRCROOT' });
  const rules = checks.map(sarifRule);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const findings = result.findings.slice(0, MAX_SARIF_RESULTS);
  const unparsable = result.findings.filter((f) => f.ruleId === 'parse-error');
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'shipshape', version, semanticVersion: version, informationUri: REPOSITORY_URL, rules } },
        automationDetails: { id: `${sarifCategory ?? 'shipshape'}/` },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...result.skipped.map((skipped) => ({
                descriptor: { id: 'skipped-file' },
                level: 'note',
                message: { text: `${skipped.path} was not scanned: ${SKIP_REASONS[skipped.reason]}` },
                locations: [{ physicalLocation: { artifactLocation: uriOf(skipped.path) } }],
                properties: { reason: skipped.reason },
              })),
              ...unparsable.map((f) => ({
                descriptor: { id: 'unparsable-file' },
                level: 'warning',
                message: { text: `${f.file} could not be parsed, so only checks that read text ran on it: ${f.message}` },
                locations: [{ physicalLocation: { artifactLocation: uriOf(f.file) } }],
              })),
              ...(result.findings.length > findings.length
                ? [
                    {
                      descriptor: { id: 'results-truncated' },
                      level: 'warning',
                      message: {
                        text: `${result.findings.length - findings.length} findings left out: GitHub accepts ${MAX_SARIF_RESULTS} per run`,
                      },
                    },
                  ]
                : []),
            ],
          },
        ],
        originalUriBaseIds: {
          SRCROOT: { description: { text: 'The root of the git repository, or the scanned folder outside git.' } },
        },
        results: findings.map((f) => {
          const fix = fixes?.get(f);
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId),
            level: sarifLevel(f.severity),
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: uriOf(f.file),
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                },
              },
            ],
            partialFingerprints: { 'shipshape/v1': f.fingerprint },
            ...(fix ? { fixes: [fix] } : {}),
            properties: {
              severity: f.severity,
              category: f.category,
              messageId: f.messageId,
              ...(f.fix ? { fix: f.fix.id, fixSafe: f.fix.safe } : {}),
            },
          };
        }),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
