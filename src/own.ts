/**
 * A record's own value at `key`, never one it inherits: categories, tags and permalinks are keys
 * like any other, `constructor` and `__proto__` included.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
