export { exportMaskPngs, type ExportFile, type MaskExportRecord } from './mask-pngs.ts';
export {
  exportCoco,
  type CocoAnnotation,
  type CocoCategory,
  type CocoDataset,
  type CocoExportImage,
  type CocoExportOptions,
} from './coco.ts';
export { fromLabelStudioRle, toLabelStudioBrushResult, toLabelStudioRle, type LabelStudioBrushResult } from './label-studio.ts';
export { writeExportFiles } from './write-files.ts';
export { uniqueStems } from './file-names.ts';
