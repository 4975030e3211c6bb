// Lint rules. The one that matters most: core/, the shared turn loop (host/loop/) and the
// Temporal workflows (host/temporal/workflows/) stay deterministic (no clock, no randomness, no
// I/O), because the embedded engine, the Temporal workflow and the replayer must compute the same
// decision from the same events. Time comes in as a parameter.
const tseslint = require('typescript-eslint');

const forbiddenSyntax = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core/ and workflows/ must not read the clock: take `now` as a parameter.' },
  { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the clock: take `now` as a parameter.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Date.now() reads the clock: take `now` as a parameter.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Math.random() is not deterministic: derive ids from the session id and a sequence number.' },
  { selector: "MemberExpression[object.name='crypto']", message: 'crypto is randomness or I/O: do it in a host (host/embedded/, activities/, host/temporal/worker/).' },
];
const forbiddenGlobals = ['process', 'setTimeout', 'setInterval', 'setImmediate', 'performance', 'fetch', 'XMLHttpRequest', 'WebSocket', 'require']
  .map((name) => ({ name, message: `${name} is I/O, time or environment: core/ and workflows/ receive everything as parameters.` }));
const forbiddenImports = {
  patterns: [
    { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'http2', 'child_process', 'crypto', 'dgram', 'dns', 'tls', 'worker_threads', 'cluster', 'readline'], message: 'No I/O in core/ or workflows/: put it in a host.' },
    { group: ['better-sqlite3', 'openai', 'nodemailer', 'smtp-server', 'hono', '@hono/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'core/ and workflows/ must not use I/O libraries.' },
    { group: ['**/engine/**', '**/engine', '**/activities/**', '**/activities', '**/channels/**', '**/cli/**', '**/worker/**', '**/catalog/**', '**/catalog', '**/temporal/**', '**/llm/**', '**/audit/**', '**/embedded/**', '**/platform/**', '**/store/**', '**/store'], message: 'core/ and workflows/ import only core/ (dependencies point inwards).' },
  ],
};

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '.cache/**', 'test-output/**', 'schema/**', 'channels/web/dist/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name=/^(only|skip|todo)$/][callee.object.name=/^(it|test|describe)$/]", message: 'Every test runs: no .only, .skip or .todo.' }],
    },
  },
  {
    // Under tsx/cjs (how the CLI and serve run) `import()` of a relative .ts path or folder fails
    // with "Cannot find module"; jest's transform hides that. Lazy loads use require().
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', 'test/**'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name=/^(only|skip|todo)$/][callee.object.name=/^(it|test|describe)$/]", message: 'Every test runs: no .only, .skip or .todo.' },
        { selector: "ImportExpression[source.value=/^\\./]", message: 'import() of a relative path fails under tsx/cjs at run time: use require() (typed with `as typeof import(...)`).' }],
    },
  },
  {
    files: ['core/**/*.ts', 'host/loop/**/*.ts', 'host/temporal/workflows/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...forbiddenSyntax],
      'no-restricted-globals': ['error', ...forbiddenGlobals],
      'no-restricted-imports': ['error', forbiddenImports],
    },
  },
);
