// Two projects: pure unit tests (fast, no testbed) and integration tests that run the
// bundled dist/ entry points against the real testbed (scripts/testbed.sh).
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
}
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest
}
export default {
  // Integration builds take seconds to minutes; unit tests finish in milliseconds either way.
  testTimeout: 600000,
  reporters: ['default', '<rootDir>/__tests__/count-reporter.cjs'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts']
    }
  ]
}
