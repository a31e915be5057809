'use client';

import type { ReactNode } from 'react';

/** A yes / no question over the editor; Enter confirms (the button has focus), Esc cancels. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: { title: string; children: ReactNode; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div className="editor-dialog" role="alertdialog" aria-label={title} data-testid="confirm-dialog">
      <h2>{title}</h2>
      <p>{children}</p>
      <div className="row">
        <button type="button" autoFocus onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
