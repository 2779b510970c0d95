export * from './provenance';
export * from './reference.views';
export * from './meeting.view';
export * from './pledge.view';
export * from './ledger-view';
export * from './effective-view';
export * from './view-at';
