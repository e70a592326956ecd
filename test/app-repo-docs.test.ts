import * as fs from 'fs';
import * as path from 'path';
import { APP_CDK8S_YAML, APP_DEV_INSTALL, APP_INSTALL, APP_TSCONFIG, appMainTs } from './app-repo';

// The quick start must be what test/app-repo.e2e.test.ts proves works: the same commands and files, verbatim.
const docs = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('README quick start', () => {
  test('shows the install commands of the tested app repo', () => {
    expect(docs).toContain(`\`\`\`sh\n${APP_INSTALL}\n${APP_DEV_INSTALL}\n\`\`\``);
  });

  test('shows the tested tsconfig.json, cdk8s.yaml and main.ts (test/fixtures/app-repo/main.ts)', () => {
    expect(docs).toContain(`\`\`\`json\n${APP_TSCONFIG}\`\`\``);
    expect(docs).toContain(`\`\`\`yaml\n${APP_CDK8S_YAML}\`\`\``);
    expect(docs).toContain(`\`\`\`ts\n${appMainTs()}\`\`\``);
  });
});
