import { describe, it } from 'vitest';
import clsx from 'clsx';

describe('price', () => it('renders', () => clsx('a')));
