import { encodeCompressedRle, encodeRle, maskArea, maskBbox, type BinaryMask, type CompressedRle, type UncompressedRle } from '@lae-studio/mask-codec';

export interface CocoExportImage {
  id: number;
  fileName: string;
  width: number;
  height: number;
  /** Forgery masks of this image (none for reals); each becomes one annotation. */
  masks: { mask: BinaryMask; category: string }[];
}

export interface CocoCategory {
  id: number;
  name: string;
  supercategory: string;
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  segmentation: CompressedRle | UncompressedRle;
  area: number;
  bbox: [number, number, number, number];
  iscrowd: 0 | 1;
}

export interface CocoDataset {
  info: { description: string; version: string; date_created: string };
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
}

export interface CocoExportOptions {
  /** 'string' (default): pycocotools' compressed counts; 'list': the uncompressed counts array. */
  counts?: 'string' | 'list';
  /** Category names in id order (ids from 1); default: every category used, sorted. */
  categories?: string[];
  /**
   * iscrowd for the RLE annotations. Default 0: each mask is one object, scored by COCO evaluation
   * (pycocotools reads RLE segmentations either way; crowd regions would be ignored by the evaluator).
   */
  iscrowd?: 0 | 1;
  description?: string;
  /** ISO date for `info`; default now (a caller may fix it for reproducible files). */
  dateCreated?: string;
}

/**
 * A COCO instance-segmentation dataset with RLE segmentations. Pure: the caller writes the JSON.
 * Empty masks produce no annotation; a mask whose size differs from its image is an error.
 */
export function exportCoco(images: readonly CocoExportImage[], options: CocoExportOptions = {}): CocoDataset {
  const names = options.categories ?? [...new Set(images.flatMap((im) => im.masks.map((m) => m.category)))].sort();
  const categoryId = new Map(names.map((name, i) => [name, i + 1]));
  const annotations: CocoAnnotation[] = [];
  for (const image of images) {
    for (const { mask, category } of image.masks) {
      if (mask.width !== image.width || mask.height !== image.height) {
        throw new RangeError(`mask of image ${image.id} is ${mask.width}×${mask.height}, the image ${image.width}×${image.height}`);
      }
      const id = categoryId.get(category);
      if (id === undefined) throw new RangeError(`category ${JSON.stringify(category)} of image ${image.id} is not in the category list`);
      const area = maskArea(mask);
      if (area === 0) continue;
      annotations.push({
        id: annotations.length + 1,
        image_id: image.id,
        category_id: id,
        segmentation: options.counts === 'list' ? encodeRle(mask) : encodeCompressedRle(mask),
        area,
        bbox: maskBbox(mask),
        iscrowd: options.iscrowd ?? 0,
      });
    }
  }
  return {
    info: {
      description: options.description ?? 'LAE Studio forgery masks',
      version: '1.0',
      date_created: options.dateCreated ?? new Date().toISOString(),
    },
    images: images.map((im) => ({ id: im.id, file_name: im.fileName, width: im.width, height: im.height })),
    annotations,
    categories: names.map((name, i) => ({ id: i + 1, name, supercategory: 'forgery' })),
  };
}
