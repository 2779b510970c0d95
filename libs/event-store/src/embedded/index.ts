export * from './embedded-event-store';
export * from './embedded-schema';
export type { EventRow } from './global-log-queries';
