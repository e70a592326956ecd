/**
 * The YAML serializers we could write manifests with, on the same objects: the floor's manifests of N teams (what
 * our constructs render, as plain objects). Each serializer writes them as one multi-document string; CPU time per
 * call is the median of `--runs` calls after one warm-up call, in this one process, the serializers taking turns.
 * Also checked: whether each reads back right, for the adversarial strings, in every reader of the tests.
 *
 *   node bench/.build/bench/serializers.js [--n 2500] [--runs 5]      (after `npx tsc -p bench/tsconfig.json`)
 *   npm run bench -- --serializers                                    (the same, N = 2500)
 */
import { Yaml } from 'cdk8s';
import { stringify } from 'yaml';
import { comparableWorkloads } from './app';
import { median, renderTable } from './stats';
import { stringifyYaml } from '../src/synth/yaml-writer';
import { READERS } from '../test/synth/yaml-readers';

/** js-yaml's `dump`, if installed: it is not a dependency of ours, but comes with eslint (js-yaml 4). */
function jsYamlDump(): ((value: unknown, options: object) => string) | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
    return (require('js-yaml') as { dump: (value: unknown, options: object) => string }).dump;
  } catch {
    return undefined;
  }
}

/** A serializer: its name and how it writes many documents. */
interface Serializer {
  readonly name: string;
  readonly write: (documents: readonly object[]) => string;
}

export function serializers(): Serializer[] {
  const list: Serializer[] = [
    { name: 'cdk8s Yaml.stringify (yaml, YAML 1.1, lineWidth 0)', write: (docs) => Yaml.stringify(...docs) },
    { name: 'yaml stringify, YAML 1.2 defaults', write: (docs) => docs.map((d) => stringify(d)).join('---\n') },
    { name: 'our stringifyYaml', write: (docs) => stringifyYaml(...docs) },
    { name: 'JSON.stringify (not YAML: a lower bound)', write: (docs) => docs.map((d) => JSON.stringify(d)).join('\n') },
  ];
  const dump = jsYamlDump();
  if (dump) list.splice(2, 0, { name: 'js-yaml dump (noRefs, lineWidth -1)', write: (docs) => docs.map((d) => dump(d, { noRefs: true, lineWidth: -1 })).join('---\n') });
  return list;
}

/** Strings a YAML writer must quote (a sample of test/synth/yaml-writer.test.ts's). */
const ADVERSARIAL = ['0o17', '0o+5', '0b101', '0x_1F', '1_000', '1e3', '08', '.inf', '~', 'Null', '2002-12-14', '=', '<<', 'y', 'on', 'Off',
  ' lead', 'a #b', 'a: b', '- ', '|', '%', '@', '`', '!', '&a', "it's", 'a\nb', 'a\u2028b', 'a\u0085b', '\ufeffa', '\u0000', ''];

/** The adversarial strings some reader does not read back as written, e.g. `0o17 (go-yaml v2)`. */
function misread(serializer: Serializer): string[] {
  const wrong: string[] = [];
  for (const s of ADVERSARIAL) {
    const text = serializer.write([{ [s]: s }]);
    for (const [reader, read] of READERS) {
      let back: unknown;
      try {
        back = read(text)[0];
      } catch {
        back = undefined;
      }
      if (JSON.stringify(back) !== JSON.stringify({ [s]: s })) wrong.push(`${JSON.stringify(s)} (${reader})`);
    }
  }
  return wrong;
}

function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const n = option('n', 2500);
  const runs = option('runs', 5);
  const kinds = comparableWorkloads();
  const documents: object[] = [];
  for (let i = 0; i < n; i++) for (const kind of kinds) documents.push(...kind.floor(i));

  const list = serializers();
  const times = new Map<string, number[]>(list.map((s) => [s.name, []]));
  const chars = new Map<string, number>();
  for (const s of list) chars.set(s.name, s.write(documents).length); // warm-up
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < list.length; k++) {
      const s = list[(k + run) % list.length];
      times.get(s.name)!.push(cpuMs(() => s.write(documents)));
    }
  }
  const ours = median(times.get('our stringifyYaml')!);
  process.stdout.write(`${documents.length} documents (N = ${n}: ${kinds.length} workloads per team), median CPU time of ${runs} calls after a warm-up.\n\n`);
  process.stdout.write(`${renderTable(['serializer', 'CPU', '÷ ours', 'characters', 'adversarial strings misread'],
    list.map((s) => {
      const t = median(times.get(s.name)!);
      const wrong = s.name.startsWith('JSON') ? ['–'] : misread(s);
      return [s.name, `${t.toFixed(0)} ms`, `${(t / ours).toFixed(2)}×`, String(chars.get(s.name)), wrong.length === 0 ? 'none' : `${wrong.length}: ${wrong.join(', ')}`];
    }))}\n`);
}

if (require.main === module) main();
