import * as path from 'path';
import { tsdocGaps } from './tsdoc-check';

describe('TSDoc of the public props', () => {
  test('every prop of an exported *Props or *Options interface has a summary, an @see link and, when optional, an @default', () => {
    expect(tsdocGaps(path.join(__dirname, '..', 'src', 'index.ts'))).toEqual([]);
  });

  test('the check reports each missing summary, link and default, one line per gap', () => {
    expect(tsdocGaps(path.join(__dirname, 'fixtures', 'tsdoc', 'gaps.ts'))).toEqual([
      'WidgetProps.noSummary: no summary',
      'WidgetProps.noLink: no @see link',
      'WidgetProps.linkInText: no @see link',
      'WidgetProps.noDefault: no @default',
      'WidgetProps.undocumented: no summary',
      'WidgetProps.undocumented: no @see link',
      'WidgetProps.undocumented: no @default',
      'WidgetRollingOptions.emptyDefault: no @default',
    ]);
  });
});
