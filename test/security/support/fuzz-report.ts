/** What the run found; `serverErrors`, `refusedButWrote`, `hung` and `malformedErrors` must stay 0. */
export interface FuzzReport {
  cases: number;
  operations: number;
  byStatus: Record<string, number>;
  /** Answers by status per route (`GET /v1/pledges`). */
  byRoute: Record<string, Record<string, number>>;
  serverErrors: number;
  refusedButWrote: number;
  hung: number;
  malformedErrors: number;
  routesNeverReached: string[];
  examples: string[];
}
