/**
 * Look-alike characters and their Latin skeleton (always lowercase ASCII), after UTS #39's
 * confusables for the scripts seen in phishing: Cyrillic, Greek, Armenian, Cherokee, Lisu,
 * IPA and small capitals. Fullwidth and mathematical letters are left to NFKC. No key is a
 * precomposed Latin letter, so NFKC recomposition can never produce a key.
 */
const GROUPS: Record<string, string> = {
  a: 'аАαΑάɑᴀꓮᎪա',
  b: 'ВвЬьβΒʙꓐᏴ',
  c: 'сСϲϹᴄꓚᏟ',
  d: 'ԁԀꓓᎠ',
  e: 'еЕёЁεΕέᴇꓰᎬ',
  f: 'ꓝϝ',
  g: 'ɡɢԌꓖᏀց',
  h: 'һҺНнΗʜꓧᎻհ',
  i: 'іІїЇıɩɪιΙίϊΐӀꓲᎥ',
  j: 'јЈϳȷᴊꓙᎫ',
  k: 'кКκΚᴋꓗᏦ',
  l: 'ӏʟꓡᏞ',
  m: 'мМΜᴍꓟᎷ',
  n: 'пηήΝɴꓠո',
  o: 'оОοΟόᴏꓳօ',
  p: 'рРρΡᴘꓑᏢ',
  q: 'ԛԚզ',
  r: 'гʀꓣᏒ',
  s: 'ѕЅꜱꓢᏚ',
  t: 'тТτΤᴛꓔᎢ',
  u: 'υύϋᴜꓴսμ',
  v: 'νᴠꓦᏙѵѴ',
  w: 'ԝԜωώᴡꓪᎳшШ',
  x: 'хХχΧꓫ',
  y: 'уУүҮγΥʏꓬ',
  z: 'ΖᴢꓜᏃ',
};

let table: Map<number, number> | undefined;

/**
 * The code-unit → ASCII map, built once and closed under case mapping: every BMP character
 * whose lowercase or uppercase form is a key is a key too, so a later `lowercase` step can
 * never turn an unmapped character into a mapped one (which would break idempotence).
 */
export function confusablesTable(): ReadonlyMap<number, number> {
  if (table) return table;
  const t = new Map<number, number>();
  for (const [latin, chars] of Object.entries(GROUPS)) {
    for (const ch of chars) t.set(ch.charCodeAt(0), latin.charCodeAt(0));
  }
  for (let c = 0x80; c <= 0xffff; c++) {
    if (t.has(c) || (c >= 0xd800 && c <= 0xdfff)) continue;
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const via = lower.length === 1 && t.has(lower.charCodeAt(0)) ? lower : upper.length === 1 && t.has(upper.charCodeAt(0)) ? upper : '';
    if (via !== '' && ch.normalize('NFKC') === ch) t.set(c, t.get(via.charCodeAt(0))!);
  }
  table = t;
  return t;
}
