import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructFinding, validateConstructOnSynth } from './chart-validation';
import { ViolationType } from './violation';
import { dns1123SubdomainErrors, isNonNegativeInteger, isPercent } from '../syntax/k8s-syntax';
import { IntOrPercent } from '../syntax/literal-types';

/**
 * One thing wrong with a construct's configuration that its manifest cannot show or that the API server would
 * accept (a rule stricter than the server), in the terms of the manifest it would emit. Reported like the
 * manifest's findings: `[<construct path>] <Kind> <name>: <field>: <type>: <value>: <message>`.
 */
export interface Problem {
  /** The manifest field, e.g. `spec.updateStrategy.rollingUpdate.partition`, or the prop, e.g. `privilegedContainers`. */
  readonly field: string;
  /** The offending value as given. */
  readonly value: unknown;
  /** What is wrong and what would be valid, e.g. `must be at most replicas (3)`. */
  readonly message: string;
  /** The API server's error type it is reported as. @default 'Invalid value' */
  readonly type?: ViolationType;
  /** The emitted object the field belongs to. @default - the construct's main object (`apiObject`) */
  readonly object?: ApiObject;
}

function toFinding(problem: Problem): ConstructFinding {
  return { field: problem.field, type: problem.type ?? 'Invalid value', value: problem.value, message: problem.message, object: problem.object };
}

/**
 * Registers a construct's validation (see `validateConstructOnSynth`): its construct rules over its props
 * (`problems`, computed once: the props are frozen at construction), its rules over what it rendered
 * (`renderedProblems`, each time), and the manifest findings of every object it emits, all at once.
 * @internal the constructs' own plumbing, not part of the package's API
 */
export function addPropsValidation(construct: Construct, main: ApiObject, problems: () => Problem[], renderedProblems?: () => Problem[]): void {
  validateConstructOnSynth(construct, main, () => problems().map(toFinding), renderedProblems && (() => renderedProblems().map(toFinding)));
}

/** One `Problem` per reason, for a value and the list of reasons a syntax predicate gave. */
function problemsFrom(field: string, value: unknown, reasons: string[]): Problem[] {
  return reasons.map((message) => ({ field, value, message }));
}

export function dns1123SubdomainProblems(field: string, value: string): Problem[] {
  return problemsFrom(field, value, dns1123SubdomainErrors(value));
}

/** A problem if `value` is given and is not a whole number ≥ 0. */
export function nonNegativeIntegerProblems(field: string, value: number | undefined): Problem[] {
  if (value === undefined || isNonNegativeInteger(value)) return [];
  return [{ field, value, message: 'must be a whole number greater than or equal to 0' }];
}

/** The number in an IntOrString value: `5` → 5, `'25%'` → 25. Only for values `intOrPercentProblems` accepts. */
export function intOrPercentValue(value: IntOrPercent): number {
  return typeof value === 'number' ? value : Number(value.slice(0, -1));
}

/** Problems with an IntOrString field such as `maxUnavailable`: a whole number >= 0 or a percent up to 100%. */
export function intOrPercentProblems(field: string, value: IntOrPercent | undefined): Problem[] {
  if (value === undefined) return [];
  if (typeof value === 'number') return nonNegativeIntegerProblems(field, value);
  if (!isPercent(value)) return [{ field, value, message: "must be a whole number >= 0 or a percent string like '10%'" }];
  if (intOrPercentValue(value) > 100) return [{ field, value, message: 'must be at most 100%' }];
  return [];
}

/**
 * A construct rule (the manifest cannot show it): a pod label the props give that contradicts a selector label.
 * The construct puts the selector labels on every pod, so the props' value would be silently replaced.
 */
export function selectorProblems(selector: Readonly<Record<string, string>>, podLabels: Readonly<Record<string, string>> | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(selector)) {
    const podValue = podLabels?.[key];
    if (podValue !== undefined && podValue !== value) {
      problems.push({
        field: `spec.template.metadata.labels['${key}']`,
        value: podValue,
        message: `conflicts with the selector label '${key}: ${value}', which the construct puts on every pod; drop it or make it equal`,
      });
    }
  }
  return problems;
}
