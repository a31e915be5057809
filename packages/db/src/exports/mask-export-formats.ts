// Plain constants (no Prisma), so client code (the web app's contracts) can import them through db/schemas.

export const MASK_EXPORT_FORMATS = ['png', 'coco', 'label-studio'] as const;
export type MaskExportFormat = (typeof MASK_EXPORT_FORMATS)[number];
export const MASK_EXPORT_STATUSES = ['queued', 'running', 'completed', 'failed', 'expired'] as const;
export type MaskExportStatus = (typeof MASK_EXPORT_STATUSES)[number];
