export * from './embedded-event-store';
export * from './embedded-schema';
