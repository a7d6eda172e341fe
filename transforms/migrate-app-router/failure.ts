/**
 * One file the migration cannot convert, and why. `internal` marks shipshape's own fault (a conversion
 * that would drop code, or output that does not parse) rather than something in the app.
 */
export class PlanFailure extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly internal = false,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'PlanFailure';
  }
}
