import type { API, FileInfo } from 'jscodeshift';
import type { Changeset } from './changeset.ts';
import type { Project } from '../project/types.ts';
import type { Finding } from '../types.ts';

export type AnswerValue = string | number | boolean;
export type Answers = Record<string, AnswerValue>;

export interface Question {
  name: string;
  message: string;
  type: 'number' | 'string' | 'boolean';
  default: AnswerValue;
  /** For a number question: the smallest and largest answers allowed. */
  min?: number;
  max?: number;
  /** For a number question: only whole numbers. */
  integer?: boolean;
  /** For a string question: the answers allowed, each with what it means. */
  choices?: Array<{ value: string; name: string }>;
  /** Asked only by the interactive wizard: scripts, config and `--yes` always get the default. */
  wizardOnly?: boolean;
}

export interface TransformMeta {
  id: string;
  title: string;
  description: string;
  /** Safe fixes are preselected in the wizard and applied by `fix --yes`. */
  safe: boolean;
  /** Cheap text test: a file containing none of these is not parsed. */
  prefilter?: string[];
  /** Which files a file transform applies to in `shipshape transform`. */
  files?: (path: string) => boolean;
  questions?: Question[];
  /**
   * For an improvement no finding asks for: the wizard offers it (unchecked) when this says it
   * applies to the project. `fix --yes` never applies it; `shipshape transform` runs it on demand.
   */
  offer?: (project: Project) => boolean;
  /** Facts about the project a file transform needs (the schema's primary keys, say), passed along with the answers. */
  projectOptions?: (project: Project) => Promise<Answers>;
}

export type FileTransformFn = (file: FileInfo, api: API, options: Answers) => string | null | undefined;

export interface FileTransform {
  kind: 'file';
  meta: TransformMeta;
  transform: FileTransformFn;
  parser: string;
}

export interface ProjectTransformContext {
  project: Project;
  /** The findings this fix answers. */
  findings: readonly Finding[];
  options: Answers;
  changeset: Changeset;
}

export interface ProjectTransform {
  kind: 'project';
  meta: TransformMeta;
  /** Plans into ctx.changeset; never writes. */
  plan(ctx: ProjectTransformContext): void | Promise<void>;
}

export type Transform = FileTransform | ProjectTransform;
