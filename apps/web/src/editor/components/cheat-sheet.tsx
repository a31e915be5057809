'use client';

import { SHORTCUTS } from '../shortcuts';

export function CheatSheet({ onClose, shortcuts = SHORTCUTS }: { onClose: () => void; shortcuts?: readonly { keys: string; command: string; label: string }[] }) {
  return (
    <div className="editor-dialog" role="dialog" aria-label="Keyboard shortcuts" data-testid="cheat-sheet">
      <h2>Keyboard shortcuts</h2>
      <table>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.command}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
