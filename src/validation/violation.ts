import { jsonText } from './json';

/** The kinds of error the API server reports, in its own words (apimachinery `field.ErrorType`). */
export type ViolationType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Duplicate value'
  | 'Not found'
  | 'Too long'
  | 'Too many';

/**
 * One rule of the Kubernetes 1.27 API server that a manifest breaks.
 */
export interface Violation {
  /** The field path as the API server prints it, e.g. `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** The API server's error type. */
  readonly type: ViolationType;
  /** The offending value, when the API server shows one. */
  readonly value?: unknown;
  /** What is wrong and what would be valid. */
  readonly message: string;
  /**
   * `'pods'` for a finding the API server does not report on the object, which it accepts, but on the pods its
   * controller creates from it, which it refuses (a StatefulSet's pod template in 1.27, kubernetes#81147): see
   * `validatePods`. Absent on the API server's own findings about the object (`validateManifest`).
   */
  readonly scope?: 'pods';
}

/** The types the API server prints without the offending value (apimachinery `field.Error.ErrorBody`). */
const VALUELESS: ReadonlySet<ViolationType> = new Set<ViolationType>(['Required value', 'Forbidden', 'Too long']);

/**
 * Renders a value as the API server does for strings and numbers (`"x"`, `3`); anything else as JSON. NaN,
 * ±Infinity and -0 are named (`NaN`, not JSON's `null`).
 */
function showValue(value: unknown): string {
  if (value === undefined) return '<nil>';
  try {
    return jsonText(value);
  } catch {
    return String(value);
  }
}

/** The API server's line for a violation: `<path>: <Type>: <value>: <detail>`. */
export function formatViolation(violation: Violation): string {
  const body = VALUELESS.has(violation.type) ? violation.type : `${violation.type}: ${showValue(violation.value)}`;
  const line = violation.message ? `${body}: ${violation.message}` : body;
  return violation.field ? `${violation.field}: ${line}` : line;
}

/** Collects violations with the API server's helper vocabulary (`field.Required`, `field.Invalid`, …). */
export class Violations {
  public readonly list: Violation[] = [];

  public required(field: string, message = ''): void {
    this.list.push({ field, type: 'Required value', message });
  }

  public invalid(field: string, value: unknown, message: string): void {
    this.list.push({ field, type: 'Invalid value', value, message });
  }

  /** One `Invalid value` per reason a syntax predicate of src/syntax/k8s-syntax.ts gave. */
  public invalidEach(field: string, value: unknown, reasons: readonly string[]): void {
    for (const reason of reasons) this.invalid(field, value, reason);
  }

  public unsupported(field: string, value: unknown, supported: readonly string[]): void {
    this.list.push({ field, type: 'Unsupported value', value, message: `supported values: ${supported.map((s) => `"${s}"`).join(', ')}` });
  }

  public forbidden(field: string, message: string, value?: unknown): void {
    this.list.push({ field, type: 'Forbidden', value, message });
  }

  public duplicate(field: string, value: unknown): void {
    this.list.push({ field, type: 'Duplicate value', value, message: '' });
  }

  public notFound(field: string, value: unknown, message = ''): void {
    this.list.push({ field, type: 'Not found', value, message });
  }

  /** `field.TooLong` in 1.27's words; newer servers word it `may not be more than ${max} bytes` (`message`). */
  public tooLong(field: string, value: unknown, max: number, message = `must have at most ${max} bytes`): void {
    this.list.push({ field, type: 'Too long', value, message });
  }

  public tooMany(field: string, count: number, max: number): void {
    this.list.push({ field, type: 'Too many', value: count, message: `must have at most ${max} items` });
  }
}
