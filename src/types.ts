import type { File as BabelFile, Node } from '@babel/types';
import type { Project, SkippedFile } from './project/types.ts';
import type { Severity } from './severity.ts';

export { SEVERITIES, severityRank, type Severity } from './severity.ts';

export interface CheckMeta<MessageId extends string = string> {
  /** Equals the file name, the fixture folder and what users type. */
  id: string;
  title: string;
  severity: Severity;
  category: string;
  /**
   * Each reason the check reports, by a stable id: the template of its message, whose `{{name}}`
   * placeholders are filled from the finding's `data`. Fixtures assert the id, so a check that fires
   * for the wrong reason fails its tests.
   */
  messages: Record<MessageId, string>;
  docs: string;
  /**
   * A cheap test before parsing: a file containing none of these strings (or for which the
   * function answers false) is neither parsed nor checked. A function must over-approximate.
   */
  prefilter?: string[] | ((text: string, project: Project, file: string) => boolean);
  /** Which project files the check reads; file checks default to JS/TS sources. */
  files?: (path: string) => boolean;
  /** A transform id, or null when the fix is manual. */
  fix: string | null;
  /** The check's `finish` asks the client graph: the scan then notes each file's imports as it reads it. */
  clientGraph?: boolean;
  /** Other transforms some of its findings name as their fix (see `ReportInput.fix`). */
  otherFixes?: string[];
  /** What it finds, in full: the checks table and `docs/checks/<id>.md` print it. */
  finds: string;
  /** The other severities some of its findings take, and when (`low in tests and fixtures`). */
  severityNote?: string;
  /** The official pages the check's facts rest on. */
  sources: readonly DocSource[];
}

export interface ScanResult {
  findings: Finding[];
  suppressed: number;
  files: number;
  bytes: number;
  skipped: SkippedFile[];
  durationMs: number;
}

/** What reports and the scan cache need of a check: its description, not its code. */
export interface CheckInfo {
  meta: Pick<CheckMeta, 'id' | 'title' | 'severity' | 'category' | 'docs' | 'fix'>;
}

export interface DocSource {
  title: string;
  url: string;
}

export interface Location {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface ReportInput<MessageId extends string = string> {
  node?: Node;
  loc?: Location;
  /** Which of the check's `messages` says why it fired. */
  messageId: MessageId;
  /** Values the report must never print in full, masked in the message even where `data` holds them. */
  secrets?: string[];
  /** The message's placeholders, and the facts a fix needs; never printed but through the message. */
  data?: Record<string, unknown>;
  /** This finding's own severity, where it differs from the check's (a secret in a test file, say). */
  severity?: Severity;
  /** This finding's own fix, one of the check's `otherFixes`, where the check's usual fix is not the right one. */
  fix?: string;
  /** A credential that has leaked (into a bundle, into git history) and must be replaced, whatever is fixed. */
  rotate?: Rotation;
}

export interface Rotation {
  /** What to rotate, never its value: a variable name, or a description with a masked prefix. */
  key: string;
  why: string;
}

export interface ProjectReportInput<MessageId extends string = string> extends ReportInput<MessageId> {
  file: string;
  /** The finding is about the file as a whole: it sits at 1:1 and shows no code frame. */
  wholeFile?: boolean;
}

export type NodeOfType<Type extends Node['type']> = Extract<Node, { type: Type }>;
export type Visitor<Visited extends Node = Node> = (node: Visited, ancestors: readonly Node[]) => void;
/**
 * Visitors by node type, each handed the node of its type, as typescript-eslint's `RuleListener`;
 * `<Type>:exit` runs after the node's children, as in ESLint.
 */
export type Visitors = { [Type in Node['type']]?: Visitor<NodeOfType<Type>> } & {
  [Type in Node['type'] as `${Type}:exit`]?: Visitor<NodeOfType<Type>>;
};

export interface SourceFile {
  /** Relative to the scanned root, with forward slashes. */
  path: string;
  text: string;
}

export interface FileCheckContext<MessageId extends string = string> {
  project: Project;
  file: SourceFile;
  /** The shared tree; null for a file that is not JavaScript or TypeScript (a check's `files` may ask for those). */
  ast: BabelFile | null;
  report(input: ReportInput<MessageId>): void;
  /** Records a fact for the check's `finish`, which sees the facts of every file at once. */
  collect(fact: unknown): void;
}

export interface FinishContext<MessageId extends string = string> {
  project: Project;
  /** What `collect` recorded, from every file, in no set order: sort before listing. */
  facts: unknown[];
  report(input: ProjectReportInput<MessageId>): void;
}

export interface ProjectCheckContext<MessageId extends string = string> {
  project: Project;
  report(input: ProjectReportInput<MessageId>): void;
}

export interface FileCheck {
  kind: 'file';
  meta: CheckMeta;
  check(ctx: FileCheckContext): Visitors | void;
  /** Runs once after every file was checked: for findings that need the whole project. */
  finish?(ctx: FinishContext): void;
}

export interface ProjectCheck {
  kind: 'project';
  meta: CheckMeta;
  check(ctx: ProjectCheckContext): void;
}

export type Check = FileCheck | ProjectCheck;

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  title: string;
  /** Which of the check's `messages` the finding gives. */
  messageId: string;
  /** That message, its placeholders filled and secrets masked. */
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  fix: { id: string; safe: boolean } | null;
  rotate?: Rotation;
  /** The message's placeholders and the facts a fix needs; never printed. */
  data?: Record<string, unknown>;
  /**
   * The source around the finding, secrets already masked and long lines cut to a window around
   * `column` (the finding's column in the shown line), for code frames;
   * absent for findings about a file as a whole. Never serialised.
   */
  context?: { firstLine: number; lines: string[]; column: number };
}
