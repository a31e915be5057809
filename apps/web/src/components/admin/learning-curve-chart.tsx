'use client';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface CurvePointView {
  round: number | null;
  maskedShare: number;
  seenAccuracy: number | null;
  seenAuc: number | null;
  unseenAccuracy: number | null;
  unseenAuc: number | null;
}

const fmtPct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * The headline chart: seen/unseen accuracy and AUC against the share of training fakes masked, one point
 * per round; a no-mask baseline as dashed horizontal lines when one exists; the paper's 3% as a marker.
 */
export function LearningCurveChart({ points, baseline }: { points: CurvePointView[]; baseline: CurvePointView | null }) {
  if (points.length === 0) return <p className="muted">No evaluated model yet: the curve gets a point when a round's model is evaluated.</p>;
  const xMax = Math.max(0.035, ...points.map((p) => p.maskedShare)) * 1.1;
  return (
    <div className="chart" data-testid="learning-curve-chart" style={{ height: 340 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 20, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#2a2f3a" />
          <XAxis
            dataKey="maskedShare"
            type="number"
            domain={[0, xMax]}
            tickFormatter={fmtPct}
            stroke="#9aa3b2"
            label={{ value: 'share of training fakes masked', position: 'insideBottomRight', offset: -4, fill: '#9aa3b2', fontSize: 12 }}
          />
          <YAxis domain={[0, 1]} tickFormatter={fmtPct} stroke="#9aa3b2" />
          <Tooltip contentStyle={{ background: '#171a21', border: '1px solid #2a2f3a' }} formatter={(v) => (typeof v === 'number' ? fmtPct(v) : String(v))} labelFormatter={(v) => `masked ${fmtPct(Number(v))}`} />
          <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 18 }} />
          <ReferenceLine x={0.03} stroke="#f27474" strokeDasharray="4 3" label={{ value: '3% (paper)', fill: '#f27474', position: 'top', fontSize: 12 }} />
          {baseline?.unseenAccuracy != null && <ReferenceLine y={baseline.unseenAccuracy} stroke="#f0b35e" strokeDasharray="6 4" label={{ value: 'no-mask unseen acc', fill: '#f0b35e', position: 'insideTopRight' }} />}
          {baseline?.seenAccuracy != null && <ReferenceLine y={baseline.seenAccuracy} stroke="#9aa3b2" strokeDasharray="6 4" label={{ value: 'no-mask seen acc', fill: '#9aa3b2', position: 'insideBottomRight' }} />}
          <Line type="monotone" dataKey="unseenAccuracy" dot={{ r: 4 }} name="unseen accuracy" stroke="#f0b35e" strokeWidth={2} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="unseenAuc" name="unseen AUC" stroke="#f27474" isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="seenAccuracy" dot={{ r: 4 }} name="seen accuracy" stroke="#6ea8fe" strokeWidth={2} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="seenAuc" name="seen AUC" stroke="#5fd39a" isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
