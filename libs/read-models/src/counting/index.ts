export * from './agreement';
export * from './parties';
export * from './attribution';
export * from './coverage';
export * from './occurrences';
export * from './tally-scopes';
