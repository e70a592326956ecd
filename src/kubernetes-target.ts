import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, KubernetesVersion, isKubernetesVersion, supportedVersion } from './validation/versions';

/**
 * The Kubernetes version an app deploys to: chosen once for the app, overridable per chart. Everything
 * version-dependent follows it: which fields exist (the release's OpenAPI schema), the API server's defaulting and
 * create-time rules with that release's default feature gates, and the Pod Security policy version.
 *
 * ```ts
 * const app = new App();
 * KubernetesTarget.set(app, '1.36');       // every chart of the app
 * const legacy = new Chart(app, 'legacy');
 * KubernetesTarget.set(legacy, '1.27');    // this chart only
 * ```
 *
 * The target is construct context (`k8s-workloads:kubernetes-version`), so set it before adding children to the
 * app or chart (constructs refuses context on a node that already has children).
 */
export class KubernetesTarget {
  /** The construct-context key that holds the target. */
  public static readonly CONTEXT_KEY = 'k8s-workloads:kubernetes-version';

  /** The supported targets, oldest first: 1.27 and the newest releases whose API schema is committed. */
  public static readonly VERSIONS: readonly KubernetesVersion[] = KUBERNETES_VERSIONS;

  /** The target when none is set. */
  public static readonly DEFAULT: KubernetesVersion = DEFAULT_KUBERNETES_VERSION;

  /**
   * Sets the target Kubernetes version of `scope` (an App, or a Chart to override the app's) and everything in it.
   * @throws if the version is not supported (JavaScript callers) or `scope` already has children.
   */
  public static set(scope: App | Chart, version: KubernetesVersion): void {
    scope.node.setContext(KubernetesTarget.CONTEXT_KEY, supportedVersion(version, 'KubernetesTarget.set'));
  }

  /**
   * The target version of `scope`: the nearest one set on it or a scope above it, else 1.27. A context value that
   * is not a supported version counts as unset here, and is reported at synth (`KubernetesTarget.problems`).
   */
  public static of(scope: IConstruct): KubernetesVersion {
    const value: unknown = scope.node.tryGetContext(KubernetesTarget.CONTEXT_KEY);
    return isKubernetesVersion(value) ? value : DEFAULT_KUBERNETES_VERSION;
  }

  private constructor() {}
}

/**
 * A line for each of `scopes` whose context holds an unsupported target (set with `node.setContext` rather than
 * `KubernetesTarget.set`), in the synth line format after `[<path>] `.
 * @internal the whole-app check's
 */
export function targetProblems(scope: IConstruct): string | undefined {
  const value: unknown = scope.node.tryGetContext(KubernetesTarget.CONTEXT_KEY);
  if (value === undefined || isKubernetesVersion(value)) return undefined;
  return `${KubernetesTarget.CONTEXT_KEY}: Unsupported value: ${JSON.stringify(value)}: supported values: ${KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(', ')}`;
}
