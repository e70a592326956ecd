import * as path from 'path';
import { buildApp } from './app';
import { synth } from '../../src';

const outdir = path.join(__dirname, 'dist');
const app = buildApp(outdir);
let written: string[];
try {
  // Our synth rather than app.synth(): the same files, with every string kubectl could misread quoted.
  written = synth(app);
} catch (error) {
  // The constructs report every problem at once; print them without a stack trace.
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`Synthesized ${app.charts.length} chart(s) to ${outdir}:`);
for (const file of written) console.log(`  ${file}`);
