import { quote } from '../match-spans.js';
import { scanObfuscation } from '../obfuscation-scan.js';
import type { Rule } from '../tag.js';

/** obfuscation: invisible characters, mixed-script words ("pаypal" with Cyrillic а), leetspeak ("fr33", "v3rify"). */
export const obfuscationRule: Rule = {
  tag: 'obfuscation',
  // a leet word decodes to Latin letters, so it is letters and leet characters only, unless it
  // holds Greek / Cyrillic ones: either way one of these holds
  mayApply: (ctx) => ctx.profile.invisible || ctx.profile.otherScript || ctx.profile.leetNextToLetter,
  apply(ctx) {
    const f = scanObfuscation(ctx.text, ctx.folded);
    const parts: string[] = [];
    if (f.invisible.length > 0) parts.push(`hides ${f.invisible.length === 1 ? 'an invisible character' : `${f.invisible.length} runs of invisible characters`} inside the text`);
    if (f.mixedScript.length > 0) parts.push(`mixes alphabets inside "${quote(ctx.text, f.mixedScript[0])}"`);
    if (f.leet.length > 0) parts.push(`spells "${quote(ctx.text, f.leet[0])}" with digits or symbols`);
    if (parts.length === 0) return null;
    const spans = [...f.invisible, ...f.mixedScript, ...f.leet].sort((a, b) => a.start - b.start);
    return { tag: 'obfuscation', reason: parts.join('; '), spans };
  },
};
