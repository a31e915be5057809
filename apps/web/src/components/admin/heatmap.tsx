/**
 * The model's attention map (float32 row-major, size × size, usually the latent grid) as an SVG of cells,
 * normalized to [0, 1] and coloured dark → yellow. Rendered on the server: no image codec needed.
 */
export function Heatmap({ values, size, px = 192 }: { values: Float32Array; size: number; px?: number }) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi > lo ? hi - lo : 1;
  const color = (t: number) => `hsl(${Math.round(260 - 200 * t)} 90% ${Math.round(12 + 50 * t)}%)`;
  const cells = [];
  for (let i = 0; i < size * size; i++) {
    const v = values[i] ?? 0;
    cells.push(<rect key={i} x={i % size} y={Math.floor(i / size)} width={1.02} height={1.02} fill={color(Number.isFinite(v) ? (v - lo) / span : 0)} />);
  }
  return (
    <svg viewBox={`0 0 ${size} ${size}`} width={px} height={px} role="img" aria-label={`attention heatmap ${size}×${size}`} data-testid="attention-heatmap" shapeRendering="crispEdges">
      {cells}
    </svg>
  );
}
