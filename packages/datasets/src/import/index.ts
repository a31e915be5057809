export type { ImportIssue, ImportIssueCode, ImportProgress, ImportReport, ImportSample, ImportSink } from './types.ts';
export { MemorySink } from './memory-sink.ts';
export { DEFAULT_SPLIT_RATIOS, splitForGroup, splitRatiosSchema, type SplitRatios } from './split.ts';
export { normalizeManifestPath, parseManifestCsv, parseManifestJson, type Manifest, type ManifestEntry } from './manifest.ts';
export { decodeMaskFile, runImport, type ImportCandidate, type ImportOptions } from './pipeline.ts';
export { IMAGE_EXTENSIONS, importFolder, scanFolder, type FolderImportOptions, type ScanResult } from './folder.ts';
export { importFaceForensics, scanFaceForensics, videoGroup, type FaceForensicsImportOptions } from './faceforensics.ts';
export { walkFiles } from './safe-walk.ts';
export * from './masks/index.ts';
