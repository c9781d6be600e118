const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }

/** "90s", "15m", "1h", "1h30m", "2d" (or "0") → seconds; undefined for anything else. */
export const parseDuration = (text: string): number | undefined => {
  // nothing needs a unit
  if (text === '0') return 0
  if (!/^(\d+[smhd])+$/.test(text)) return undefined
  let seconds = 0
  for (const [, n, unit] of text.matchAll(/(\d+)([smhd])/g))
    seconds += Number(n) * (UNIT_SECONDS[unit as string] as number)
  return seconds
}
