// Type tests for values parsed from a cache file's JSON.

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== ''
