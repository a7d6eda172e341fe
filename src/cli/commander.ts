import type * as Commander from 'commander';
import { requirePackage } from '../engine/require-package.cjs';

export const { Command, CommanderError, Help, Option } = requirePackage<typeof Commander>('commander');
export type Command = Commander.Command;
