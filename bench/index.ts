/**
 * Benchmark dispatcher, built to out/main/bench.js: `node out/main/bench.js <name> [args…]` runs the
 * `run(args)` of bench/<name>.ts. Every figure is printed as a `name: value unit` line; nothing is
 * asserted (benchmarks are not tests). Add a benchmark by adding bench/<name>.ts.
 */
const benches = import.meta.glob<{ run(args: string[]): Promise<void> }>(['./*.ts', '!./index.ts', '!./*.test.ts']);

/** The benchmark names available. */
export function benchNames(): string[] {
  return Object.keys(benches)
    .map((path) => /\.\/(.+)\.ts$/.exec(path)![1]!)
    .sort();
}

/** Runs one benchmark by name. */
export async function runBench(name: string, args: string[]): Promise<void> {
  const load = benches[`./${name}.ts`];
  if (!load) throw new Error(`no benchmark "${name}" (available: ${benchNames().join(', ') || 'none'})`);
  const module = await load();
  await module.run(args);
}

if (require.main === module) {
  const [name, ...args] = process.argv.slice(2);
  if (!name) {
    process.stderr.write(`usage: npm run bench -- <name> [args]  (available: ${benchNames().join(', ')})\n`);
    process.exitCode = 2;
  } else {
    runBench(name, args).catch((error: unknown) => {
      process.stderr.write(`bench ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
  }
}
