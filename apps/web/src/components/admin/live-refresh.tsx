'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * Live updates by polling: re-render the server components every `seconds` while `active` (e.g. a round
 * is running), and stop when the tab is hidden. The page stays server-rendered from Postgres.
 */
export function LiveRefresh({ active, seconds = 2 }: { active: boolean; seconds?: number }) {
  const router = useRouter();
  const [at, setAt] = useState<string | null>(null);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') {
        router.refresh();
        setAt(new Date().toLocaleTimeString());
      }
    }, seconds * 1000);
    return () => clearInterval(t);
  }, [active, seconds, router]);
  return (
    <span className="muted live" data-testid="live-indicator">
      {active ? `● live${at ? ` · ${at}` : ''}` : 'idle'}
    </span>
  );
}
