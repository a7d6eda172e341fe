// Counts kept for a report, cleared by the job that reads them: no request is limited by them.
export const searchCounts = new Map<string, number>();
