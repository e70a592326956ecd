/**
 * The volume sources beyond host paths, ConfigMaps, Secrets, emptyDirs and claims: projected, downwardAPI, CSI
 * and generic ephemeral volumes, written as in the manifest. Their API server rules (modes 0–0777, relative
 * paths, one source per projection, …) live in the manifest validator.
 */
import type { KeyToPath } from './pod-template';
import type { PersistentVolumeAccessMode } from '../constructs/ordered-store';

/**
 * A pod field a downwardAPI volume can write to a file: the pod's name, namespace, UID, or its labels or
 * annotations (all of them, or one by key).
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-fieldRef
 */
export type DownwardAPIVolumeFieldPath =
  | 'metadata.name'
  | 'metadata.namespace'
  | 'metadata.uid'
  | 'metadata.labels'
  | 'metadata.annotations'
  | `metadata.labels['${string}']`
  | `metadata.annotations['${string}']`;

/**
 * A request or limit of a container that the Downward API can expose.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/#downwardapi-resourceFieldRef
 */
export type ContainerResourceField =
  | 'limits.cpu' | 'limits.memory' | 'limits.ephemeral-storage' | `limits.hugepages-${string}`
  | 'requests.cpu' | 'requests.memory' | 'requests.ephemeral-storage' | `requests.hugepages-${string}`;

/** The file of a downwardAPI volume, and which one pod field or container resource it holds. */
export type DownwardAPIVolumeFile = {
  /** Relative path of the file in the volume. */
  readonly path: string;
  /** @default - the volume's defaultMode */
  readonly mode?: number;
} & (
  | { readonly fieldRef: { readonly fieldPath: DownwardAPIVolumeFieldPath }; readonly resourceFieldRef?: never }
  | {
    readonly resourceFieldRef: { readonly containerName: string; readonly resource: ContainerResourceField; readonly divisor?: string };
    readonly fieldRef?: never;
  }
);

/**
 * Pod fields and container resources as files.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
 */
export interface DownwardAPIVolumeSource {
  readonly items: readonly DownwardAPIVolumeFile[];
  /** @default 0o644 */
  readonly defaultMode?: number;
}

/**
 * A service account token the kubelet requests for the pod and rotates, for an audience of your choice (e.g. a
 * Vault or cloud identity endpoint). It does not need `automountServiceAccountToken`.
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
 */
export interface ServiceAccountTokenProjection {
  /** Relative path of the token file. */
  readonly path: string;
  /** @default - the API server's audience */
  readonly audience?: string;
  /** At least 600. @default 3600 */
  readonly expirationSeconds?: number;
}

/** The sources a projection can have; a projection names exactly one. */
interface ProjectionSources {
  readonly secret: { readonly name: string; readonly items?: readonly KeyToPath[]; readonly optional?: boolean };
  readonly configMap: { readonly name: string; readonly items?: readonly KeyToPath[]; readonly optional?: boolean };
  readonly downwardAPI: { readonly items: readonly DownwardAPIVolumeFile[] };
  readonly serviceAccountToken: ServiceAccountTokenProjection;
}

type OneProjection<K extends keyof ProjectionSources> =
  { readonly [P in K]: ProjectionSources[P] } & { readonly [P in Exclude<keyof ProjectionSources, K>]?: never };

/** One source of a projected volume: exactly one of `secret`, `configMap`, `downwardAPI` or `serviceAccountToken`. */
export type VolumeProjection =
  | OneProjection<'secret'>
  | OneProjection<'configMap'>
  | OneProjection<'downwardAPI'>
  | OneProjection<'serviceAccountToken'>;

/**
 * Several Secrets, ConfigMaps, Downward API files and service account tokens in one directory.
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/
 */
export interface ProjectedVolumeSource {
  readonly sources: readonly VolumeProjection[];
  /** @default 0o644 */
  readonly defaultMode?: number;
}

/**
 * A volume a CSI driver provides for the pod's lifetime (e.g. the Secrets Store CSI driver), without a claim.
 * @see https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#csi-ephemeral-volumes
 */
export interface CSIVolumeSource {
  /** The driver's name, e.g. `'secrets-store.csi.k8s.io'`. */
  readonly driver: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** @default - the driver's default */
  readonly fsType?: string;
  /** Driver-specific settings. @default - none */
  readonly volumeAttributes?: Readonly<Record<string, string>>;
  /** A Secret passed to the driver. @default - none */
  readonly nodePublishSecretRef?: { readonly name: string };
}

/**
 * A PersistentVolumeClaim created with the pod and deleted with it: scratch space from a StorageClass.
 * @see https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#generic-ephemeral-volumes
 */
export interface EphemeralVolumeSource {
  readonly volumeClaimTemplate: {
    /** Labels and annotations of the claim. @default - none */
    readonly metadata?: { readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
    readonly spec: {
      readonly accessModes: readonly PersistentVolumeAccessMode[];
      /** The size, e.g. `{ requests: { storage: '1Gi' } }`. */
      readonly resources: { readonly requests: { readonly storage: string }; readonly limits?: { readonly storage?: string } };
      /** @default - the cluster's default StorageClass */
      readonly storageClassName?: string;
      /** `Block` for a raw device, used through a container's `volumeDevices`. @default 'Filesystem' */
      readonly volumeMode?: 'Filesystem' | 'Block';
    };
  };
}
