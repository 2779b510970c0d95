/** Layering held by a tool: the domain stays free of framework and I/O. Run by `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain library decides events from commands; no framework, storage or I/O.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: ['node_modules/@nestjs/', 'node_modules/@eventstore/', 'node_modules/better-sqlite3', '^fs$', '^node:fs', '^libs/event-store/', '^apps/'] },
    },
    {
      name: 'libs-do-not-depend-on-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'audit-is-framework-free',
      comment: 'The proof code must be reusable by a standalone verifier.',
      severity: 'error',
      from: { path: '^libs/audit/' },
      to: { path: ['node_modules/@nestjs/', 'node_modules/@eventstore/', 'node_modules/better-sqlite3'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
