/**
 * Regenerates the README's example blocks from the example app, so the README cannot drift from it:
 *
 *     <!-- example:ordered-store -->
 *     (generated: the TypeScript of examples/app/ordered-store.ts, then the YAML its charts synthesize to)
 *     <!-- /example -->
 *
 * Run by `npx projen readme`; test/readme.test.ts fails when README.md is out of date. It lives in projenrc/ to be
 * type-checked and linted with the other build scripts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildApp } from '../examples/app/app';

const BLOCK = /<!-- example:([\w-]+) -->\n[\s\S]*?<!-- \/example -->/g;
const OPENING = /<!-- example:([\w-]+) -->/g;

/**
 * `readme` with every example block replaced by the source of `<exampleDir>/<name>.ts` and the YAML that the
 * charts of `app` whose classes that file exports synthesize to (`app` is synthesized to its outdir). Throws on a
 * marker without its closing marker and on an example with no chart in the app.
 */
export function renderReadme(readme: string, exampleDir: string, app: App): string {
  const blocks = [...readme.matchAll(BLOCK)];
  const openings = [...readme.matchAll(OPENING)];
  if (openings.length !== blocks.length) {
    const unclosed = openings.filter((o) => !blocks.some((b) => b.index === o.index)).map((o) => o[0]);
    throw new Error(`README example markers without a closing <!-- /example -->: ${unclosed.join(', ')}`);
  }
  if (blocks.length === 0) return readme;

  app.synth();
  return readme.replace(BLOCK, (_block, name: string) => {
    const file = path.join(exampleDir, `${name}.ts`);
    if (!fs.existsSync(file)) throw new Error(`README example '${name}': there is no ${file}`);
    // The module the app's charts came from (same module cache), to tell which charts this example holds.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(file) as Record<string, unknown>);
    const charts = app.charts.filter((chart) => exported.includes(chart.constructor));
    if (charts.length === 0) throw new Error(`README example '${name}': the app has no chart of a class that ${file} exports`);
    // What an app repo writes: the package name, not our relative path to src/.
    const source = fs.readFileSync(file, 'utf8').replace(/from '(\.\.\/)+src'/g, "from 'k8s-workloads'");
    // Exactly the files `cdk8s synth` writes for these charts.
    const yaml = charts.map((chart) => fs.readFileSync(path.join(app.outdir, `${chart.node.id}.k8s.yaml`), 'utf8')).join('---\n');
    return `<!-- example:${name} -->\n\`\`\`ts\n${source}\`\`\`\n\n\`\`\`yaml\n${yaml}\`\`\`\n<!-- /example -->`;
  });
}

/** README.md rendered from the example app (synthesized into a temporary directory). */
export function renderProjectReadme(): { before: string; after: string } {
  const root = path.join(__dirname, '..');
  const before = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-app-'));
  try {
    return { before, after: renderReadme(before, path.join(root, 'examples', 'app'), buildApp(outdir)) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { before, after } = renderProjectReadme();
  fs.writeFileSync(path.join(__dirname, '..', 'README.md'), after);
  console.log(after === before ? 'README.md is up to date' : 'README.md updated');
}
