/** Marks spans in text: ANSI reverse video on a terminal, [[…]] elsewhere. Overlapping spans merge. */
export function highlight(text: string, spans: readonly { start: number; end: number }[], tty: boolean): string {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  const open = tty ? '\x1b[1;31;7m' : '[[';
  const close = tty ? '\x1b[0m' : ']]';
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + open + text.slice(s.start, s.end) + close;
    at = s.end;
  }
  return out + text.slice(at);
}
