'use client';

import { decodeRle } from '@lae-studio/mask-codec';
import { useEffect, useRef } from 'react';
import { PALETTES } from '@/editor/render/palette';

/** A sample's image with a mask over it, drawn small (fit in `size` px); an empty mask shows the image alone. */
export function MaskThumbnail({ sampleId, width, height, counts, size = 96 }: { sampleId: string; width: number; height: number; counts: string | null; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scale = size / Math.max(width, height);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const img = new Image();
    img.src = `/api/samples/${sampleId}/image`;
    let live = true;
    void img.decode().then(
      () => {
        if (!live) return;
        const ctx = el.getContext('2d')!;
        ctx.imageSmoothingEnabled = scale < 2;
        ctx.drawImage(img, 0, 0, el.width, el.height);
        if (!counts) return;
        const mask = decodeRle({ size: [height, width], counts });
        const layer = Object.assign(document.createElement('canvas'), { width, height });
        const lctx = layer.getContext('2d')!;
        const data = lctx.createImageData(width, height);
        const [r, g, b] = PALETTES.standard.mask;
        for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) data.data.set([r, g, b, 150], i * 4);
        lctx.putImageData(data, 0, 0);
        ctx.drawImage(layer, 0, 0, el.width, el.height);
      },
      () => undefined,
    ).finally(() => {
      // Drawn (or the image could not be loaded): screenshots and tests wait for this.
      if (live) el.dataset.state = 'drawn';
    });
    return () => {
      live = false;
    };
  }, [sampleId, width, height, counts, scale]);
  return <canvas ref={canvas} className="thumb" width={Math.round(width * scale)} height={Math.round(height * scale)} aria-label="Mask thumbnail" />;
}
