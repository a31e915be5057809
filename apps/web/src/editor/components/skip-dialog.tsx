'use client';

import { useState } from 'react';

const REASONS = ['Image unclear or too small', 'Not the expected content', "Can't tell where the forgery is", 'Other'];

export function SkipDialog({ onSkip, onCancel }: { onSkip: (reason: string) => void; onCancel: () => void }) {
  const [choice, setChoice] = useState(REASONS[0]!);
  const [other, setOther] = useState('');
  const reason = choice === 'Other' ? other.trim() : choice;
  return (
    <form
      className="editor-dialog"
      role="dialog"
      aria-label="Skip this task"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) onSkip(reason);
      }}
    >
      <h2>Skip this task</h2>
      {REASONS.map((r) => (
        <label key={r} className="radio">
          <input type="radio" name="reason" value={r} checked={choice === r} onChange={() => setChoice(r)} /> {r}
        </label>
      ))}
      {choice === 'Other' && <input aria-label="Reason" autoFocus maxLength={500} value={other} onChange={(e) => setOther(e.target.value)} placeholder="Why skip?" />}
      <div className="row">
        <button type="submit" disabled={!reason}>
          Skip task
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
