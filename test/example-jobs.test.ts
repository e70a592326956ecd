import { Testing } from 'cdk8s';
import { JobsChart } from '../examples/app/jobs';
import { validateManifest } from '../src';
import { manifestsOfKind } from './util';

describe('example JobsChart', () => {
  const chart = new JobsChart(Testing.app(), 'jobs');

  test('emits the migration Job and the nightly CronJob, both valid for the 1.27 API server', () => {
    const manifests = Testing.synth(chart);
    expect(manifests.map((m: any) => `${m.kind}/${m.metadata.name}`)).toEqual(['Job/shop-migrate-4-2-0', 'CronJob/nightly-sales-report']);
    for (const manifest of manifests) expect(validateManifest(manifest)).toEqual([]);
  });

  test('the CronJob runs at 02:30 Tokyo time and never overlaps itself', () => {
    const [cronJob] = manifestsOfKind(chart, 'CronJob');
    expect(cronJob.spec).toMatchObject({ schedule: '30 2 * * *', timeZone: 'Asia/Tokyo', concurrencyPolicy: 'Forbid' });
  });
});
