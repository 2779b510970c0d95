/** The read side: a pure view of the ledger, the reports cut from it, and the SQLite projection that serves them. */
export * from './ledger-view';
export * from './counting';
export * from './reports';
export * from './projection';
