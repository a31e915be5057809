export { storeSample, encodeStoredRle, type IncomingSample } from './store-sample.ts';
export { decodeStoredMask, type StoredMask } from './stored-mask.ts';
export { generateIntoProject, type GenerateProgress } from './generate-into-project.ts';
export { projectSink, type ImportedMaskRole } from './db-sink.ts';
export { exportProjectMasks, type ExportFormat } from './export-project.ts';
export { backupProject } from './backup/backup-project.ts';
export { restoreProject } from './backup/restore-project.ts';
export { BACKUP_FORMAT, BACKUP_VERSION, type BackupManifest } from './backup/format.ts';
export { importMasksIntoProject } from './import-masks.ts';
