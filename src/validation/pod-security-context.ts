/**
 * Security contexts and the OS-dependent rules of a pod spec (pkg/apis/core/validation/validation.go, Kubernetes
 * 1.27): validatePodSpecSecurityContext, ValidateSecurityContext, validateSeccompProfileField, validateSysctls,
 * validateWindowsSecurityContextOptions, validateOS / validateLinux / validateWindows, validateWindowsHostProcessPod.
 */
import { JsonObject, asArray, asInteger, asObject, asString, path, unset } from './json';
import { validateLocalDescendingPath } from './pod-volumes';
import { ValidationOptions, VERSIONED_RULES, holds } from './versions';
import { Violations } from './violation';
import { dns1123SubdomainErrors } from '../syntax/k8s-syntax';

const MAX_INT32 = 2147483647;
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const FS_GROUP_CHANGE_POLICIES = ['Always', 'OnRootMismatch'];
const OS_NAMES = ['linux', 'windows'];
const PROC_MOUNTS = ['Default', 'Unmasked'];

/** IsValidUserID / IsValidGroupID: 0..2147483647. `field` is a name (`runAsUser`) or an index (of supplementalGroups). */
function validateId(value: unknown, at: string, field: string | number, out: Violations): void {
  const id = asInteger(value);
  if (id !== undefined && (id < 0 || id > MAX_INT32)) {
    out.invalid(typeof field === 'number' ? path.index(at, field) : path.child(at, field), id, `must be between 0 and ${MAX_INT32}, inclusive`);
  }
}

/** validateSeccompProfileField: a known type; a local descending localhostProfile exactly when the type is Localhost. */
export function validateSeccompProfile(profile: JsonObject, at: string, out: Violations): void {
  const type = asString(profile.type) ?? '';
  if (!type) out.required(path.child(at, 'type'), 'type is required when seccompProfile is set');
  else if (!SECCOMP_TYPES.includes(type)) out.unsupported(path.child(at, 'type'), type, SECCOMP_TYPES);
  const localhostProfile = asString(profile.localhostProfile);
  if (type === 'Localhost') {
    if (localhostProfile === undefined) out.required(path.child(at, 'localhostProfile'), 'must be set when seccomp type is Localhost');
    else validateLocalDescendingPath(localhostProfile, path.child(at, 'localhostProfile'), out);
  } else if (localhostProfile !== undefined) {
    out.invalid(path.child(at, 'localhostProfile'), profile, 'can only be set when seccomp type is Localhost');
  }
}

const MAX_GMSA_SPEC_KIB = 64;
const MAX_RUN_AS_DOMAIN = 256;
const MAX_RUN_AS_USER = 104;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/;
const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const INVALID_USER_CHARACTERS = /["/\\:;|=,+*?<>@[\]]/;
const ONLY_DOTS_AND_SPACES = /^[. ]+$/;

/** validateWindowsSecurityContextOptions: gMSA credential spec name and size, runAsUserName's domain and user. */
function validateWindowsSecurityContextOptions(options: JsonObject, at: string, out: Violations): void {
  const specName = asString(options.gmsaCredentialSpecName);
  if (specName !== undefined) out.invalidEach(path.child(at, 'gmsaCredentialSpecName'), specName, dns1123SubdomainErrors(specName));
  const spec = asString(options.gmsaCredentialSpec);
  if (spec !== undefined) {
    if (spec.length === 0) {out.invalid(path.child(at, 'gmsaCredentialSpec'), spec, 'gmsaCredentialSpec cannot be an empty string');} else if (Buffer.byteLength(spec) > MAX_GMSA_SPEC_KIB * 1024) {
      out.invalid(path.child(at, 'gmsaCredentialSpec'), spec, `gmsaCredentialSpec size must be under ${MAX_GMSA_SPEC_KIB} KiB`);
    }
  }
  const userName = asString(options.runAsUserName);
  if (userName === undefined) return;
  const up = path.child(at, 'runAsUserName');
  if (userName.length === 0) return out.invalid(up, userName, 'runAsUserName cannot be an empty string');
  if (CONTROL_CHARACTERS.test(userName)) return out.invalid(up, userName, 'runAsUserName cannot contain control characters');
  const parts = userName.split('\\');
  if (parts.length > 2) return out.invalid(up, userName, 'runAsUserName cannot contain more than one backslash');
  const [domain, user] = parts.length === 2 ? parts : ['', parts[0]];
  if (Buffer.byteLength(domain) >= MAX_RUN_AS_DOMAIN) out.invalid(up, userName, `runAsUserName's Domain length must be under ${MAX_RUN_AS_DOMAIN} characters`);
  if (parts.length === 2 && !(NETBIOS_DOMAIN.test(domain) || DNS_DOMAIN.test(domain))) {
    out.invalid(up, userName, "runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  }
  if (user.length === 0) out.invalid(up, userName, "runAsUserName's User cannot be empty");
  else if (Buffer.byteLength(user) > MAX_RUN_AS_USER) out.invalid(up, userName, `runAsUserName's User length must not be longer than ${MAX_RUN_AS_USER} characters`);
  if (ONLY_DOTS_AND_SPACES.test(user)) out.invalid(up, userName, "runAsUserName's User cannot contain only periods or spaces");
  if (INVALID_USER_CHARACTERS.test(user)) out.invalid(up, userName, 'runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
}

/**
 * ValidateSecurityContext (a container's). `procMount` is dropped while ProcMountType is off (1.27), so not checked;
 * `hostUsers` is whether the pod shares the host's user namespace (`spec.hostUsers` is not false).
 */
export function validateSecurityContext(context: JsonObject, at: string, options: ValidationOptions, out: Violations, hostUsers = true): void {
  validateId(context.runAsUser, at, 'runAsUser', out);
  validateId(context.runAsGroup, at, 'runAsGroup', out);
  const procMount = asString(context.procMount);
  if (procMount !== undefined && holds(VERSIONED_RULES.procMount, options)) {
    if (!PROC_MOUNTS.includes(procMount)) out.unsupported(path.child(at, 'procMount'), procMount, PROC_MOUNTS);
    // 1.33+ (ProcMountType needs UserNamespacesSupport): Unmasked only in a user namespace.
    if (hostUsers && procMount === 'Unmasked') out.invalid(path.child(at, 'procMount'), procMount, '`hostUsers` must be false to use `Unmasked`');
  }
  const seccompProfile = asObject(context.seccompProfile);
  if (seccompProfile) validateSeccompProfile(seccompProfile, path.child(at, 'seccompProfile'), out);
  if (context.allowPrivilegeEscalation === false) {
    if (context.privileged === true) out.invalid(at, context, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
    for (const capability of asArray(asObject(context.capabilities)?.add) ?? []) {
      if (capability === 'CAP_SYS_ADMIN') out.invalid(at, context, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN');
    }
  }
  const windowsOptions = asObject(context.windowsOptions);
  if (windowsOptions) validateWindowsSecurityContextOptions(windowsOptions, path.child(at, 'windowsOptions'), out);
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_NAME = new RegExp(`^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`);
const SYSCTL_MAX_LENGTH = 253;
// Go prints the regexp with its source: `^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`.
const SYSCTL_MESSAGE = `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${SYSCTL_NAME.source}`;

/** validateSysctls: names present, valid (IsValidSysctlName) and unique. */
function validateSysctls(sysctls: unknown[], at: string, out: Violations): void {
  const names = new Set<string>();
  for (let i = 0; i < sysctls.length; i++) {
    const sysctl = asObject(sysctls[i]);
    if (!sysctl) continue;
    const name = asString(sysctl.name) ?? '';
    const np = (): string => path.child(path.index(at, i), 'name');
    if (!name) out.required(np());
    else if (name.length > SYSCTL_MAX_LENGTH || !SYSCTL_NAME.test(name)) out.invalid(np(), name, SYSCTL_MESSAGE);
    else if (names.has(name)) out.duplicate(np(), name);
    names.add(name);
  }
}

/**
 * validatePodSpecSecurityContext. The internal pod security context holds hostPID and shareProcessNamespace, so
 * their conflict is reported at `securityContext.shareProcessNamespace`.
 */
export function validatePodSecurityContext(spec: JsonObject, at: string, out: Violations): void {
  const context = asObject(spec.securityContext);
  const sp = path.child(at, 'securityContext');
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    out.invalid(path.child(sp, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled');
  }
  if (!context) return;
  validateId(context.fsGroup, sp, 'fsGroup', out);
  validateId(context.runAsUser, sp, 'runAsUser', out);
  validateId(context.runAsGroup, sp, 'runAsGroup', out);
  const groups = asArray(context.supplementalGroups);
  for (let g = 0; groups && g < groups.length; g++) validateId(groups[g], path.child(sp, 'supplementalGroups'), g, out);
  const sysctls = asArray(context.sysctls);
  if (sysctls && sysctls.length > 0) validateSysctls(sysctls, path.child(sp, 'sysctls'), out);
  const changePolicy = asString(context.fsGroupChangePolicy);
  if (changePolicy !== undefined && !FS_GROUP_CHANGE_POLICIES.includes(changePolicy)) {
    out.unsupported(path.child(sp, 'fsGroupChangePolicy'), changePolicy, FS_GROUP_CHANGE_POLICIES);
  }
  const seccompProfile = asObject(context.seccompProfile);
  if (seccompProfile) validateSeccompProfile(seccompProfile, path.child(sp, 'seccompProfile'), out);
  const windowsOptions = asObject(context.windowsOptions);
  if (windowsOptions) validateWindowsSecurityContextOptions(windowsOptions, path.child(sp, 'windowsOptions'), out);
}

/** podshelper.VisitContainersWithPath over regular, init and ephemeral containers. */
export function visitContainers(spec: JsonObject, at: string, visit: (container: JsonObject, containerPath: () => string) => void): void {
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = asArray(spec[field]);
    for (let i = 0; list && i < list.length; i++) {
      const container = asObject(list[i]);
      if (container) visit(container, () => path.index(path.child(at, field), i));
    }
  }
}

const WINDOWS_FORBIDDEN_POD_CONTEXT = ['seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'runAsUser', 'runAsGroup', 'supplementalGroups'];
const WINDOWS_FORBIDDEN_CONTAINER_CONTEXT = ['seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
const WINDOWS_MESSAGE = 'cannot be set for a windows pod';

/** validateWindows: the Linux-only fields of a pod and its containers. */
function validateWindows(spec: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  const context = asObject(spec.securityContext);
  // The internal security context holds hostPID, hostIPC and shareProcessNamespace; the server reports them at the spec.
  if (!unset(spec.hostUsers) && holds(VERSIONED_RULES.userNamespaces, options)) out.forbidden(path.child(at, 'hostUsers'), WINDOWS_MESSAGE);
  if (spec.hostPID === true) out.forbidden(path.child(at, 'hostPID'), WINDOWS_MESSAGE);
  if (spec.hostIPC === true) out.forbidden(path.child(at, 'hostIPC'), WINDOWS_MESSAGE);
  if (!unset(spec.shareProcessNamespace)) out.forbidden(path.child(at, 'shareProcessNamespace'), WINDOWS_MESSAGE);
  if (context) {
    const sp = path.child(at, 'securityContext');
    for (const field of WINDOWS_FORBIDDEN_POD_CONTEXT) if (!unset(context[field])) out.forbidden(path.child(sp, field), WINDOWS_MESSAGE);
    if ((asArray(context.sysctls)?.length ?? 0) > 0) out.forbidden(path.child(sp, 'sysctls'), WINDOWS_MESSAGE);
  }
  visitContainers(spec, at, (container, containerPath) => {
    const sc = asObject(container.securityContext);
    if (!sc) return;
    for (const field of WINDOWS_FORBIDDEN_CONTAINER_CONTEXT) {
      if (field === 'procMount' && !holds(VERSIONED_RULES.procMount, options)) continue;
      if (!unset(sc[field])) out.forbidden(path.child(path.child(containerPath(), 'securityContext'), field), WINDOWS_MESSAGE);
    }
  });
}

/** validateLinux: no windowsOptions. */
function validateLinux(spec: JsonObject, at: string, out: Violations): void {
  const message = 'windows options cannot be set for a linux pod';
  if (!unset(asObject(spec.securityContext)?.windowsOptions)) out.forbidden(path.child(path.child(at, 'securityContext'), 'windowsOptions'), message);
  visitContainers(spec, at, (container, containerPath) => {
    if (!unset(asObject(container.securityContext)?.windowsOptions)) {
      out.forbidden(path.child(path.child(containerPath(), 'securityContext'), 'windowsOptions'), message);
    }
  });
}

/** validateOS, then validateLinux or validateWindows for a valid OS name. */
export function validateOS(spec: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  const os = asObject(spec.os);
  if (!os) return;
  const name = asString(os.name) ?? '';
  if (!name) return out.required(path.child(path.child(at, 'os'), 'name'), 'cannot be empty');
  if (!OS_NAMES.includes(name)) return out.unsupported(path.child(at, 'os'), name, OS_NAMES);
  if (name === 'linux') validateLinux(spec, at, out);
  else validateWindows(spec, at, options, out);
}

/**
 * validateWindowsHostProcessPod: hostProcess the same at pod and container level, for all containers or none, and
 * only with hostNetwork. (The `--allow-privileged=false` cluster policy is a server flag, not checked here.)
 */
export function validateWindowsHostProcessPod(spec: JsonObject, at: string, out: Violations): void {
  const podHostProcess = asObject(asObject(spec.securityContext)?.windowsOptions)?.hostProcess;
  let containers = 0;
  let hostProcessContainers = 0;
  visitContainers(spec, at, (container, containerPath) => {
    containers++;
    const hostProcess = asObject(asObject(container.securityContext)?.windowsOptions)?.hostProcess;
    if (typeof podHostProcess === 'boolean' && typeof hostProcess === 'boolean' && podHostProcess !== hostProcess) {
      out.invalid(path.child(path.child(path.child(containerPath(), 'securityContext'), 'windowsOptions'), 'hostProcess'), hostProcess,
        `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`);
    }
    if (hostProcess === true || (typeof hostProcess !== 'boolean' && podHostProcess === true)) hostProcessContainers++;
  });
  if (hostProcessContainers === 0) return;
  if (hostProcessContainers !== containers) out.invalid(at, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers');
  if (spec.hostNetwork !== true) out.invalid(path.child(at, 'hostNetwork'), false, 'hostNetwork must be true if pod contains any hostProcess containers');
}

const WHEN_NOT_HOST_USERS = 'when `hostUsers` is false';

/**
 * validateHostUsers, for a pod in its own user namespace (`hostUsers: false`; UserNamespacesSupport on by default
 * from 1.33, `VERSIONED_RULES.userNamespaces`): no hostNetwork (UserNamespacesHostNetworkSupport is alpha, off,
 * in 1.35–1.37), hostPID or hostIPC (upstream reports these two at `HostPID` and `HostIPC`, capitalised), and no
 * volumeDevices in any container (AllowUserNamespacesWithVolumeDevices is only for updates).
 */
export function validateHostUsers(spec: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  if (spec.hostUsers !== false || !holds(VERSIONED_RULES.userNamespaces, options)) return;
  if (spec.hostNetwork === true) out.forbidden(path.child(at, 'hostNetwork'), WHEN_NOT_HOST_USERS);
  if (spec.hostPID === true) out.forbidden(path.child(at, 'HostPID'), WHEN_NOT_HOST_USERS);
  if (spec.hostIPC === true) out.forbidden(path.child(at, 'HostIPC'), WHEN_NOT_HOST_USERS);
  visitContainers(spec, at, (container, containerPath) => {
    if ((asArray(container.volumeDevices)?.length ?? 0) > 0) out.forbidden(path.child(containerPath(), 'volumeDevices'), WHEN_NOT_HOST_USERS);
  });
}
