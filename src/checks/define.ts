import type { CheckMeta, FileCheck, FileCheckContext, FinishContext, ProjectCheck, ProjectCheckContext, Visitors } from '../types.ts';

/**
 * A check over each file's tree. Its visitors are keyed by node type and each receives that node's
 * type; its `messages` keys are the only `messageId`s its `report` accepts.
 */
export function defineCheck<const MessageId extends string>(check: {
  meta: CheckMeta<MessageId>;
  check(ctx: FileCheckContext<MessageId>): Visitors | void;
  finish?(ctx: FinishContext<MessageId>): void;
}): FileCheck {
  return { kind: 'file', ...check };
}

export function defineProjectCheck<const MessageId extends string>(check: {
  meta: CheckMeta<MessageId>;
  check(ctx: ProjectCheckContext<MessageId>): void;
}): ProjectCheck {
  return { kind: 'project', ...check };
}
