import { JsonObject, asObject } from './json';
import { subdomainName, validateObjectMeta } from './metadata';
import { Violations } from './violation';

/**
 * ValidateServiceAccount (pkg/apis/core/validation/validation.go, release-1.27): only the metadata, with a name
 * that is a DNS-1123 subdomain (ValidateServiceAccountName); `secrets` and `imagePullSecrets` are not checked.
 */
export function validateServiceAccount(manifest: JsonObject, out: Violations): void {
  validateObjectMeta(asObject(manifest.metadata), subdomainName, out);
}
