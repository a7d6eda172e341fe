import type { NextRouter } from 'next/router';

export const isActive = (router: NextRouter, href: string) => router.pathname === href;
