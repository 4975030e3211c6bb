/** Jest runs TypeScript through swc; ESM-only packages (feelin and its parser) are transformed too. */
const esmOnly = ['feelin', '@lezer', 'lezer-feel', 'min-dash', '@bpmn-io', 'luxon', 'temporal-polyfill', 'temporal-utils'];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/data/', '/.cache/'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/temporal/global-setup.ts',
  globalTeardown: '<rootDir>/test/temporal/global-teardown.ts',
};
