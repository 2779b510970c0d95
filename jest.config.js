/** Test tiers by file suffix: *.unit.spec.ts (no I/O), *.int.spec.ts (real embedded store / HTTP), *.contract.spec.ts, *.e2e.spec.ts. */
const moduleNameMapper = {
  '^@concordat/ledger-api$': '<rootDir>/apps/ledger-api/src',
  '^@concordat/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@concordat/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const base = { rootDir: __dirname, moduleFileExtensions: ['ts', 'js', 'json'], testEnvironment: 'node', transform, moduleNameMapper };

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps}/**/*.unit.spec.ts', '<rootDir>/test/**/*.unit.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{libs,apps,test}/**/*.{int,contract,e2e}.spec.ts'] },
  ],
};
