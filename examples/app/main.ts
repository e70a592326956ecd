import * as path from 'path';
import { buildApp } from './app';

const outdir = path.join(__dirname, 'dist');
const app = buildApp(outdir);
try {
  app.synth();
} catch (error) {
  // The constructs report every problem at once; print them without a stack trace.
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`Synthesized ${app.charts.length} chart(s) to ${outdir}:`);
for (const chart of app.charts) console.log(`  ${path.join(outdir, `${chart.node.id}.k8s.yaml`)}`);
