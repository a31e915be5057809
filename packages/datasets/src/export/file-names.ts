/** A file-system-safe, unique stem per id: characters outside [A-Za-z0-9._-] become '_', clashes get a suffix. */
export function uniqueStems(ids: readonly string[]): string[] {
  const used = new Map<string, number>();
  return ids.map((id) => {
    const base = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || 'mask';
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}
