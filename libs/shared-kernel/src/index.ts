export * from './event-envelope';
export * from './partial-date';
