import type { CheckMeta, FileCheck, FileCheckContext, FinishContext, ProjectCheck, ProjectCheckContext, Visitors } from '../types.ts';

export function defineCheck(check: {
  meta: CheckMeta;
  check(ctx: FileCheckContext): Visitors | void;
  finish?(ctx: FinishContext): void;
}): FileCheck {
  return { kind: 'file', ...check };
}

export function defineProjectCheck(check: { meta: CheckMeta; check(ctx: ProjectCheckContext): void }): ProjectCheck {
  return { kind: 'project', ...check };
}
