'use client';
import { apiBase } from '../lib/config';

export function Settings() {
  const { ANALYTICS_HOST } = process.env;
  return (
    <a href={`${apiBase}/settings?mode=${process.env.NODE_ENV}`} data-host={ANALYTICS_HOST}>
      {process.env.SUPPORT_EMAIL} {process.env.NEXT_PUBLIC_APP_NAME}
    </a>
  );
}
