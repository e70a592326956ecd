import * as path from 'path';
import * as ts from 'typescript';

/**
 * What the compiler says about code a newcomer writes. A `@ts-expect-error` type test can only say that a line
 * fails; these pin the words, by compiling snippets against src/ with the TypeScript compiler API (one program
 * for all of them: about 4 s).
 */
function compilerMessages(snippets: Record<string, string>): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(__dirname, '..', 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')); },
  })!;
  const header = "import { Chart } from 'cdk8s';\nimport { BatchJob, NodeAgent } from '../../src';\ndeclare const chart: Chart;\nexport { BatchJob, NodeAgent };\n";
  const files = new Map(Object.entries(snippets).map(([name, body]) => [path.join(__dirname, `snippet-${name}.ts`), header + body]));
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = files.get(fileName);
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion) : getSourceFile.call(host, fileName, languageVersion, ...rest);
  };
  host.fileExists = (fileName) => files.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => files.get(fileName) ?? readFile.call(host, fileName);
  const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true }, host);
  const messages: Record<string, string[]> = {};
  for (const [name] of Object.entries(snippets)) {
    const file = program.getSourceFile(path.join(__dirname, `snippet-${name}.ts`))!;
    messages[name] = ts.getPreEmitDiagnostics(program, file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return messages;
}

describe('compiler messages a newcomer meets', () => {
  const messages = compilerMessages({
    yamlEnv: "new BatchJob(chart, 'a', { containers: [{ name: 'app', image: 'app:1', env: [{ name: 'LOG_LEVEL', value: 'info' }] }] });",
    yamlEnvValueFrom: "new BatchJob(chart, 'a', { containers: [{ name: 'app', image: 'app:1', env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }] });",
    yamlEnvNumber: "new BatchJob(chart, 'a', { containers: [{ name: 'app', image: 'app:1', env: [{ name: 'PORT', value: 8080 }] }] });",
    mapEnvNumber: "new BatchJob(chart, 'a', { containers: [{ name: 'app', image: 'app:1', env: { PORT: 8080 } }] });",
    hostPort: "new NodeAgent(chart, 'a', { containers: [{ name: 'app', image: 'app:1', ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }] }] });",
  });

  test('env written as in YAML, a list of { name, value } or { name, valueFrom }, compiles', () => {
    expect(messages.yamlEnv).toEqual([]);
    expect(messages.yamlEnvValueFrom).toEqual([]);
  });

  test('a mistake in the YAML form of env is reported at the value, not as a map of secretKeyRef unions', () => {
    expect(messages.yamlEnvNumber).toEqual(["Type 'number' is not assignable to type 'string'."]);
  });

  test('a mistake in the map form of env names the variable and says its value must be an EnvValue', () => {
    expect(messages.mapEnvNumber).toEqual([
      "Type '{ PORT: number; }' is not assignable to type 'readonly EnvVar[] | EnvMap | undefined'.\n"
      + "  Types of property 'PORT' are incompatible.\n"
      + "    Type 'number' is not assignable to type 'EnvValue | undefined'.",
    ]);
  });

  test('hostPort is written next to its port, as in the manifest', () => {
    expect(messages.hostPort).toEqual([]);
  });
});
