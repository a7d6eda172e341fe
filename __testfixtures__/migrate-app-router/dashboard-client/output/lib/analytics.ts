export const visits: string[] = [];

export function pageview(url: string): void {
  visits.push(url);
}
