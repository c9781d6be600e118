/**
 * Time left as a person reads it: "5h 12m", "12m", "<1m", "expired". The one
 * rule for every message and the table: whole minutes, rounded down (a
 * session is never said to last longer than it does).
 */
export const formatLeft = (seconds: number): string => {
  if (seconds <= 0) return 'expired'
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  if (h > 0) return `${h}h ${m}m`
  if (m > 0) return `${m}m`
  return '<1m'
}
