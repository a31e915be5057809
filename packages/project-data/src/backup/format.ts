/** On-disk layout of a project backup (a folder; tar it for transport):
 *   backup.json           format version, the project and every row that belongs to it (bytes as base64)
 *   blobs/<sha256>        each image, as stored (content-addressed)
 *   artifacts/<id>.bin    each model artifact (TensorFlow.js bundle)
 */
export const BACKUP_FORMAT = 'lae-studio-project-backup';
export const BACKUP_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The newest migration applied when the backup was made: a restore needs at least that schema. */
  schema: string | null;
  counts: Record<string, number>;
  project: Record<string, unknown>;
  /** Users are referenced by email: ids differ between installations. */
  users: { id: string; email: string }[];
  samples: Record<string, unknown>[];
  masks: Record<string, unknown>[];
  rounds: Record<string, unknown>[];
  tasks: Record<string, unknown>[];
  models: Record<string, unknown>[];
  artifacts: { modelVersionId: string; format: string; sha256: string; file: string }[];
  auditEvents: Record<string, unknown>[];
}
