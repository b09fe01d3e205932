/**
 * The layering of DESIGN §3, checked in CI (`npm run lint`).
 * core ← analysis ← app; sources and storage see only core; http, jobs and cli are thin adapters over app;
 * web reaches the server only through its typed API client.
 */
const layer = (name) => `^src/${name}/`;
const forbid = (name, from, to, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from },
  to: { path: to },
});

module.exports = {
  forbidden: [
    forbid('core-is-pure', layer('core'), '^src/(?!core/)', 'core imports only core'),
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'core has no I/O: no node builtins',
      from: { path: layer('core') },
      to: { dependencyTypes: ['core'] },
    },
    forbid('analysis-only-core', layer('analysis'), '^src/(?!(core|analysis)/)', 'analysis imports only core'),
    {
      name: 'analysis-no-io',
      severity: 'error',
      comment: 'analysis is pure and deterministic: no node builtins with I/O',
      from: { path: layer('analysis'), pathNot: '\\.(test|bench|eval)\\.ts$|/testing/' },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?(util|string_decoder)$' },
    },
    forbid('sources-not-storage', layer('sources'), '^src/(?!(core|sources)/)', 'sources see only core (never storage types)'),
    forbid('storage-only-core', layer('storage'), '^src/(?!(core|storage)/)', 'storage imports only core'),
    forbid('app-no-adapters', layer('app'), '^src/(http|jobs|cli|web|config)/', 'app is called by adapters, never the reverse'),
    forbid('jobs-over-app', layer('jobs'), '^src/(http|cli|web|sources|analysis)/', 'jobs call app'),
    forbid('http-over-app', layer('http'), '^src/(jobs|cli|web|sources|analysis)/', 'http calls app (or a repository for plain reads)'),
    forbid('cli-over-app', layer('cli'), '^src/(web|sources|analysis)/', 'cli calls app, exactly as http and jobs do'),
    {
      name: 'web-through-client',
      severity: 'error',
      comment: 'web talks to the server through its typed API client only (type-only imports of core allowed); its browser tests start the real server',
      from: { path: layer('web'), pathNot: '^src/web/e2e/' },
      to: { path: '^src/(?!web/)', pathNot: '^src/core/', dependencyTypesNot: ['type-only'] },
    },
    forbid('nothing-imports-web', '^src/(?!web/)', layer('web'), 'the server does not import browser code'),
    {
      name: 'no-test-support-in-product',
      severity: 'error',
      comment: 'product code does not import test support (test support may import test support)',
      // The browser tests' folder (src/web/e2e/) is test support as a whole: its harness starts the real server.
      from: { path: '^src/.*(?<!\\.test|\\.bench|\\.eval)\\.ts$', pathNot: '/testing/|^src/web/e2e/' },
      to: { path: '/testing/|\\.test\\.ts$' },
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
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
