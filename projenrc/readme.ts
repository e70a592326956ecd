/**
 * Regenerates the README's example blocks from the example app, and its props tables from the TSDoc, so the README
 * cannot drift from either:
 *
 *     <!-- example:ordered-store -->
 *     (generated: the TypeScript of examples/app/ordered-store.ts, then the YAML its charts synthesize to)
 *     <!-- /example -->
 *
 *     <!-- props:OrderedStoreProps -->
 *     (generated: a table of the interface's props, with their @default and summary)
 *     <!-- /props -->
 *
 * Run by `npx projen readme`; test/readme.test.ts fails when README.md is out of date. It lives in projenrc/ to be
 * type-checked and linted with the other build scripts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as ts from 'typescript';
import { buildApp } from '../examples/app/app';

const BLOCK = /<!-- example:([\w-]+) -->\n[\s\S]*?<!-- \/example -->/g;
const OPENING = /<!-- example:([\w-]+) -->/g;
const PROPS_BLOCK = /<!-- props:(\w+) -->\n[\s\S]*?<!-- \/props -->/g;
const PROPS_OPENING = /<!-- props:(\w+) -->/g;

/** Throws on an opening marker that has no closing marker (its block would silently stay stale). */
function checkClosed(readme: string, opening: RegExp, block: RegExp, closing: string): number {
  const blocks = [...readme.matchAll(block)];
  const unclosed = [...readme.matchAll(opening)].filter((o) => !blocks.some((b) => b.index === o.index)).map((o) => o[0]);
  if (unclosed.length > 0) throw new Error(`README markers without a closing ${closing}: ${unclosed.join(', ')}`);
  return blocks.length;
}

/**
 * `readme` with every example block replaced by the source of `<exampleDir>/<name>.ts` and the YAML that the
 * charts of `app` whose classes that file exports synthesize to (`app` is synthesized to its outdir). Throws on a
 * marker without its closing marker and on an example with no chart in the app.
 */
export function renderReadme(readme: string, exampleDir: string, app: App): string {
  if (checkClosed(readme, OPENING, BLOCK, '<!-- /example -->') === 0) return readme;

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

/** A table cell: one line, pipes escaped, and `<` outside code spans escaped (else it reads as an HTML tag). */
function cell(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
  return line.split('`').map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;') : part)).join('`');
}

/** The first sentence: a table row stays short, the API reference has the rest. */
function firstSentence(text: string): string {
  return text.match(/^[\s\S]*?\.(?=\s+[A-Z]|\s*$)/)?.[0] ?? text;
}

/**
 * `readme` with every props block replaced by a table of the props the interface declares (name linked to its
 * `@see`, `@default` or "required", the summary's first sentence), and a line naming the interfaces it extends. The interface must
 * be exported by `entry`.
 */
export function renderPropsTables(readme: string, entry: string): string {
  if (checkClosed(readme, PROPS_OPENING, PROPS_BLOCK, '<!-- /props -->') === 0) return readme;
  const program = ts.createProgram([entry], { strict: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
  return readme.replace(PROPS_BLOCK, (_block, name: string) => {
    const declaration = exported.find((symbol) => symbol.name === name)?.declarations?.find(ts.isInterfaceDeclaration);
    if (!declaration) throw new Error(`README props table '${name}': ${entry} exports no interface ${name}`);
    const rows = declaration.members.filter(ts.isPropertySignature).map((member) => {
      const tags = ts.getJSDocTags(member);
      const see = tags.find((tag) => tag.tagName.text === 'see')?.getText().match(/https?:\/\/\S+/)?.[0];
      const defaultTag = tags.find((tag) => tag.tagName.text === 'default');
      const defaultText = defaultTag ? (ts.getTextOfJSDocComment(defaultTag.comment) ?? '').replace(/^- /, '') : '';
      const summary = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc).map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ');
      const prop = see ? `[\`${member.name.getText()}\`](${see})` : `\`${member.name.getText()}\``;
      return `| ${prop} | ${member.questionToken ? cell(defaultText) : 'required'} | ${cell(firstSentence(summary))} |`;
    });
    const bases = (declaration.heritageClauses ?? []).flatMap((clause) => clause.types.map((type) => `\`${type.expression.getText()}\``));
    const inherited = bases.length > 0 ? `\nAnd every prop of ${bases.join(', ')}.\n` : '';
    return `<!-- props:${name} -->\n| prop | default | what it is |\n|---|---|---|\n${rows.join('\n')}\n${inherited}<!-- /props -->`;
  });
}

/** README.md rendered from the example app (synthesized into a temporary directory) and the TSDoc of src/. */
export function renderProjectReadme(): { before: string; after: string } {
  const root = path.join(__dirname, '..');
  const before = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-app-'));
  try {
    const withExamples = renderReadme(before, path.join(root, 'examples', 'app'), buildApp(outdir));
    return { before, after: renderPropsTables(withExamples, path.join(root, 'src', 'index.ts')) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { before, after } = renderProjectReadme();
  fs.writeFileSync(path.join(__dirname, '..', 'README.md'), after);
  console.log(after === before ? 'README.md is up to date' : 'README.md updated');
}
