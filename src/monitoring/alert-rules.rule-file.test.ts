import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MONITORING_GAUGES } from '../serving/monitoring-gauges.js';
import { alertRules, renderAlertRules } from './alert-rules.js';
import { DEFAULT_MONITORING_CONFIG, type MonitoringConfig } from './config.js';

const FILE = new URL('../../../deploy/prometheus/warden-alerts.yml', import.meta.url);

/**
 * Parses the YAML subset the rule file uses: comments, `key: value` maps by indentation,
 * `- ` list items, plain or double-quoted (JSON-escaped) scalars. Throws on anything else,
 * so the file cannot silently drift out of what Prometheus and this check both read.
 */
function parseYamlSubset(text: string): unknown {
  const lines = text.split('\n').map((raw, i) => ({ raw, i: i + 1 })).filter(({ raw }) => raw.trim() !== '' && !raw.trimStart().startsWith('#'));
  let pos = 0;
  const indentOf = (s: string) => s.length - s.trimStart().length;
  const scalar = (s: string, line: number): unknown => {
    if (s.startsWith('"')) {
      try {
        return JSON.parse(s);
      } catch {
        throw new Error(`line ${line}: bad quoted string`);
      }
    }
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    if (/[:#{}[\]"']/.test(s)) throw new Error(`line ${line}: unquoted special characters in ${s}`);
    return s;
  };
  function block(indent: number): unknown {
    const first = lines[pos];
    if (first.raw.trimStart().startsWith('- ')) {
      const list: unknown[] = [];
      while (pos < lines.length && indentOf(lines[pos].raw) === indent && lines[pos].raw.trimStart().startsWith('- ')) {
        // Turn "- key: v" into a map entry at indent + 2.
        lines[pos] = { raw: ' '.repeat(indent + 2) + lines[pos].raw.trimStart().slice(2), i: lines[pos].i };
        list.push(block(indent + 2));
      }
      return list;
    }
    const map: Record<string, unknown> = {};
    while (pos < lines.length && indentOf(lines[pos].raw) === indent && !lines[pos].raw.trimStart().startsWith('- ')) {
      const { raw, i } = lines[pos];
      const m = /^(\s*)([A-Za-z_][\w-]*):(?: (.*))?$/.exec(raw);
      if (!m) throw new Error(`line ${i}: not a key: value line: ${raw}`);
      pos++;
      if (m[3] !== undefined && m[3] !== '') map[m[2]] = scalar(m[3], i);
      else {
        if (pos >= lines.length || indentOf(lines[pos].raw) <= indent) throw new Error(`line ${i}: empty value`);
        map[m[2]] = block(indentOf(lines[pos].raw));
      }
    }
    return map;
  }
  const doc = block(0);
  if (pos !== lines.length) throw new Error(`line ${lines[pos].i}: unexpected indentation`);
  return doc;
}

test('deploy/prometheus/warden-alerts.yml is renderAlertRules(defaults), byte for byte', () => {
  assert.equal(readFileSync(FILE, 'utf8'), renderAlertRules(DEFAULT_MONITORING_CONFIG));
});

test('the rule file parses: one group, every rule has alert, expr, for, severity and summary', () => {
  const doc = parseYamlSubset(readFileSync(FILE, 'utf8')) as { groups: { name: string; rules: Record<string, any>[] }[] };
  assert.equal(doc.groups.length, 1);
  assert.equal(doc.groups[0].name, 'warden-monitoring');
  const rules = doc.groups[0].rules;
  assert.equal(rules.length, alertRules(DEFAULT_MONITORING_CONFIG).length);
  for (const r of rules) {
    assert.match(r.alert, /^Warden[A-Za-z]+$/);
    assert.equal(typeof r.expr, 'string');
    assert.match(r.for, /^\d+[smh]$/);
    assert.ok(['warning', 'critical'].includes(r.labels.severity));
    assert.equal(typeof r.annotations.summary, 'string');
  }
  const byName = new Map(rules.map((r) => [r.alert, r.expr as string]));
  assert.equal(byName.get('WardenScoreDriftAct'), 'warden_monitoring_score_psi{window="day"} > 0.25');
  assert.match(byName.get('WardenScoreDriftWatch')!, />= 0\.1 and/);
  assert.match(byName.get('WardenTprBelowFloor')!, /warden_monitoring_tpr < 0\.9 /);
  assert.match(byName.get('WardenFprAboveCeiling')!, /warden_monitoring_fpr > 0\.05 /);
  assert.match(byName.get('WardenPrecisionBelowFloor')!, /warden_monitoring_precision < 0\.75 /);
});

test('every metric an alert uses is a gauge the service publishes', () => {
  const published = new Set<string>(Object.values(MONITORING_GAUGES));
  for (const r of alertRules(DEFAULT_MONITORING_CONFIG)) {
    for (const name of r.expr.match(/warden_[a-z_0-9]+/g) ?? []) assert.ok(published.has(name), `${r.alert} uses unknown metric ${name}`);
  }
});

test('configured thresholds reach the rendered rules', () => {
  const config: MonitoringConfig = { ...DEFAULT_MONITORING_CONFIG, psi: { watch: 0.05, act: 0.2 }, floors: { tpr: 0.8, fpr: 0.1, precision: 0.6 }, minLabels: 100 };
  const text = renderAlertRules(config);
  assert.match(text, /warden_monitoring_score_psi\{window=\\"day\\"\} > 0\.2"/);
  assert.match(text, /warden_monitoring_tpr < 0\.8 and on\(model_version\) warden_monitoring_labels >= 100/);
  assert.match(text, /warden_monitoring_fpr > 0\.1 /);
  assert.ok(parseYamlSubset(text));
});

test('the YAML-subset check rejects malformed files', () => {
  assert.throws(() => parseYamlSubset('groups:\n  - name: x\n   bad: indent\n'));
  assert.throws(() => parseYamlSubset('expr: a{b="c"}\n'));
  assert.throws(() => parseYamlSubset('groups:\n'));
});
