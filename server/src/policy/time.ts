// Human times for hovers and text output: "3 days ago", "7 weeks ago", "7 years ago" — the unit a
// person would use, never "2763 days".

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'} ago`;

export function relativeTime(then: number, now: number): string {
  const s = Math.round((now - then) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return plural(s, 'second');
  const m = Math.round(s / 60);
  if (m < 60) return plural(m, 'minute');
  const h = Math.round(m / 60);
  if (h < 48) return plural(h, 'hour');
  const d = Math.round(h / 24);
  if (d < 14) return plural(d, 'day');
  if (d < 60) return plural(Math.round(d / 7), 'week');
  const mo = Math.round(d / 30.44);
  if (mo < 24) return plural(mo, 'month');
  return plural(Math.floor(d / 365.25), 'year');
}

export function utcTime(ms: number): string {
  if (Number.isNaN(ms)) return 'an unknown time';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
