import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { renderProjectReadme, renderPropsTables, renderReadme } from '../projenrc/readme';
import { AgentChart } from './fixtures/readme/agent';
import { StoreChart } from './fixtures/readme/store';

const fixtures = path.join(__dirname, 'fixtures', 'readme');
const fixtureReadme = fs.readFileSync(path.join(fixtures, 'README.md'), 'utf8');
const gapsFixture = path.join(__dirname, 'fixtures', 'tsdoc', 'gaps.ts');

function fixtureApp(): App {
  const app = Testing.app();
  new AgentChart(app, 'agent');
  new StoreChart(app, 'store');
  return app;
}

/** The lines between `<!-- example:name -->` and `<!-- /example -->`. */
function block(readme: string, name: string): string {
  const start = readme.indexOf(`<!-- example:${name} -->\n`);
  const end = readme.indexOf('<!-- /example -->', start);
  expect(start).toBeGreaterThanOrEqual(0);
  return readme.slice(start, end);
}

describe('README example blocks', () => {
  test('README.md is up to date with the example app (run `npx projen readme`)', () => {
    const { before, after } = renderProjectReadme();
    expect(after).toEqual(before);
  });

  test('a block gets the example source, importing the package, and the YAML its chart synthesizes', () => {
    const readme = renderReadme(fixtureReadme, fixtures, fixtureApp());
    const agent = block(readme, 'agent');
    expect(agent).not.toContain('stale text');
    expect(agent).toContain("```ts\nimport { Chart } from 'cdk8s';\n");
    expect(agent).toContain("import { NodeAgent } from 'k8s-workloads';\n");
    expect(agent).not.toContain('../src');
    expect(agent).toContain('export class AgentChart extends Chart {');
    expect(agent).toContain('```yaml\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fixture-agent\n');
    expect(agent).not.toContain('StatefulSet');

    const store = block(readme, 'store');
    expect(store).toContain("import { OrderedStore } from 'k8s-workloads';\n");
    expect(store).toContain('kind: StatefulSet');
    expect(store).toContain('name: fixture-store');
    expect(store).not.toContain('DaemonSet');
  });

  test('text outside the blocks is kept, and a second run changes nothing', () => {
    const once = renderReadme(fixtureReadme, fixtures, fixtureApp());
    expect(once.startsWith('# A README with example blocks\n\nText before the blocks stays as it is.\n\n## NodeAgent\n\n<!-- example:agent -->\n')).toBe(true);
    expect(once.endsWith('<!-- /example -->\n\nText after the blocks stays as it is.\n')).toBe(true);
    expect(renderReadme(once, fixtures, fixtureApp())).toEqual(once);
  });

  test('fails on a marker without its closing marker', () => {
    expect(() => renderReadme('<!-- example:agent -->\nno end\n', fixtures, fixtureApp()))
      .toThrow('README markers without a closing <!-- /example -->: <!-- example:agent -->');
  });

  test('fails on an example with no file, or with no chart in the app', () => {
    expect(() => renderReadme('<!-- example:nothing -->\n<!-- /example -->\n', fixtures, fixtureApp()))
      .toThrow(`README example 'nothing': there is no ${path.join(fixtures, 'nothing.ts')}`);
    const onlyAgent = Testing.app();
    new AgentChart(onlyAgent, 'agent');
    expect(() => renderReadme('<!-- example:store -->\n<!-- /example -->\n', fixtures, onlyAgent))
      .toThrow(`README example 'store': the app has no chart of a class that ${path.join(fixtures, 'store.ts')} exports`);
  });

  test('a props block gets a table of the props the interface declares: linked name, default, first sentence', () => {
    const readme = renderPropsTables('before\n<!-- props:WidgetProps -->\nstale\n<!-- /props -->\nafter\n', gapsFixture);
    expect(readme).toEqual([
      'before',
      '<!-- props:WidgetProps -->',
      '| prop | default | what it is |',
      '|---|---|---|',
      '| [`complete`](https://kubernetes.io/docs/concepts/workloads/) | 1 | Complete: summary, link and default. |',
      "| [`described`](https://kubernetes.io/docs/concepts/workloads/pods/) | &lt;metadata.name> of the widget | Complete, with a default that is described, and a summary over two lines that holds a pipe: `'a' \\| 'b'` and `<angle>` brackets. |",
      '| [`required`](https://kubernetes.io/docs/concepts/workloads/) | required | A required prop needs no default. |',
      '| [`noSummary`](https://kubernetes.io/docs/concepts/workloads/) | 1 |  |',
      '| `noLink` | 1 | No link. |',
      '| `linkInText` | 1 | A link in the text is not an `@see` link: https://kubernetes.io/docs/concepts/workloads/ |',
      '| [`noDefault`](https://kubernetes.io/docs/concepts/workloads/) |  | No default. |',
      '| `undocumented` |  |  |',
      '<!-- /props -->',
      'after',
      '',
    ].join('\n'));
  });

  test('a props table names the interfaces the props interface extends', () => {
    expect(renderPropsTables('<!-- props:WidgetRollingOptions -->\n<!-- /props -->\n', gapsFixture)).toEqual([
      '<!-- props:WidgetRollingOptions -->',
      '| prop | default | what it is |',
      '|---|---|---|',
      '| [`emptyDefault`](https://kubernetes.io/docs/concepts/workloads/) |  | An empty default. |',
      '',
      'And every prop of `WidgetProps`.',
      '<!-- /props -->',
      '',
    ].join('\n'));
  });

  test('fails on a props marker without its closing marker, or naming no exported interface', () => {
    expect(() => renderPropsTables('<!-- props:WidgetProps -->\n', gapsFixture))
      .toThrow('README markers without a closing <!-- /props -->: <!-- props:WidgetProps -->');
    expect(() => renderPropsTables('<!-- props:HiddenProps -->\n<!-- /props -->\n', gapsFixture))
      .toThrow(`README props table 'HiddenProps': ${gapsFixture} exports no interface HiddenProps`);
  });
});
