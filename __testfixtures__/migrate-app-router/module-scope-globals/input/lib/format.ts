export const locale = typeof navigator === 'undefined' ? 'en' : navigator.language;

export function formatDate(date: Date): string {
  return date.toLocaleDateString(locale);
}
