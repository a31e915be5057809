export { storeSample, encodeStoredRle, type IncomingSample } from './store-sample.ts';
export { decodeStoredMask, type StoredMask } from './stored-mask.ts';
export { generateIntoProject, type GenerateProgress } from './generate-into-project.ts';
export { projectSink, type ImportedMaskRole } from './db-sink.ts';
export { exportProjectMasks, type ExportFormat } from './export-project.ts';
