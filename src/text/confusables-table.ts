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

/**
 * The BMP characters whose lowercase or uppercase form is in GROUPS (and which NFKC leaves
 * alone), with the same skeleton: the closure `closeUnderCase` computes, written out because
 * computing it means case-mapping all 65k BMP characters (~15 ms of every start-up). The
 * confusables test checks this list against `closeUnderCase` for the running Node.
 */
const CASE_PARTNERS: Record<string, string> = {
  a: '\u0386\u0531\u2c6d\uab7a',
  b: '\u13fc\u1c80',
  c: '\u1c83\uabaf',
  d: '\uab70',
  e: '\u0388\uab7c',
  f: '\u03dc',
  g: '\u050d\u0551\ua7ac\uab90',
  h: '\u0540\uab8b',
  i: '\u0196\u0345\u038a\u03aa\ua7ae\uab75',
  j: '\u037f\uab7b',
  k: '\uabb6',
  l: '\uabae',
  m: '\uab87',
  n: '\u0389\u041f\u0548',
  o: '\u038c\u0555\u1c82',
  p: '\uabb2',
  q: '\u0536',
  r: '\u01a6\u0413\uaba2',
  s: '\uabaa',
  t: '\u1c84\u1c85\uab72',
  u: '\u038e\u03ab\u054d',
  v: '\uaba9',
  w: '\u038f\u03a9\uab83',
  y: '\u0393',
  z: '\u03b6\uab93',
};

let table: Map<number, number> | undefined;

/**
 * The code-unit → ASCII map, built once and closed under case mapping: every BMP character
 * whose lowercase or uppercase form is a key is a key too, so a later `lowercase` step can
 * never turn an unmapped character into a mapped one (which would break idempotence).
 */
export function confusablesTable(): ReadonlyMap<number, number> {
  if (table) return table;
  const t = groupTable(GROUPS);
  // in code-unit order, as the closure adds them (so iteration order is as it always was)
  const partners = groupTable(CASE_PARTNERS);
  for (const c of [...partners.keys()].sort((a, b) => a - b)) t.set(c, partners.get(c)!);
  table = t;
  return t;
}

/** GROUPS as a code-unit → ASCII map (without the case partners). */
export function groupTable(groups: Readonly<Record<string, string>> = GROUPS): Map<number, number> {
  const t = new Map<number, number>();
  for (const [latin, chars] of Object.entries(groups)) {
    for (const ch of chars) t.set(ch.charCodeAt(0), latin.charCodeAt(0));
  }
  return t;
}

/**
 * `base` plus every BMP character (not a surrogate, NFKC-stable) whose lowercase or else
 * uppercase form is a key of `base`, mapped like that form: how CASE_PARTNERS was made.
 */
export function closeUnderCase(base: ReadonlyMap<number, number>): Map<number, number> {
  const t = new Map(base);
  for (let c = 0x80; c <= 0xffff; c++) {
    if (t.has(c) || (c >= 0xd800 && c <= 0xdfff)) continue;
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const via = lower.length === 1 && t.has(lower.charCodeAt(0)) ? lower : upper.length === 1 && t.has(upper.charCodeAt(0)) ? upper : '';
    if (via !== '' && ch.normalize('NFKC') === ch) t.set(c, t.get(via.charCodeAt(0))!);
  }
  return t;
}
