// The import rules of src/main/README.md ("Folders, lowest first"), checked in `npm test` by
// src/main/testing/dependencies.test.ts. Paths are relative to the repository root.

/** The folder order of src/main/README.md, lowest first: a folder's domain modules may import only its own and earlier folders. */
const LAYERS = [
  'src/shared',
  'src/main/store',
  'src/main/keys',
  'src/main/jobs',
  'src/main/api',
  'src/main/audit',
  'src/main/settings',
  'src/main/access',
  'src/main/context',
  'src/main/privacy',
  'src/main/persons',
  'src/main/ingest',
  'src/main/detection',
  'src/main/policies',
  'src/main/groups',
  'src/main/scoring',
  'src/main/alerts',
  'src/main/users',
  'src/main/simulate',
  'src/main/imports',
  'src/main/cases',
  'src/main/(auth|accounts|app)',
];

const HANDLERS = '^src/main/[^/]+/handlers\\.ts$';
const TESTS = ['\\.test\\.tsx?$', '^src/main/testing/'];
const WORKERS = '^src/main/jobs/workers/';
const BACKEND = '^src/main/backend\\.ts$';
/** The transports and entry points, the top of the order. */
const TRANSPORTS = ['^src/main/index\\.ts$', '^src/main/(cli|harness|electron)/', WORKERS];
const MAIN_LAYERS = `^(${LAYERS.slice(1).join('|')})/`;

/** One rule per folder of src/main (src/shared has its own rule; the last holds handlers only): nothing from a later folder. */
const layerRules = LAYERS.slice(1, -1).map((layer, i) => ({
  name: `layer-order:${layer.replace('src/main/', '')}`,
  comment: 'A domain module uses only its own folder and earlier ones (src/main/README.md).',
  severity: 'error',
  from: { path: `^${layer}/`, pathNot: [HANDLERS, WORKERS, ...TESTS] },
  to: { path: `^(${LAYERS.slice(i + 2).join('|')})/`, pathNot: WORKERS },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes the load order fragile and the folders impossible to read one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'handlers-only-from-backend',
      comment: 'Handlers are wired by backend.ts alone; domain code shares behaviour through domain modules.',
      severity: 'error',
      from: { pathNot: [BACKEND, ...TESTS] },
      to: { path: HANDLERS },
    },
    {
      name: 'no-upward-to-entry-points',
      comment: 'Domain modules and handlers run under any transport, so they import none of them.',
      severity: 'error',
      from: { path: MAIN_LAYERS, pathNot: [WORKERS, ...TESTS] },
      to: { path: [BACKEND, ...TRANSPORTS] },
    },
    {
      name: 'tests-below-transports',
      comment: 'Tests and test support of the backend folders drive it through backend.ts, not a transport.',
      severity: 'error',
      from: { path: [`${MAIN_LAYERS}.*\\.test\\.ts$`, '^src/main/testing/'], pathNot: WORKERS },
      to: { path: TRANSPORTS },
    },
    {
      name: 'shared-is-pure',
      comment: 'src/shared is the contract both processes load: it imports neither of them.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer|preload)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // `import type` counts: a type-only cycle is still a cycle between the files.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
  },
};
