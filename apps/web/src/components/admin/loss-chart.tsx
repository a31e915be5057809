'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface LossPoint {
  epoch: number;
  train: number;
  validation: number | null;
  accuracy: number | null;
}

/** A round's training curve from Round.progress.history: loss per epoch and validation accuracy. */
export function LossChart({ history }: { history: LossPoint[] }) {
  if (history.length === 0) return <p className="muted">The loss curve appears after the first epoch.</p>;
  return (
    <div className="chart" data-testid="loss-chart" style={{ height: 220 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={history} margin={{ top: 8, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#2a2f3a" />
          <XAxis dataKey="epoch" stroke="#9aa3b2" />
          <YAxis yAxisId="loss" domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(3)} stroke="#9aa3b2" />
          <YAxis yAxisId="acc" orientation="right" domain={[0, 1]} stroke="#9aa3b2" />
          <Tooltip contentStyle={{ background: '#171a21', border: '1px solid #2a2f3a' }} />
          <Legend />
          <Line yAxisId="loss" type="monotone" dataKey="train" name="loss (total)" stroke="#6ea8fe" dot isAnimationActive={false} />
          <Line yAxisId="acc" type="monotone" dataKey="accuracy" name="val accuracy" stroke="#5fd39a" dot isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
