/**
 * Pod volumes: ValidateVolumes and the volume sources (pkg/apis/core/validation/validation.go, Kubernetes 1.27).
 * Paths and messages are the API server's, quirks included (e.g. a downwardAPI item is reported at
 * `downwardAPI.path`, without its index, and a second `downwardAPI` source at `downwarAPI`).
 */
import { JsonObject, asArray, asInteger, asObject, asString, path } from './json';
import { validateAnnotations, validateLabelSelector, validateLabels } from './metadata';
import { quantityOf, validateObjectFieldSelector, validateResourceFieldSelector } from './pod-containers';
import { ValidationOptions, VERSIONED_RULES, holds } from './versions';
import { Violations } from './violation';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../syntax/k8s-syntax';

const FILE_MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';
const MAX_FILE_MODE = 0o777;

/**
 * The sources in the order validateVolumeSource checks them, with the name each is reported under when it is the
 * second source of a volume (upstream spells two of them differently from their JSON names).
 */
const VOLUME_SOURCES: readonly (readonly [string, string])[] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
];

/**
 * The required fields of the in-tree plugin sources that have no other 1.27 rule ported here
 * (validate<Plugin>VolumeSource: `field.Required` when empty). Keyed by source, then the path the server uses.
 */
const LEGACY_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  glusterfs: ['endpoints', 'path'],
  rbd: ['monitors', 'image'],
  cinder: ['volumeID'],
  cephfs: ['monitors'],
  quobyte: ['registry', 'volume'],
  flexVolume: ['driver'],
  azureFile: ['secretName', 'shareName'],
  vsphereVolume: ['volumePath'],
  photonPersistentDisk: ['pdID'],
  portworxVolume: ['volumeID'],
  azureDisk: ['diskName', 'diskURI'],
  scaleIO: ['gateway', 'system', 'volumeName'],
  iscsi: ['targetPortal', 'iqn'],
};

/** A string or list field that Go sees as empty (`len(x) == 0`). */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function validateFileMode(mode: unknown, at: string, field: string, out: Violations): void {
  const value = asInteger(mode);
  if (value !== undefined && (value < 0 || value > MAX_FILE_MODE)) out.invalid(path.child(at, field), value, FILE_MODE_MESSAGE);
}

/** validatePathNoBacksteps: no `..` element. */
export function validatePathNoBacksteps(target: string, at: string, out: Violations): void {
  if (target.includes('..') && target.split('/').includes('..')) out.invalid(at, target, "must not contain '..'");
}

/** validateLocalDescendingPath: relative, and no `..` element. */
export function validateLocalDescendingPath(target: string, at: string, out: Violations): void {
  if (target.startsWith('/')) out.invalid(at, target, 'must be a relative path');
  validatePathNoBacksteps(target, at, out);
}

/** ValidateLocalNonReservedPath: a local descending path that does not start with `..` either (`..data`). */
function validateLocalNonReservedPath(target: string, at: string, out: Violations): void {
  validateLocalDescendingPath(target, at, out);
  if (target.startsWith('..') && !target.startsWith('../')) out.invalid(at, target, "must not start with '..'");
}

/** validateKeyToPath: an item of a configMap or secret volume or projection. */
function validateKeyToPath(item: JsonObject, at: string, out: Violations): void {
  if (isEmpty(item.key)) out.required(path.child(at, 'key'));
  const target = asString(item.path) ?? '';
  if (!target) out.required(path.child(at, 'path'));
  // Only a path starting with '/' or holding '..' can break a rule: skip building the field path otherwise.
  else if (target.startsWith('/') || target.includes('..')) validateLocalNonReservedPath(target, path.child(at, 'path'), out);
  validateFileMode(item.mode, at, 'mode', out);
}

function validateKeyToPaths(items: unknown, at: string, out: Violations, seen?: Set<string>, owner?: string, conflictAt?: string): void {
  const list = asArray(items);
  if (!list) return;
  for (let i = 0; i < list.length; i++) {
    const item = asObject(list[i]);
    if (!item) continue;
    validateKeyToPath(item, path.index(path.child(at, 'items'), i), out);
    const target = asString(item.path);
    if (seen && target) {
      if (seen.has(target)) out.invalid(conflictAt!, owner ?? '', 'conflicting duplicate paths');
      seen.add(target);
    }
  }
}

/** validateSecretVolumeSource / validateConfigMapVolumeSource: the name, the default mode and the items. */
function validateKeyedVolumeSource(source: JsonObject, at: string, nameField: string, out: Violations): void {
  if (isEmpty(source[nameField])) out.required(path.child(at, nameField));
  validateFileMode(source.defaultMode, at, 'defaultMode', out);
  validateKeyToPaths(source.items, at, out);
}

const VOLUME_FIELD_PATHS: ReadonlySet<string> = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid']);

/** validateDownwardAPIVolumeFile; `at` is the source itself (the server does not index the items). */
function validateDownwardAPIVolumeFile(file: JsonObject, at: string, out: Violations): void {
  const target = asString(file.path) ?? '';
  if (!target) out.required(path.child(at, 'path'));
  validateLocalNonReservedPath(target, path.child(at, 'path'), out);
  const fieldRef = asObject(file.fieldRef);
  const resourceFieldRef = asObject(file.resourceFieldRef);
  if (fieldRef) {
    validateObjectFieldSelector(fieldRef, path.child(at, 'fieldRef'), VOLUME_FIELD_PATHS, out);
    if (resourceFieldRef) out.invalid(at, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously');
  } else if (resourceFieldRef) {
    validateResourceFieldSelector(resourceFieldRef, path.child(at, 'resourceFieldRef'), true, out);
  } else {
    out.required(at, 'one of fieldRef and resourceFieldRef is required');
  }
  validateFileMode(file.mode, at, 'mode', out);
}

function validateDownwardAPIVolumeFiles(items: unknown, at: string, out: Violations, seen?: Set<string>, conflictAt?: string): void {
  const list = asArray(items);
  if (!list) return;
  for (const entry of list) {
    const file = asObject(entry);
    if (!file) continue;
    validateDownwardAPIVolumeFile(file, at, out);
    const target = asString(file.path);
    if (seen && target) {
      if (seen.has(target)) out.invalid(conflictAt!, target, 'conflicting duplicate paths');
      seen.add(target);
    }
  }
}

/** validateDownwardAPIVolumeSource. */
function validateDownwardAPIVolumeSource(source: JsonObject, at: string, out: Violations): void {
  validateFileMode(source.defaultMode, at, 'defaultMode', out);
  validateDownwardAPIVolumeFiles(source.items, at, out);
}

const MIN_TOKEN_EXPIRATION = 10 * 60;
const MAX_TOKEN_EXPIRATION = 2 ** 32;

/** validateProjectedVolumeSource and validateProjectionSources (1.27: secret, configMap, downwardAPI, serviceAccountToken). */
function validateProjectedVolumeSource(source: JsonObject, at: string, out: Violations): void {
  validateFileMode(source.defaultMode, at, 'defaultMode', out);
  const sources = asArray(source.sources);
  if (!sources) return;
  const seen = new Set<string>();
  for (let i = 0; i < sources.length; i++) {
    const projection = asObject(sources[i]);
    if (!projection) continue;
    const sp = path.index(path.child(at, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const keyed = asObject(projection[kind]);
      if (!keyed) continue;
      count++;
      const kp = path.child(sp, kind);
      if (isEmpty(keyed.name)) out.required(path.child(kp, 'name'));
      validateKeyToPaths(keyed.items, kp, out, seen, asString(keyed.name) ?? '', at);
    }
    const downwardAPI = asObject(projection.downwardAPI);
    if (downwardAPI) {
      count++;
      validateDownwardAPIVolumeFiles(downwardAPI.items, path.child(sp, 'downwardAPI'), out, seen, at);
    }
    const token = asObject(projection.serviceAccountToken);
    if (token) {
      count++;
      // SetDefaults_ServiceAccountTokenProjection: one hour.
      const expiration = asInteger(token.expirationSeconds) ?? 3600;
      const ep = (): string => path.child(path.child(sp, 'serviceAccountToken'), 'expirationSeconds');
      if (expiration < MIN_TOKEN_EXPIRATION) out.invalid(ep(), expiration, 'may not specify a duration less than 10 minutes');
      if (expiration > MAX_TOKEN_EXPIRATION) out.invalid(ep(), expiration, 'may not specify a duration larger than 2^32 seconds');
      if (isEmpty(token.path)) out.required(path.child(at, 'path'));
    }
    if (count > 1) out.forbidden(sp, 'may not specify more than 1 volume type per source');
  }
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** validateHostPathVolumeSource: a path without `..`, and a known type. */
function validateHostPathVolumeSource(source: JsonObject, at: string, out: Violations): void {
  const hostPath = asString(source.path) ?? '';
  if (!hostPath) return out.required(path.child(at, 'path'));
  validatePathNoBacksteps(hostPath, path.child(at, 'path'), out);
  const type = asString(source.type);
  if (type !== undefined && !HOST_PATH_TYPES.includes(type)) out.unsupported(path.child(at, 'type'), type, HOST_PATH_TYPES);
}

/** ValidateCSIDriverName and validateCSIVolumeSource. */
function validateCSIVolumeSource(source: JsonObject, at: string, out: Violations): void {
  const driver = asString(source.driver) ?? '';
  const dp = path.child(at, 'driver');
  if (!driver) out.required(dp);
  if (driver.length > 63) out.tooLong(dp, driver, 63);
  out.invalidEach(dp, driver, dns1123SubdomainErrors(driver.toLowerCase()));
  const secretRef = asObject(source.nodePublishSecretRef);
  if (secretRef) {
    const name = asString(secretRef.name) ?? '';
    // The server reports a bad secret name at `csi.name`.
    if (!name) out.required(path.child(path.child(at, 'nodePublishSecretRef'), 'name'));
    else out.invalidEach(path.child(at, 'name'), name, dns1123SubdomainErrors(name));
  }
}

/** The ObjectMeta fields a PVC template may set (validateFieldAllowList in ValidateTemplateObjectMeta), and the rest by reported name. */
const FORBIDDEN_TEMPLATE_META: readonly (readonly [string, string])[] = [
  ['name', 'name'], ['generateName', 'generateName'], ['namespace', 'namespace'], ['selfLink', 'selfLink'], ['uid', 'uID'],
  ['resourceVersion', 'resourceVersion'], ['generation', 'generation'], ['creationTimestamp', 'creationTimestamp'],
  ['deletionTimestamp', 'deletionTimestamp'], ['deletionGracePeriodSeconds', 'deletionGracePeriodSeconds'],
  ['ownerReferences', 'ownerReferences'], ['finalizers', 'finalizers'], ['managedFields', 'managedFields'],
];

/** Go's zero value check of reflect.DeepEqual: a present list, even empty, is set. */
function isZero(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === 0 || value === false;
}

const ACCESS_MODES_1_26 = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce'];
const ACCESS_MODES = [...ACCESS_MODES_1_26, 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

/** ValidatePersistentVolumeClaimSpec, as an ephemeral volume's claim template gets it (dataSource rules not ported). */
function validatePersistentVolumeClaimSpec(spec: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  const modes = asArray(spec.accessModes) ?? [];
  if (modes.length === 0) out.required(path.child(at, 'accessModes'), 'at least 1 access mode is required');
  const selector = asObject(spec.selector);
  if (selector) validateLabelSelector(selector, path.child(at, 'selector'), out);
  const supported = holds(VERSIONED_RULES.readWriteOncePod, options) ? ACCESS_MODES : ACCESS_MODES_1_26;
  let readWriteOncePod = false;
  let other = false;
  for (const mode of modes) {
    if (typeof mode !== 'string') continue;
    if (!supported.includes(mode)) out.unsupported(path.child(at, 'accessModes'), mode, supported);
    if (mode === 'ReadWriteOncePod') readWriteOncePod = true;
    else if (ACCESS_MODES_1_26.includes(mode)) other = true;
  }
  if (readWriteOncePod && other) out.forbidden(path.child(at, 'accessModes'), 'may not use ReadWriteOncePod with other access modes');
  const requests = asObject(asObject(spec.resources)?.requests);
  const storage = requests?.storage;
  const sp = path.key(path.child(at, 'resources'), 'storage');
  if (storage === undefined || storage === null) {
    out.required(sp);
  } else {
    const value = quantityOf(storage);
    if (value !== undefined && value <= 0) out.invalid(sp, storage, 'must be greater than zero');
  }
  const storageClassName = asString(spec.storageClassName);
  if (storageClassName) out.invalidEach(path.child(at, 'storageClassName'), storageClassName, dns1123SubdomainErrors(storageClassName));
  const volumeMode = asString(spec.volumeMode);
  if (volumeMode !== undefined && !VOLUME_MODES.includes(volumeMode)) out.unsupported(path.child(at, 'volumeMode'), volumeMode, VOLUME_MODES);
}

/** validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate (ValidateTemplateObjectMeta, then the spec). */
function validateEphemeralVolumeSource(source: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  const template = asObject(source.volumeClaimTemplate);
  const tp = path.child(at, 'volumeClaimTemplate');
  if (!template) return out.required(tp);
  const metadata = asObject(template.metadata);
  if (metadata) {
    const mp = path.child(tp, 'metadata');
    validateAnnotations(metadata.annotations, path.child(mp, 'annotations'), out);
    validateLabels(metadata.labels, path.child(mp, 'labels'), out);
    for (const [field, reported] of FORBIDDEN_TEMPLATE_META) {
      if (!isZero(metadata[field])) out.forbidden(path.child(mp, reported), 'cannot be set');
    }
  }
  validatePersistentVolumeClaimSpec(asObject(template.spec) ?? {}, path.child(tp, 'spec'), options, out);
}

const PARTITION_MESSAGE = 'must be between 1 and 255, inclusive';

/** validateVolumeSource: exactly one source, then that source's own rules. */
function validateVolumeSource(volume: JsonObject, at: string, options: ValidationOptions, out: Violations): void {
  let count = 0;
  for (const [field, reported] of VOLUME_SOURCES) {
    const source = asObject(volume[field]);
    if (!source) continue;
    if (count++ > 0) {
      out.forbidden(path.child(at, reported), 'may not specify more than 1 volume type');
      continue;
    }
    const sp = path.child(at, field);
    switch (field) {
      case 'emptyDir': {
        const sizeLimit = quantityOf(source.sizeLimit);
        if (sizeLimit !== undefined && sizeLimit < 0) out.forbidden(path.child(sp, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity');
        break;
      }
      case 'hostPath': validateHostPathVolumeSource(source, sp, out); break;
      case 'gitRepo':
        if (isEmpty(source.repository)) out.required(path.child(sp, 'repository'));
        validateLocalDescendingPath(asString(source.directory) ?? '', path.child(sp, 'directory'), out);
        break;
      case 'gcePersistentDisk':
      case 'awsElasticBlockStore': {
        // gcePersistentDisk is reported as `persistentDisk`.
        const rp = field === 'gcePersistentDisk' ? path.child(at, 'persistentDisk') : sp;
        const idField = field === 'gcePersistentDisk' ? 'pdName' : 'volumeID';
        if (isEmpty(source[idField])) out.required(path.child(rp, idField));
        const partition = asInteger(source.partition) ?? 0;
        if (partition < 0 || partition > 255) out.invalid(path.child(rp, 'partition'), partition, PARTITION_MESSAGE);
        break;
      }
      case 'secret': validateKeyedVolumeSource(source, sp, 'secretName', out); break;
      case 'configMap': validateKeyedVolumeSource(source, sp, 'name', out); break;
      case 'nfs': {
        if (isEmpty(source.server)) out.required(path.child(sp, 'server'));
        const nfsPath = asString(source.path) ?? '';
        if (!nfsPath) out.required(path.child(sp, 'path'));
        if (!nfsPath.startsWith('/')) out.invalid(path.child(sp, 'path'), nfsPath, 'must be an absolute path');
        break;
      }
      case 'persistentVolumeClaim':
        if (isEmpty(source.claimName)) out.required(path.child(sp, 'claimName'));
        break;
      case 'downwardAPI': validateDownwardAPIVolumeSource(source, sp, out); break;
      case 'projected': validateProjectedVolumeSource(source, sp, out); break;
      case 'csi': validateCSIVolumeSource(source, sp, out); break;
      case 'ephemeral': validateEphemeralVolumeSource(source, sp, options, out); break;
      case 'storageos': {
        const volumeName = asString(source.volumeName) ?? '';
        if (!volumeName) out.required(path.child(sp, 'volumeName'));
        else out.invalidEach(path.child(sp, 'volumeName'), volumeName, dns1123LabelErrors(volumeName));
        const namespace = asString(source.volumeNamespace);
        if (namespace) out.invalidEach(path.child(sp, 'volumeNamespace'), namespace, dns1123LabelErrors(namespace));
        break;
      }
      default: {
        // cephfs is validated as `cephfs`, its own JSON name.
        for (const required of LEGACY_REQUIRED[field] ?? []) {
          if (isEmpty(source[required])) out.required(path.child(sp, required));
        }
      }
    }
  }
  if (count === 0) out.required(at, 'must specify a volume type');
}

/**
 * ValidateVolumes: each volume's name (a unique DNS label) and source. Returns the names of the volumes without
 * problems: as upstream, only those can be mounted (a mount of a volume with a problem is also `Not found`).
 */
export function validateVolumes(volumes: unknown, at: string, options: ValidationOptions, out: Violations): ReadonlySet<string> {
  const names = new Set<string>();
  const list = asArray(volumes);
  if (!list) return names;
  for (let i = 0; i < list.length; i++) {
    const volume = asObject(list[i]);
    if (!volume) continue;
    const vp = path.index(at, i);
    const before = out.list.length;
    validateVolumeSource(volume, vp, options, out);
    const name = asString(volume.name) ?? '';
    if (!name) out.required(path.child(vp, 'name'));
    else out.invalidEach(path.child(vp, 'name'), name, dns1123LabelErrors(name));
    if (names.has(name)) out.duplicate(path.child(vp, 'name'), name);
    if (out.list.length === before) names.add(name);
  }
  return names;
}

/** The volumes a volumeDevice may use: those backed by a claim (isMatchedDevice). */
export function claimVolumes(volumes: unknown, valid: ReadonlySet<string>): ReadonlySet<string> {
  const claims = new Set<string>();
  for (const entry of asArray(volumes) ?? []) {
    const volume = asObject(entry);
    const name = asString(volume?.name);
    if (volume && name && valid.has(name) && (asObject(volume.persistentVolumeClaim) || asObject(volume.ephemeral))) claims.add(name);
  }
  return claims;
}
