/**
 * A summary of a `node --cpu-prof` profile: main-thread self time by package or source file, and the functions
 * with the most self time.
 *
 *   npx tsc -p bench/tsconfig.json
 *   node --cpu-prof --cpu-prof-dir=prof bench/.build/bench/run-one.js --variant ours --n 2500
 *   node bench/.build/bench/profile.js prof/*.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface CpuProfile {
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly callFrame: CallFrame }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function is: its package (the innermost node_modules folder), `src/<file>`, or what V8 calls it. */
function area(url: string, functionName: string): string {
  const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/src/')) return `src/${url.split('/src/').pop()}`;
  if (url.includes('/bench/')) return `bench/${url.split('/bench/').pop()}`;
  if (url) return `node:${basename(url)}`;
  return functionName; // (garbage collector), (program), (idle)
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const byArea = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      const frame = frames.get(id)!;
      const where = area(frame.url, frame.functionName);
      total += us;
      byArea.set(where, (byArea.get(where) ?? 0) + us);
      const name = `${frame.functionName || '(anonymous)'}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    });
    const line = ([name, us]: [string, number]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`;
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
    process.stdout.write([
      `${file}: ${(total / 1000).toFixed(0)} ms sampled on the main thread`,
      'self time by area:',
      ...sorted(byArea).slice(0, 12).map(line),
      'functions with the most self time (line numbers of the compiled JavaScript):',
      ...sorted(byFunction).slice(0, top).map(line),
      '',
    ].join('\n'));
  }
}

main();
